// Bug: starts from best = -Infinity and never checks the length, so [] silently returns -Infinity instead of throwing RangeError.
export function maxProduct(nums: readonly number[]): number {
  let best = -Infinity;
  let high = 1;
  let low = 1;
  for (const x of nums) {
    const a = high * x;
    const b = low * x;
    high = Math.max(x, a, b);
    low = Math.min(x, a, b);
    best = Math.max(best, high);
  }
  return best;
}
