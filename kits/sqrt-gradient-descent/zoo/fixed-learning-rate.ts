export function sqrtGD(
  a: number,
  options: { learningRate?: number; tolerance?: number; maxSteps?: number } = {},
): number {
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`a must be a finite number >= 0, got ${a}`);
  const { learningRate = 0.01, tolerance = 1e-12, maxSteps = 10_000 } = options;
  if (a === 0) return 0;
  let x = 1;
  for (let step = 1; step <= maxSteps; step++) {
    const next = x - learningRate * 4 * x * (x * x - a);
    if (Math.abs(next - x) <= tolerance * Math.abs(next)) return next;
    x = next;
  }
  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);
}
