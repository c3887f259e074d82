/**
 * CI's proof that the hidden suites assert something: every test of every suite must FAIL against
 * the pristine stubs (a test that passes on a `throw new Error('TODO')` stub checks nothing), the
 * stubs must type-check against the suites, and every kata must have its whole anatomy.
 *
 * Run on a clean checkout: it refuses to run when katas/ differs from git's HEAD.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestModule } from 'vitest/node';
import { learnerFile, suitePath } from '../paths.ts';
import { KATAS } from '../registry.ts';
import { REPO_ROOT } from '../paths.ts';
import { startSuites } from '../wiring/run-suite.ts';
import { type RunSummary, summarise } from '../wiring/summary.ts';
import { clauseProblems } from '../kit/clauses.ts';
import { pristineStub } from '../kit/pristine.ts';
import { anatomyProblems } from './anatomy.ts';

// `npm run check:stubs -- <slug>…` checks only those katas (the type-check still covers all stubs).
const requested = process.argv.slice(2);
for (const slug of requested) {
  if (!KATAS.some((k) => k.slug === slug)) {
    console.error(`unknown kata ${slug}`);
    process.exit(2);
  }
}
const CHECKED = requested.length === 0 ? KATAS : KATAS.filter((k) => requested.includes(k.slug));

function pristineProblems(): string[] {
  const stubs = CHECKED.map((k) => learnerFile(REPO_ROOT, k.slug));
  // A stub git does not track yet ("??") belongs to a kata being written: it is its own pristine.
  const changed = execFileSync('git', ['status', '--porcelain', '--', ...stubs], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('??'))
    .join('\n');
  return changed === '' ? [] : [`these stubs differ from git's HEAD, so they are not pristine:\n${changed}`];
}

/** tsc paths allow one `*`, and a stub lives at katas/<slug>/<slug>.ts: list each kata instead. */
function typecheckStubs(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kata-stubs-'));
  const config = {
    extends: join(REPO_ROOT, 'tsconfig.json'),
    compilerOptions: {
      paths: Object.fromEntries(
        KATAS.flatMap((k) =>
          ['@impl', '@impl-counted'].map((alias) => [`${alias}/${k.slug}`, [learnerFile(REPO_ROOT, k.slug)]]),
        ),
      ),
      // The config lives in a temporary directory, where `types: ["node"]` would not find @types/node.
      typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
    },
    include: [
      join(REPO_ROOT, 'katas/**/*.ts'),
      join(REPO_ROOT, 'kits/*/suite.test.ts'),
      join(REPO_ROOT, 'src/**/*.d.ts'),
    ],
  };
  const file = join(dir, 'tsconfig.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  try {
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', file], { cwd: REPO_ROOT, encoding: 'utf8' });
    return [];
  } catch (error) {
    return [
      `the pristine stubs do not type-check against the suites:\n${(error as { stdout?: string }).stdout ?? String(error)}`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each kata's suite run against its stub, by slug. */
async function runAgainstStubs(): Promise<Map<string, RunSummary>> {
  const summaries = new Map<string, RunSummary>();
  const perModule = {
    onTestRunEnd: (modules: ReadonlyArray<TestModule>) => {
      for (const module of modules) {
        const slug = KATAS.find((k) => module.moduleId.endsWith(`/${suitePath(k.slug)}`))?.slug;
        if (slug !== undefined) summaries.set(slug, summarise([module], []));
      }
    },
  };
  const vitest = await startSuites(REPO_ROOT, CHECKED, { kind: 'learner' }, { reporters: [perModule] });
  await vitest.close();
  return summaries;
}

const problems = [
  ...CHECKED.flatMap((kata) => anatomyProblems(REPO_ROOT, kata, pristineStub(REPO_ROOT, kata))),
  ...pristineProblems(),
];
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.log(`stub check: ${problems.length} anatomy problem(s)`);
  process.exit(1);
}
console.log(`✓ anatomy: ${CHECKED.length} katas have prompt (en + 中文), stub, property template and a whole kit`);

const typeProblems = typecheckStubs();
for (const problem of typeProblems) console.error(`✗ ${problem}`);
if (typeProblems.length === 0) console.log('✓ the pristine stubs type-check against the hidden suites');

const bySlug = await runAgainstStubs();
const summaries = [...bySlug.values()];
let failedAsRequired = 0;
let passedWrongly = 0;
for (const summary of summaries) {
  failedAsRequired += summary.failed;
  passedWrongly += summary.passed;
  for (const name of summary.passedNames)
    console.error(`✗ passes on the untouched stub, so it asserts nothing: ${name}`);
  if (summary.failed === 0)
    console.error(`✗ a suite ran no failing test against its stub: ${summary.loadErrors[0] ?? 'no tests'}`);
}
// Every clause of every prompt names tests that exist (the stub run saw every test's name).
const clauseIssues = [...bySlug].flatMap(([slug, summary]) => clauseProblems(REPO_ROOT, slug, summary.names));
for (const issue of clauseIssues) console.error(`✗ ${issue}`);
if (clauseIssues.length === 0) console.log(`✓ every clause table names tests of its suite (${bySlug.size} katas)`);
const emptySuites = summaries.filter((s) => s.failed === 0).length;
const suitesRun = summaries.length;
const missing = CHECKED.length - suitesRun;
if (missing > 0) console.error(`✗ only ${suitesRun} of ${CHECKED.length} suites ran against the stubs`);
console.log(
  `stub check: ${failedAsRequired} of ${failedAsRequired + passedWrongly} hidden tests fail on the pristine stubs`,
);
// The closing line CI reads: each test that fails on its stub is a passed check.
console.log(
  `stub-check: ${failedAsRequired} passed, ${passedWrongly + typeProblems.length + emptySuites + Math.max(0, missing) + clauseIssues.length} failed`,
);
process.exit(
  passedWrongly === 0 && typeProblems.length === 0 && emptySuites === 0 && missing <= 0 && clauseIssues.length === 0
    ? 0
    : 1,
);
