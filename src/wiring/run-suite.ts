import { type PoolRunnerInitializer, type Reporter, type Vitest, startVitest } from 'vitest/node';
import { suitePath } from '../paths.ts';
import type { Kata } from '../registry.ts';
import type { Target } from './target.ts';
import { suiteConfig } from './vitest-config.ts';
import { type RunSummary, SummaryReporter } from './summary.ts';

export type { Target } from './target.ts';

export interface SuiteRunOptions {
  readonly watch?: boolean;
  /** Replaces the summary reporter (watch mode adds the countdown around it). */
  readonly reporters?: Reporter[];
  /** Environment of the test workers (e.g. FC_SEED). */
  readonly env?: Readonly<Record<string, string>>;
  /** The watch session's own pool of warm worker threads. */
  readonly pool?: PoolRunnerInitializer;
}

/** Runs one kata's hidden suite once and returns its summary. */
export async function runSuiteOnce(
  root: string,
  kata: Kata,
  target: Target,
  options: SuiteRunOptions = {},
): Promise<RunSummary> {
  let summary: RunSummary | undefined;
  const vitest = await startSuites(root, [kata], target, {
    ...options,
    watch: false,
    reporters: [
      new SummaryReporter((s) => {
        summary = s;
      }),
    ],
  });
  await vitest.close();
  if (summary === undefined) throw new Error(`the hidden suite of ${kata.slug} did not run`);
  return summary;
}

/**
 * Starts vitest on the katas' hidden suites against `target`, with the configuration built here
 * (no config file is read, and nothing is left in process.env).
 */
export async function startSuites(
  root: string,
  katas: readonly Kata[],
  target: Target,
  options: SuiteRunOptions,
  vitestOptions?: Parameters<typeof startVitest>[4],
): Promise<Vitest> {
  const include = katas.map((kata) => suitePath(kata.slug));
  const watch = options.watch ?? false;
  return startVitest(
    'test',
    [],
    {
      config: false,
      root,
      watch,
      run: !watch,
      reporters: options.reporters ?? [],
      ...(options.pool === undefined ? {} : { pool: options.pool }),
      // A failing run must not set the process's exit code: the CLI decides it.
      passWithNoTests: false,
    },
    {
      ...suiteConfig(root, target, { include, ...(options.env ? { env: options.env } : {}) }),
      logLevel: 'silent',
      clearScreen: false,
    },
    vitestOptions,
  );
}
