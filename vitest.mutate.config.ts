import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { suitePath } from './src/paths.ts';
import { suiteConfig } from './src/wiring/vitest-config.ts';

/**
 * The vitest config that Stryker (stryker.config.mjs) runs: only the hidden suite of the kata in
 * MUTATE_KATA, always against the reference, so `@impl/<slug>` is `kits/<slug>/reference.ts` of
 * the directory this file sits in (Stryker's sandbox copy, where that file holds the mutants).
 * Stryker starts vitest itself, so the kata can only come through the environment here.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const slug = process.env.MUTATE_KATA;
if (!slug || !/^[a-z0-9-]+$/.test(slug)) {
  throw new RangeError(`MUTATE_KATA must name one kata (a slug), got ${JSON.stringify(slug)}`);
}

/**
 * Stryker runs only the tests that cover a mutant, selecting them by name. `test.prop`
 * (src/harness/prop.ts) puts the run's seed in each property test's name ("… (with seed=N)"), a
 * new random one per run unless a global seed is set: without a fixed seed no property test would
 * ever run on a mutant. So the mutation runs use FC_SEED (read by src/harness/setup.ts), fixed
 * unless given.
 */
const FC_SEED = process.env.FC_SEED || '20260101';

export default defineConfig(suiteConfig(root, { kind: 'reference' }, { include: [suitePath(slug)], env: { FC_SEED } }));
