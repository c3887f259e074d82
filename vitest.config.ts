import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { targetOfMode } from './src/wiring/target.ts';
import { E2E_TESTS, suiteConfig } from './src/wiring/vitest-config.ts';

/**
 * `npm test` (`--mode reference`): every hidden suite against the references, plus the
 * repository's own tests. `npm run test:cli` (`--mode e2e`): the CLI's end-to-end tests. Plain
 * `npx vitest --watch <slug>`: the hidden suite against the learner's file. The CLI does not read
 * this file; it builds the same configuration in-process.
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) =>
  mergeConfig(suiteConfig(root, targetOfMode(mode), mode === 'e2e' ? { include: E2E_TESTS } : {}), {
    test: {
      // `npm test` judges only the references, which patch no built-ins and keep no state between
      // files, so its files share one module graph per worker: tfjs, fast-check and vitest's runner
      // load once per worker instead of once per file (37 s → 19 s on this 2-core machine). The
      // learner's runs (the CLI, plain `npx vitest`, the gates) keep one fresh module graph per file.
      ...(mode === 'reference' ? { isolate: false } : {}),
      // `npm run coverage`: how much of each reference solution the hidden suites reach.
      coverage: {
        provider: 'v8',
        include: ['kits/*/reference.ts'],
        reporter: ['text', 'json-summary'],
        reportsDirectory: 'reports/coverage',
      },
    },
  }),
);
