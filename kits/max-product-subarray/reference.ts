/**
 * One pass, keeping the largest and the smallest product of a subarray that ends at the current
 * index: a negative factor swaps their roles, and the element alone restarts after a zero.
 * O(n) time, O(1) extra space; every product is exact in float64 under the stated constraints.
 */
export function maxProduct(nums: readonly number[]): number {
  if (!Array.isArray(nums)) throw new TypeError(`maxProduct: nums must be an array, got ${typeof nums}`);
  if (nums.length === 0) {
    throw new RangeError('nums must hold at least one element, got an empty array');
  }
  const first = checked(nums, 0);
  let best = first;
  let high = first; // largest product of a subarray ending here
  let low = first; // smallest product of a subarray ending here
  for (let i = 1; i < nums.length; i++) {
    const x = checked(nums, i);
    const a = high * x;
    const b = low * x;
    high = Math.max(x, a, b);
    low = Math.min(x, a, b);
    best = Math.max(best, high);
  }
  return best === 0 ? 0 : best; // never -0
}

/** nums[i], which must be a finite integer: a string or a NaN would give a silent wrong answer. */
function checked(nums: readonly number[], i: number): number {
  const x: unknown = nums[i];
  if (typeof x !== 'number') throw new TypeError(`maxProduct: nums[${i}] must be a number, got ${typeof x}`);
  if (!Number.isInteger(x)) throw new RangeError(`maxProduct: nums[${i}] must be a finite integer, got ${x}`);
  return x;
}
