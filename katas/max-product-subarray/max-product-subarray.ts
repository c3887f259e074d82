// Kata: max-product-subarray (10 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check max-product-subarray   (or: npx vitest --watch max-product-subarray)

export function maxProduct(nums: readonly number[]): number {
  // TODO: return the largest product of a non-empty contiguous subarray, in O(n).
  throw new Error('TODO: max-product-subarray');
}
