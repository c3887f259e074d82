/**
 * CI's proof that the hidden suites assert something: every test of every suite must FAIL against
 * the pristine stubs (a test that passes on a `throw new Error('TODO')` stub checks nothing), the
 * stubs must type-check against the suites, and every kata must have its whole anatomy.
 *
 * Run on a clean checkout: it refuses to run when katas/ differs from git's HEAD.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestModule, startVitest } from 'vitest/node';
import { learnerFile } from '../impl-target.ts';
import { KATAS } from '../registry.ts';
import { REPO_ROOT } from '../cli/run-suite.ts';
import { type RunSummary, summarise } from '../cli/summary.ts';
import { anatomyProblems } from './anatomy.ts';

function pristineProblems(): string[] {
  const stubs = KATAS.map((k) => learnerFile(REPO_ROOT, k.slug));
  const changed = execFileSync('git', ['status', '--porcelain', '--', ...stubs], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  }).trim();
  return changed === '' ? [] : [`these stubs differ from git's HEAD, so they are not pristine:\n${changed}`];
}

/** tsc paths allow one `*`, and a stub lives at katas/<slug>/<slug>.ts: list each kata instead. */
function typecheckStubs(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kata-stubs-'));
  const config = {
    extends: join(REPO_ROOT, 'tsconfig.json'),
    compilerOptions: {
      paths: Object.fromEntries(KATAS.map((k) => [`@impl/${k.slug}`, [learnerFile(REPO_ROOT, k.slug)]])),
      // The config lives in a temporary directory, where `types: ["node"]` would not find @types/node.
      typeRoots: [join(REPO_ROOT, 'node_modules/@types')],
    },
    include: [
      join(REPO_ROOT, 'katas/**/*.ts'),
      join(REPO_ROOT, 'src/suites/**/*.ts'),
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
  }
}

async function runAgainstStubs(): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  process.env.KATA_TARGET = 'learner';
  delete process.env.KATA_IMPL;
  const perModule = {
    onTestRunEnd: (modules: ReadonlyArray<TestModule>) => {
      for (const module of modules) summaries.push(summarise([module], []));
    },
  };
  const vitest = await startVitest(
    'test',
    ['src/suites/'],
    { root: REPO_ROOT, run: true, watch: false, reporters: [perModule] },
    { logLevel: 'silent' },
  );
  await vitest.close();
  return summaries;
}

const problems = [...KATAS.flatMap((kata) => anatomyProblems(REPO_ROOT, kata)), ...pristineProblems()];
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.log(`stub check: ${problems.length} anatomy problem(s)`);
  process.exit(1);
}
console.log(
  `✓ anatomy: ${KATAS.length} katas have prompt (en + 中文), stub, reference, suite, property template, arbitraries and compare spec`,
);

const typeProblems = typecheckStubs();
for (const problem of typeProblems) console.error(`✗ ${problem}`);
if (typeProblems.length === 0) console.log('✓ the pristine stubs type-check against the hidden suites');

const summaries = await runAgainstStubs();
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
const emptySuites = summaries.filter((s) => s.failed === 0).length;
const suitesRun = summaries.length;
const missing = KATAS.length - suitesRun;
if (missing > 0) console.error(`✗ only ${suitesRun} of ${KATAS.length} suites ran against the stubs`);
console.log(
  `stub check: ${failedAsRequired} of ${failedAsRequired + passedWrongly} hidden tests fail on the pristine stubs`,
);
// The closing line CI reads: each test that fails on its stub is a passed check.
console.log(
  `stub-check: ${failedAsRequired} passed, ${passedWrongly + typeProblems.length + emptySuites + Math.max(0, missing)} failed`,
);
process.exit(passedWrongly === 0 && typeProblems.length === 0 && emptySuites === 0 && missing <= 0 ? 0 : 1);
