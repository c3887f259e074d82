import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { zooBugs } from './src/ci/zoo.ts';
import { implResolver } from './src/impl-resolver.ts';

/**
 * One vitest project per zoo bug: each resolves `@impl/<slug>` to its wrong solution and runs
 * only that kata's hidden suite. A single vitest run then checks the whole zoo (src/ci/zoo-check.ts).
 * ZOO_KATAS=<slug,slug> narrows it.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const only = process.env.ZOO_KATAS ? process.env.ZOO_KATAS.split(',') : undefined;

export default defineConfig({
  test: {
    projects: zooBugs(root, only).map((bug) => ({
      plugins: [implResolver({ root, target: 'reference', implFile: bug.file, implSlug: bug.slug })],
      test: {
        name: `${bug.slug}/${bug.bug}`,
        root,
        include: [`src/suites/${bug.slug}.test.ts`],
        setupFiles: ['src/harness/setup.ts'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
