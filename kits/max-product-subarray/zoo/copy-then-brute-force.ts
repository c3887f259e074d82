export function maxProduct(nums: readonly number[]): number {
  if (!Array.isArray(nums)) throw new TypeError('nums must be an array');
  if (nums.length === 0) throw new RangeError('nums must not be empty');
  const values = nums.slice(); // one read of each element
  for (const x of values) {
    if (typeof x !== 'number') throw new TypeError('every element must be a number');
    if (!Number.isInteger(x)) throw new RangeError('every element must be an integer');
  }
  let best = -Infinity;
  for (let start = 0; start < values.length; start++) {
    let product = 1;
    for (let end = start; end < values.length; end++) {
      product *= values[end] as number;
      if (product > best) best = product;
    }
  }
  return best === 0 ? 0 : best;
}
