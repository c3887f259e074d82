export function sqrtGD(
  a: number,
  options: { learningRate?: number; tolerance?: number; maxSteps?: number } = {},
): number {
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`a must be a finite number >= 0, got ${a}`);
  const { learningRate = 1, tolerance = 1e-12, maxSteps = 10_000 } = options;
  let x = Math.max(a, 1);
  for (let step = 1; step <= maxSteps; step++) {
    const next = x - (learningRate * (x - a / x)) / 2;
    if (Math.abs(next - x) <= tolerance * Math.abs(next)) return next;
    x = next;
  }
  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);
}
