/**
 * The zoo gate: every wrong solution in solutions/zoo/<slug>/ must fail its kata's hidden suite.
 * Prints `bugs caught / bugs in zoo` per kata, names any bug that slipped through, and ends with
 * an `N passed, N failed` line. Usage: tsx src/ci/zoo-check.ts [slug…]
 */
import { join } from 'node:path';
import { type TestModule, startVitest } from 'vitest/node';
import { REPO_ROOT } from '../cli/run-suite.ts';
import { summarise } from '../cli/summary.ts';
import { KATAS } from '../registry.ts';
import { zooBugs } from './zoo.ts';

const slugs = process.argv.slice(2);
for (const slug of slugs) {
  if (!KATAS.some((k) => k.slug === slug)) {
    console.error(`unknown kata ${slug}`);
    process.exit(2);
  }
}
if (slugs.length > 0) process.env.ZOO_KATAS = slugs.join(',');
const bugs = zooBugs(REPO_ROOT, slugs.length > 0 ? slugs : undefined);
const failedTests = new Map<string, number>();
const reporter = {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    for (const module of modules) {
      const summary = summarise([module], []);
      const name = module.project.name;
      // A suite that cannot even load the bug (a crash at import) also rejects it.
      const rejected = summary.failed + (summary.loadErrors.length > 0 ? 1 : 0);
      failedTests.set(name, (failedTests.get(name) ?? 0) + rejected);
    }
  },
};
const vitest = await startVitest(
  'test',
  [],
  { root: REPO_ROOT, config: join(REPO_ROOT, 'vitest.zoo.config.ts'), run: true, watch: false, reporters: [reporter] },
  { logLevel: 'silent' },
);
await vitest.close();

let caught = 0;
let slipped = 0;
for (const kata of KATAS.filter((k) => slugs.length === 0 || slugs.includes(k.slug))) {
  const own = bugs.filter((b) => b.slug === kata.slug);
  const escaped = own.filter((b) => (failedTests.get(`${b.slug}/${b.bug}`) ?? 0) === 0);
  caught += own.length - escaped.length;
  slipped += escaped.length;
  const mark = escaped.length === 0 && own.length >= 5 ? '✓' : '✗';
  console.log(
    `${mark} ${kata.slug}: ${own.length - escaped.length}/${own.length} bugs caught${own.length < 5 ? ' (the zoo needs at least 5)' : ''}`,
  );
  for (const bug of escaped) console.log(`    slipped through: ${bug.bug}: ${bug.hint}`);
  if (own.length < 5) slipped += 1;
}
console.log(`zoo: ${caught} passed, ${slipped} failed`);
process.exit(slipped === 0 ? 0 : 1);
