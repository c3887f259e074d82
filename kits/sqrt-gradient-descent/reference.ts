type Options = { learningRate?: number; tolerance?: number; maxSteps?: number };

const OPTION_NAMES: readonly string[] = ['learningRate', 'tolerance', 'maxSteps'];

/**
 * Gradient descent on L(x) = (x² − a)², with L'(x) = 4x(x² − a). The step is the learning rate
 * divided by the curvature near the root, L''(x) ≈ 8x², so one step is
 *   x ← x − η · 4x(x² − a) / (8x²) = x − η · (x − a/x) / 2,
 * which is scale-free (the same relative progress for a = 1e-12 and a = 1e12); with η = 1 it is
 * Heron's iteration and converges quadratically. Starting at max(a, 1) ≥ √a keeps x positive and
 * away from the flat point x = 0. A step that would raise the loss, or not keep x positive, is
 * rejected: the rate is halved and the step tried again from the same x, and that try counts
 * toward maxSteps. It stops when the relative change |Δx| / x_new drops to `tolerance`.
 * About log2(max(a, 1/a)) / 2 + 6 steps with the defaults, O(1) space.
 */
export function sqrtGD(a: number, options: Options = {}): number {
  const { learningRate, tolerance, maxSteps } = checkOptions(options);
  if (typeof a !== 'number') throw new TypeError(`sqrtGD: a must be a number, got ${typeof a}`);
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`sqrtGD: a must be a finite number >= 0, got ${a}`);
  if (a === 0) return 0;

  let rate = learningRate;
  let x = Math.max(a, 1);
  let loss = lossAt(x, a);
  for (let step = 1; step <= maxSteps; step++) {
    const next = x - (rate * (x - a / x)) / 2; // x − η · L'(x) / (8x²)
    const nextLoss = lossAt(next, a);
    if (!(next > 0 && nextLoss <= loss)) {
      rate /= 2; // rejected (also when next is NaN): shrink the rate, try again from x
      continue;
    }
    if (Math.abs(next - x) <= tolerance * next) return next;
    x = next;
    loss = nextLoss;
  }
  throw new Error(
    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,
  );
}

/** L(x) = (x² − a)². */
function lossAt(x: number, a: number): number {
  const residual = x * x - a;
  return residual * residual;
}

/**
 * The options with their defaults. A name that is not an option, or a value of the wrong type, is
 * a TypeError; a number out of range a RangeError. `undefined` means the default.
 */
function checkOptions(options: unknown): Required<Options> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`sqrtGD: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  for (const name of Object.keys(options)) {
    if (!OPTION_NAMES.includes(name)) {
      throw new TypeError(`sqrtGD: unknown option "${name}" (the options are ${OPTION_NAMES.join(', ')})`);
    }
  }
  const { learningRate = 1, tolerance = 1e-12, maxSteps = 10_000 } = options as Record<string, unknown>;
  return {
    learningRate: positive('learningRate', learningRate),
    tolerance: positive('tolerance', tolerance),
    maxSteps: positiveInteger('maxSteps', maxSteps),
  };
}

function positive(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`sqrtGD: ${name} must be a number, got ${typeof value}`);
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`sqrtGD: ${name} must be a finite number > 0, got ${value}`);
  }
  return value;
}

function positiveInteger(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`sqrtGD: ${name} must be a number, got ${typeof value}`);
  if (!(Number.isInteger(value) && value >= 1)) {
    throw new RangeError(`sqrtGD: ${name} must be an integer >= 1, got ${value}`);
  }
  return value;
}
