import type { Reporter, TestModule } from 'vitest/node';
import { COUNTED_QUERY } from './resolver.ts';

/** What one run of a kata's hidden suite came to: the CLI, the countdown and CI read this. */
export interface RunSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Test names that passed, in suite order (CI's stub check reads these). */
  readonly passedNames: readonly string[];
  /** Every test's full name, in suite order (the clause tables are checked against them). */
  readonly names: readonly string[];
  /** The first failing test and its first error, the one a learner fixes next. */
  readonly firstFailure?: { readonly name: string; readonly message: string } | undefined;
  /** Errors outside any test: a syntax error in the learner's file, a missing export, a crash. */
  readonly loadErrors: readonly string[];
}

export function summarise(
  modules: ReadonlyArray<TestModule>,
  unhandled: ReadonlyArray<{ message: string; stack?: string | undefined }>,
): RunSummary {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const passedNames: string[] = [];
  const names: string[] = [];
  let firstFailure: RunSummary['firstFailure'];
  const loadErrors: string[] = unhandled.map((error) => withoutLoaderQuery(error.message));
  for (const module of modules) {
    for (const error of module.errors()) loadErrors.push(errorText(error));
    for (const suite of module.children.allSuites()) {
      for (const error of suite.errors()) loadErrors.push(errorText(error));
    }
    for (const test of module.children.allTests()) {
      const result = test.result();
      names.push(test.fullName);
      if (result.state === 'passed') {
        passed += 1;
        passedNames.push(test.fullName);
      } else if (result.state === 'failed') {
        failed += 1;
        const first = result.errors[0];
        firstFailure ??= { name: test.fullName, message: first ? errorText(first) : 'failed' };
      } else {
        skipped += 1;
      }
    }
  }
  return { passed, failed, skipped, passedNames, names, firstFailure, loadErrors };
}

function errorText(error: { message: string; name?: string | undefined; frame?: unknown }): string {
  const frame = typeof error.frame === 'string' ? `\n${error.frame}` : '';
  const name = error.name && error.name !== 'Error' && error.name !== 'AssertionError' ? `${error.name}: ` : '';
  return withoutLoaderQuery(`${name}${error.message}${frame}`);
}

/**
 * The work counter loads the learner's file a second time as `<file>?kata-counted`; a learner
 * reads the path they edit, `file.ts:9:23`, not the loader's query.
 */
function withoutLoaderQuery(text: string): string {
  return text.replaceAll(COUNTED_QUERY, '');
}

/** A vitest reporter that hands each finished run's summary to `onRun` and prints nothing itself. */
export class SummaryReporter implements Reporter {
  constructor(private readonly onRun: (summary: RunSummary) => void | Promise<void>) {}

  async onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandled: ReadonlyArray<{ message: string; stack?: string | undefined }>,
  ): Promise<void> {
    await this.onRun(summarise(modules, unhandled));
  }
}
