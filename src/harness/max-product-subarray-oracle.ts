import type { ReadCounter } from './counting.ts';

/**
 * The oracle for max-product-subarray: the product of every subarray, O(n²). Exact as long as
 * every subarray product stays within ±2^53, which the suites' generators guarantee. Returns +0,
 * never -0, for a zero answer.
 */
export function bruteForceMaxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('the oracle needs a non-empty array');
  let best = -Infinity;
  for (let start = 0; start < nums.length; start++) {
    let product = 1;
    for (let end = start; end < nums.length; end++) {
      product *= nums[end] as number;
      if (product > best) best = product;
    }
  }
  return best === 0 ? 0 : best;
}

/** Thrown by a `budgetCounter` once the reads pass the budget. */
export class ReadBudgetExceeded extends Error {
  constructor(readonly budget: number) {
    super(`more than ${budget} reads of the input`);
    this.name = 'ReadBudgetExceeded';
  }
}

/**
 * A ReadCounter for countingArray that throws ReadBudgetExceeded as soon as the count passes
 * `budget`, so an O(n²) solution on a large input stops after a few milliseconds instead of
 * performing n² proxied reads.
 */
export function budgetCounter(budget: number): ReadCounter {
  let reads = 0;
  return {
    get reads() {
      return reads;
    },
    set reads(value: number) {
      reads = value;
      if (reads > budget) throw new ReadBudgetExceeded(budget);
    },
  };
}
