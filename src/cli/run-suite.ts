import { fileURLToPath } from 'node:url';
import { type Reporter, type Vitest, startVitest } from 'vitest/node';
import type { Kata } from '../registry.ts';
import { type RunSummary, SummaryReporter } from './summary.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type Target =
  | { readonly kind: 'learner' }
  | { readonly kind: 'reference' }
  | { readonly kind: 'file'; readonly file: string };

/** The hidden suite's file for a kata; the filter vitest gets, so only that suite runs. */
export function suiteFilter(kata: Kata): string {
  return `src/suites/${kata.slug}.test.ts`;
}

/**
 * Points the `@impl/<slug>` alias at the target. The vitest config reads these variables when
 * it loads, in this same process (see src/impl-target.ts).
 */
export function selectTarget(kata: Kata, target: Target): void {
  delete process.env.KATA_IMPL;
  delete process.env.KATA_IMPL_SLUG;
  process.env.KATA_TARGET = target.kind === 'reference' ? 'reference' : 'learner';
  if (target.kind === 'file') {
    process.env.KATA_IMPL = target.file;
    process.env.KATA_IMPL_SLUG = kata.slug;
  }
}

export interface SuiteRunOptions {
  readonly watch?: boolean;
  /** Replaces the summary reporter (watch mode adds the countdown around it). */
  readonly reporters?: Reporter[];
  /** Extra environment for the test workers (e.g. FC_SEED). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs one kata's hidden suite once and returns its summary. */
export async function runSuiteOnce(kata: Kata, target: Target, options: SuiteRunOptions = {}): Promise<RunSummary> {
  let summary: RunSummary | undefined;
  const vitest = await startSuite(kata, target, {
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

export async function startSuite(kata: Kata, target: Target, options: SuiteRunOptions): Promise<Vitest> {
  selectTarget(kata, target);
  for (const [key, value] of Object.entries(options.env ?? {})) process.env[key] = value;
  return startVitest(
    'test',
    [suiteFilter(kata)],
    {
      root: REPO_ROOT,
      watch: options.watch ?? false,
      run: !(options.watch ?? false),
      reporters: options.reporters ?? [],
      // A failing run must not set the process's exit code: the CLI decides it.
      passWithNoTests: false,
    },
    { logLevel: 'silent' },
  );
}
