export function sqrtGD(
  a: number,
  options: { learningRate?: number; tolerance?: number; maxSteps?: number } = {},
): number {
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`a must be a finite number >= 0, got ${a}`);
  const { learningRate = 1, tolerance = 1e-9, maxSteps = 10_000 } = options;
  if (a === 0) return 0;
  let x = Math.max(a, 1);
  for (let step = 1; step <= maxSteps; step++) {
    const next = x - (learningRate * (x - a / x)) / 2;
    if (Math.abs(next - x) <= tolerance) return next;
    x = next;
  }
  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);
}
