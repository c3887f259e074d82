import { expect } from 'vitest';
import { type WorkOptions, measure } from './work.ts';

/**
 * The complexity check of a hidden suite: `call` (which must go through `@impl-counted/<slug>`)
 * must finish within `budget.steps` steps of work, the prompt's formula evaluated for this input
 * (`rule` says it as the prompt does, e.g. "12·N·log2(k) + 4N for N = 50000, k = 8"). Returns
 * what the call returned, for the suite to check; an error the call threw is thrown again.
 */
export function expectWithinBudget<T>(
  call: () => T,
  budget: { readonly steps: number; readonly rule: string },
  options: Omit<WorkOptions, 'budget'> = {},
): T {
  const report = measure(call, { ...options, budget: budget.steps });
  if (report.exceeded) {
    // Tensor katas measure only the learner's own loops (builtins: false): say so, not the general rule.
    const charged =
      options.builtins === false
        ? 'every loop iteration and function call of your code is a step (spreads cost what they copy; other built-ins and tfjs calls are one call)'
        : 'every loop iteration and function call is a step, and built-ins such as sort, slice, indexOf, ' +
          'includes and spreads cost the size they touch';
    expect.fail(
      `took more than ${budget.steps} steps of work (the budget ${budget.rule}) and was stopped there: ${charged}`,
    );
  }
  if ('error' in report) throw report.error;
  return report.result as T;
}
