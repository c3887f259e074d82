import type { ViteUserConfig } from 'vitest/config';
import { suitePath } from '../paths.ts';
import { implResolver } from './resolver.ts';
import type { Target } from './target.ts';

export interface SuiteConfigOptions {
  /** Test files to include (default: every hidden suite and the repository's own tests). */
  readonly include?: readonly string[];
  /** Environment of the test workers, e.g. `FC_SEED` to replay a property run. */
  readonly env?: Readonly<Record<string, string>>;
  /** A name for the vitest project (the zoo gate runs one project per bug). */
  readonly name?: string;
}

export const ALL_TESTS = ['kits/*/suite.test.ts', 'src/**/*.test.ts'];
/**
 * The CLI's end-to-end tests (real `kata` processes in a sandbox copy) are `*.e2e.test.ts`: `npm run
 * test:cli` runs them, `npm test` does not (they take longer than every hidden suite together).
 */
export const E2E_TESTS = ['src/**/*.e2e.test.ts'];

/**
 * The one vitest configuration of the hidden suites, for a given target. vitest.config.ts builds
 * it for `npm test` and plain `npx vitest`; the CLI and CI build it in-process and hand it to
 * `startVitest` with `config: false`, so the target travels as a value, not through process.env.
 */
export function suiteConfig(root: string, target: Target, options: SuiteConfigOptions = {}): ViteUserConfig {
  return {
    root,
    plugins: [implResolver(root, target)],
    test: {
      ...(options.name === undefined ? {} : { name: options.name }),
      root,
      include: [...(options.include ?? ALL_TESTS)],
      ...(options.include === undefined ? { exclude: ['**/node_modules/**', ...E2E_TESTS] } : {}),
      setupFiles: ['src/harness/setup.ts'],
      ...(options.env === undefined ? {} : { env: { ...options.env } }),
      // Property tests over tensors take seconds on the CPU backend; a wrong answer fails fast anyway.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // Failing tests print fast-check's seed and shrunk counterexample; keep them readable.
      printConsoleTrace: false,
    },
  };
}

/** The include list that runs only these katas' hidden suites. */
export function suitesOf(slugs: readonly string[]): string[] {
  return slugs.map(suitePath);
}
