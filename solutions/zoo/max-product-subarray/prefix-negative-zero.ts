// Bug: the prefix/suffix-product trick with `>` comparisons: in [-2,0,-1] the prefix -2 · 0 is -0, it beats the best so far (-1), and no later +0 counts as larger than -0, so it returns -0 instead of +0.
export function maxProduct(nums: readonly number[]): number {
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  let best = -Infinity;
  let prefix = 1;
  let suffix = 1;
  const n = nums.length;
  for (let i = 0; i < n; i++) {
    prefix *= nums[i] as number;
    suffix *= nums[n - 1 - i] as number;
    if (prefix > best) best = prefix;
    if (suffix > best) best = suffix;
    if (prefix === 0) prefix = 1;
    if (suffix === 0) suffix = 1;
  }
  return best;
}
