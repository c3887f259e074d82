/**
 * Gradient descent on L(x) = (x² − a)², with L'(x) = 4x(x² − a). The step is the base learning
 * rate divided by the curvature near the root, L''(x) ≈ 8x², so one step is
 *   x ← x − η · 4x(x² − a) / (8x²) = x − η · (x − a/x) / 2,
 * which is scale-free (the same relative progress for a = 1e-12 and a = 1e12); with η = 1 it is
 * Heron's iteration and converges quadratically. Starting at max(a, 1) ≥ √a keeps x positive and
 * away from the flat point x = 0. It stops when the relative change |Δx| / x drops to `tolerance`.
 * About log2(max(a, 1/a)) / 2 + 6 steps, O(1) space.
 */
export function sqrtGD(
  a: number,
  options: { learningRate?: number; tolerance?: number; maxSteps?: number } = {},
): number {
  if (!Number.isFinite(a) || a < 0) {
    throw new RangeError(`a must be a finite number >= 0, got ${a}`);
  }
  const { learningRate = 1, tolerance = 1e-12, maxSteps = 10_000 } = options;
  if (a === 0) return 0;

  let x = Math.max(a, 1);
  for (let step = 1; step <= maxSteps; step++) {
    const next = x - (learningRate * (x - a / x)) / 2; // x − η · L'(x) / (8x²)
    if (Math.abs(next - x) <= tolerance * Math.abs(next)) return next;
    x = next;
  }
  throw new Error(
    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,
  );
}
