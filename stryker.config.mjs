// @ts-check
/**
 * Mutation testing of one kata's reference solution against its hidden suite:
 *   MUTATE_KATA=<slug> npx stryker run      (or `npm run mutate -- <slug>`, src/ci/mutate.ts)
 * Only kits/<slug>/reference.ts is mutated; vitest runs vitest.mutate.config.ts, which includes
 * only kits/<slug>/suite.test.ts and resolves `@impl/<slug>` to the sandbox's mutated reference.
 */
const slug = process.env.MUTATE_KATA;
if (!slug) throw new Error('set MUTATE_KATA=<slug>, or run `npm run mutate -- <slug>` (src/ci/mutate.ts)');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner', './src/ci/stryker-error-text.mjs'],
  // Mutants in error-message text are ignored with a reason (src/ci/stryker-error-text.mjs).
  ignorers: ['error-text'],
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: [`kits/${slug}/reference.ts`],
  coverageAnalysis: 'perTest',
  // 2 shared cores: one vitest worker (raise with --concurrency 2 on an idle machine).
  concurrency: 1,
  // A mutant that loops forever is cut off at 1.5 x the covering tests' time + 5 s (or by Stryker's
  // hit limit, reported as a timeout too); timeouts count as detected.
  timeoutMS: 5_000,
  timeoutFactor: 1.5,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${slug}.stryker.json` },
  // Stryker rewrites tsconfig.json's extends/references for the sandbox through the TypeScript JS
  // API, which TypeScript 7 (native tsc) no longer has; our tsconfig has none to rewrite, so point
  // the option at a file that does not exist and the rewrite is skipped.
  tsconfigFile: 'tsconfig.stryker-skip-rewrite.json',
  // Stryker's own tmp dir in the repo; .gitignore lists it.
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['.kata', '.zoo', 'reports', 'coverage', 'bench'],
  thresholds: { high: 95, low: 90, break: null },
};
