type Options = { learningRate?: number; tolerance?: number; maxSteps?: number };

const DEFAULTS = { learningRate: 1, tolerance: 1e-12, maxSteps: 10_000 };

/**
 * Another way: scale each gradient step by the exact curvature, L''(x) = 12x² − 4a, instead of
 * its value at the root: x ← x − η · L'(x) / L''(x), Newton's method on L' = 4x(x² − a). It starts
 * at (a + 1) / 2, which is ≥ √a (the mean of a and 1 is at least their geometric mean √a); from
 * the right of the root L' is convex, so the iterates fall towards √a without crossing it and
 * L''(x) ≥ 8a stays positive. Far from the root each step keeps 2/3 of x (Heron keeps 1/2), then
 * convergence is quadratic: about 35 steps at the ends of the range. A step that raises the loss,
 * or does not keep x positive (only with a learning rate far above 1), is rejected and retried
 * with half the rate; it counts toward maxSteps like any other step.
 */
export function sqrtGD(a: number, options: Options = {}): number {
  const { learningRate, tolerance, maxSteps } = readOptions(options);
  if (typeof a !== 'number') throw new TypeError(`sqrtGD: expected a number a, got ${typeof a}`);
  if (!(a >= 0) || a === Number.POSITIVE_INFINITY) throw new RangeError(`sqrtGD: a = ${a} has no finite real root`);
  if (a === 0) return 0;

  const loss = (x: number): number => (x * x - a) * (x * x - a);
  let rate = learningRate;
  let x = (a + 1) / 2;
  let steps = 0;
  while (steps < maxSteps) {
    steps += 1;
    const gradient = 4 * x * (x * x - a);
    const curvature = 12 * x * x - 4 * a;
    const next = x - (rate * gradient) / curvature;
    if (next > 0 && loss(next) <= loss(x)) {
      if (Math.abs(next - x) <= tolerance * next) return next; // relative to the new x
      x = next;
    } else {
      rate /= 2; // a rejected step still used one of the maxSteps
    }
  }
  throw new Error(`sqrtGD: no convergence for a = ${a} in ${maxSteps} steps (x = ${x})`);
}

/** Each option must be a number in its range (undefined: the default); any other name is a TypeError. */
function readOptions(options: unknown): typeof DEFAULTS {
  if (options === null || typeof options !== 'object') throw new TypeError('sqrtGD: options must be an object');
  const given = options as Record<string, unknown>;
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(DEFAULTS, name));
  if (unknown.length > 0) throw new TypeError(`sqrtGD: unknown option(s) ${unknown.join(', ')}`);
  const read = (name: keyof typeof DEFAULTS, valid: (value: number) => boolean): number => {
    const value = given[name] === undefined ? DEFAULTS[name] : given[name];
    if (typeof value !== 'number') throw new TypeError(`sqrtGD: options.${name} must be a number`);
    if (!valid(value)) throw new RangeError(`sqrtGD: options.${name} = ${value} is out of range`);
    return value;
  };
  return {
    learningRate: read('learningRate', (v) => v > 0 && v < Number.POSITIVE_INFINITY),
    tolerance: read('tolerance', (v) => v > 0 && v < Number.POSITIVE_INFINITY),
    maxSteps: read('maxSteps', (v) => Number.isInteger(v) && v >= 1),
  };
}
