/**
 * The zoo gate. For every kit (or the slugs given):
 * - its zoo builds: every edit's `find` occurs exactly once, every base exists;
 * - every built bug type-checks (a bug that does not even compile proves nothing about the suite);
 * - every bug FAILS its kata's hidden suite, by a failing test (a crash while loading is no catch);
 * - every alternative correct solution (`alt-<name>.ts`) PASSES the whole suite;
 * - the zoo has at least MIN_BUGS bugs, the kit at least one alternative, and every bug a hint
 *   and an explanation in both languages, the hint not giving the explanation away.
 * Prints `bugs caught / bugs in zoo` per kata and ends with an `N passed, N failed` line.
 * Usage: tsx src/ci/zoo-check.ts [slug…]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type TestModule, startVitest } from 'vitest/node';
import { type BuiltBug, ZooError, bugTextProblems, buildZoo } from '../kit/zoo.ts';
import { REPO_ROOT, altFile, altNames, suitePath } from '../paths.ts';
import { KATAS } from '../registry.ts';
import { summarise } from '../wiring/summary.ts';
import { suiteConfig } from '../wiring/vitest-config.ts';

export const MIN_BUGS = 8;

const slugs = process.argv.slice(2);
for (const slug of slugs) {
  if (!KATAS.some((k) => k.slug === slug)) {
    console.error(`unknown kata ${slug}`);
    process.exit(2);
  }
}
const katas = KATAS.filter((k) => slugs.length === 0 || slugs.includes(k.slug));

let bugs: BuiltBug[];
try {
  bugs = await buildZoo(
    REPO_ROOT,
    katas.map((k) => k.slug),
  );
} catch (error) {
  if (!(error instanceof ZooError)) throw error;
  console.error(`✗ ${error.message}`);
  console.log('zoo: 0 passed, 1 failed');
  process.exit(1);
}
const alts = katas.flatMap((k) => altNames(REPO_ROOT, k.slug).map((name) => ({ slug: k.slug, name })));

const typeErrors = typecheck(bugs.map((bug) => bug.file));

interface Outcome {
  failed: number;
  passed: number;
  loadErrors: string[];
  firstFailure: string | undefined;
}
const outcomes = new Map<string, Outcome>();
const reporter = {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    for (const module of modules) {
      const summary = summarise([module], []);
      outcomes.set(module.project.name, {
        failed: summary.failed,
        passed: summary.passed,
        loadErrors: [...summary.loadErrors],
        firstFailure: summary.firstFailure?.name,
      });
    }
  },
};
const projects = [
  ...bugs.map((bug) =>
    suiteConfig(
      REPO_ROOT,
      { kind: 'file', file: bug.file, slug: bug.slug },
      { name: `bug:${bug.slug}/${bug.id}`, include: [suitePath(bug.slug)] },
    ),
  ),
  ...alts.map((alt) =>
    suiteConfig(
      REPO_ROOT,
      { kind: 'file', file: altFile(REPO_ROOT, alt.slug, alt.name), slug: alt.slug },
      { name: `alt:${alt.slug}/${alt.name}`, include: [suitePath(alt.slug)] },
    ),
  ),
];
const vitest = await startVitest(
  'test',
  [],
  { config: false, root: REPO_ROOT, run: true, watch: false, reporters: [reporter] },
  { logLevel: 'silent', test: { projects } },
);
await vitest.close();

let passed = 0;
let failed = 0;
for (const kata of katas) {
  const problems: string[] = [];
  const own = bugs.filter((b) => b.slug === kata.slug);
  let caught = 0;
  for (const bug of own) {
    const outcome = outcomes.get(`bug:${bug.slug}/${bug.id}`);
    const typeError = typeErrors.get(bug.file);
    for (const text of bugTextProblems(bug)) problems.push(text);
    if (typeError !== undefined) problems.push(`bug "${bug.id}" does not type-check:\n${typeError}`);
    if (outcome === undefined) problems.push(`bug "${bug.id}": its suite did not run`);
    else if (outcome.failed > 0) caught += 1;
    else if (outcome.loadErrors.length > 0)
      problems.push(`bug "${bug.id}" failed to load, so no test caught it: ${firstLine(outcome.loadErrors[0])}`);
    else problems.push(`bug "${bug.id}" slipped through (${outcome.passed} tests passed): ${bug.why.en}`);
  }
  if (own.length < MIN_BUGS) problems.push(`the zoo has ${own.length} bugs; it needs at least ${MIN_BUGS}`);
  const mine = alts.filter((a) => a.slug === kata.slug);
  if (mine.length === 0) problems.push('no alternative correct solution (kits/<slug>/alt-<name>.ts)');
  for (const alt of mine) {
    const outcome = outcomes.get(`alt:${alt.slug}/${alt.name}`);
    if (outcome === undefined) problems.push(`${alt.name}: its suite did not run`);
    else if (outcome.failed > 0 || outcome.loadErrors.length > 0 || outcome.passed === 0)
      problems.push(
        `${alt.name} is meant to be correct but fails the suite: ${outcome.firstFailure ?? firstLine(outcome.loadErrors[0])}`,
      );
  }
  passed += caught + mine.length;
  failed += problems.length;
  const mark = problems.length === 0 ? '✓' : '✗';
  console.log(
    `${mark} ${kata.slug}: ${caught}/${own.length} bugs caught, ${mine.length} alternative solution(s) ${mine.length > 0 && problems.every((p) => !p.startsWith('alt-')) ? 'pass' : ''}`.trimEnd(),
  );
  for (const problem of problems) console.log(`    ✗ ${problem.split('\n').join('\n      ')}`);
}
console.log(`zoo: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** Type-checks the built bugs; returns the errors of each file that has some. */
function typecheck(files: readonly string[]): Map<string, string> {
  const errors = new Map<string, string>();
  if (files.length === 0) return errors;
  const dir = mkdtempSync(join(tmpdir(), 'kata-zoo-'));
  const config = join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(REPO_ROOT, 'tsconfig.json'),
      compilerOptions: { typeRoots: [join(REPO_ROOT, 'node_modules/@types')] },
      include: [...files],
    }),
  );
  try {
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', config], { cwd: REPO_ROOT, encoding: 'utf8' });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    for (const line of output.split('\n')) {
      const file = files.find((f) => line.startsWith(relative(REPO_ROOT, f)) || line.startsWith(f));
      if (file === undefined) continue;
      errors.set(file, `${errors.get(file) ?? ''}${line}\n`.trimStart());
    }
    if (errors.size === 0) throw new Error(`tsc failed on the built zoo:\n${output}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return errors;
}

function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n', 1)[0] ?? '';
}
