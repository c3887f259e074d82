// Bug: mirrors Math.sqrt(-1) and returns NaN for a negative a instead of throwing RangeError, so the bad input flows on silently.
export function sqrtGD(
  a: number,
  options: { learningRate?: number; tolerance?: number; maxSteps?: number } = {},
): number {
  if (Number.isNaN(a) || !Number.isFinite(a)) throw new RangeError(`a must be finite, got ${a}`);
  if (a < 0) return Number.NaN;
  const { learningRate = 1, tolerance = 1e-12, maxSteps = 10_000 } = options;
  if (a === 0) return 0;
  let x = Math.max(a, 1);
  for (let step = 1; step <= maxSteps; step++) {
    const next = x - (learningRate * (x - a / x)) / 2;
    if (Math.abs(next - x) <= tolerance * Math.abs(next)) return next;
    x = next;
  }
  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);
}
