import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { implResolver } from './src/impl-resolver.ts';
import { targetSettingsFrom } from './src/impl-target.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => ({
  plugins: [implResolver(targetSettingsFrom(root, mode, process.env))],
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/harness/setup.ts'],
    // Property tests over tensors take seconds on the CPU backend; a wrong answer fails fast anyway.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Failing tests print fast-check's seed and shrunk counterexample; keep them readable.
    printConsoleTrace: false,
    // `npm run coverage`: how much of each reference solution the hidden suites reach.
    coverage: {
      provider: 'v8',
      include: ['solutions/*.ts'],
      reporter: ['text', 'json-summary'],
      reportsDirectory: 'reports/coverage',
    },
  },
}));
