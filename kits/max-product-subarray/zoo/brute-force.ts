export function maxProduct(nums: readonly number[]): number {
  if (!Array.isArray(nums)) throw new TypeError('nums must be an array');
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  let best = -Infinity;
  for (let start = 0; start < nums.length; start++) {
    let product = 1;
    for (let end = start; end < nums.length; end++) {
      const x = nums[end];
      if (typeof x !== 'number') throw new TypeError('every element must be a number');
      if (!Number.isInteger(x)) throw new RangeError('every element must be an integer');
      product *= x;
      if (product > best) best = product;
    }
  }
  return best === 0 ? 0 : best;
}
