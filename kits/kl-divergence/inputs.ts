import fc from 'fast-check';
import { randomLogits, randomProbabilities, type Reduction } from './oracle.ts';

/**
 * Inputs of the kl-divergence kata, shared by the hidden suite, the compare spec and the learner's
 * katas/kl-divergence/kl-divergence.props.ts. Plain data only: a property builds float32 tensors
 * with `tf.tensor(Float32Array.from(c.p), c.shape, 'float32')`; the float64 copies feed an oracle.
 */
export type { Reduction } from './oracle.ts';

/** A random [..., V] shape: rank 1 to 3, leading dimensions 1..3, V in 1..8. */
export const distShape: fc.Arbitrary<number[]> = fc
  .record({
    lead: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
    V: fc.integer({ min: 1, max: 8 }),
  })
  .map(({ lead, V }) => [...lead, V]);

/** Where −Infinity logits (zero probabilities) may appear: never in a whole row. */
export type Holes = 'none' | 'p' | 'q' | 'both';

export interface DistPair {
  readonly shape: number[];
  /** Logits of p, row-major, float32-exact (or −Infinity). */
  readonly p: Float64Array;
  /** Logits of q, same shape. */
  readonly q: Float64Array;
  /** The logits' magnitude: 1 … 1e4. */
  readonly scale: number;
  readonly holes: Holes;
}

/** Two logit tensors of one shape, |logits| up to 1, 8, 60, 1e3 or 1e4, sometimes with −Infinity entries. */
export const distPair: fc.Arbitrary<DistPair> = fc
  .record({
    shape: distShape,
    pSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    qSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 8, 60, 1000, 10000),
    holes: fc.constantFrom<Holes>('none', 'none', 'p', 'q', 'both'),
  })
  .map(({ shape, pSeed, qSeed, scale, holes }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const V = shape.at(-1) as number;
    const p = randomLogits(size, V, pSeed, scale, holes === 'p' || holes === 'both');
    const q = randomLogits(size, V, qSeed, scale, holes === 'q' || holes === 'both');
    return { shape, p: liftWhereQIsZero(p, q, V), q, scale, holes };
  });

/**
 * Where q = 0 (a −Infinity logit) and p > 0 the KL is +Infinity, but only if p stays > 0 in
 * float32: a logit of p more than ~100 below its row maximum underflows to probability 0 there,
 * and whether that is +Infinity or a finite value is a float32 accident, not the spec. So such
 * logits of p are raised to at most 80 below the row maximum (probability > 1e-36, a normal float32).
 */
function liftWhereQIsZero(p: Float64Array, q: Float64Array, V: number): Float64Array {
  const out = Float64Array.from(p);
  for (let offset = 0; offset < p.length; offset += V) {
    let max = -Infinity;
    for (let v = 0; v < V; v++) max = Math.max(max, p[offset + v] as number);
    for (let v = 0; v < V; v++) {
      const i = offset + v;
      const x = p[i] as number;
      if (q[i] === -Infinity && x !== -Infinity && x < max - 80) out[i] = Math.fround(max - 80);
    }
  }
  return out;
}

/** Finite logits only (no −Infinity), magnitude up to 1e4: every result must be finite. */
export const finitePair: fc.Arbitrary<DistPair> = distPair.map((c) =>
  c.holes === 'none'
    ? c
    : {
        ...c,
        holes: 'none' as const,
        p: c.p.map((x) => (x === -Infinity ? 0 : x)),
        q: c.q.map((x) => (x === -Infinity ? 0 : x)),
      },
);

export interface KlDivLossCase {
  readonly shape: number[];
  /** log q: log-probabilities (finite, or −Infinity for q = 0 now and then), row-major. */
  readonly input: Float64Array;
  /** p (some zeros), or log p (−Infinity for the zeros) when logTarget is true. */
  readonly target: Float64Array;
  /** undefined: left to the default 'mean'. */
  readonly reduction: Reduction | undefined;
  /** undefined: left to the default false. */
  readonly logTarget: boolean | undefined;
}

/**
 * Arguments of klDivLoss(input = log q, target = p, { reduction, logTarget }); options sometimes
 * omitted. With `qZeros`, about one input in five is −Infinity (q = 0): +Infinity where p > 0, 0
 * where p = 0.
 */
export const klDivLossCase: fc.Arbitrary<KlDivLossCase> = fc
  .record({
    shape: distShape,
    qSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    pSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    zeros: fc.boolean(),
    qZeros: fc.constantFrom(false, false, false, true),
    reduction: fc.option(fc.constantFrom<Reduction>('none', 'sum', 'mean', 'batchmean'), { nil: undefined }),
    logTarget: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ shape, qSeed, pSeed, zeros, qZeros, reduction, logTarget }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const V = shape.at(-1) as number;
    const q = randomProbabilities(size, V, qSeed, false);
    const p = randomProbabilities(size, V, pSeed, zeros);
    return {
      shape,
      input: q.map((x, i) => (qZeros && (i * 7 + qSeed) % 5 === 0 ? -Infinity : Math.fround(Math.log(x)))),
      target: logTarget ? p.map((x) => (x === 0 ? -Infinity : Math.fround(Math.log(x)))) : p,
      reduction,
      logTarget,
    };
  });

// ---------------------------------------------------------------------------------------------
// Bad calls: one thing wrong, and the error it must raise.

/** One tensor argument as plain data: tf.tensor(Float32Array.from(values), shape, 'float32'). */
export interface TensorArg {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** An argument of a call: a tensor to build, or a value that is not a tensor, passed as it is. */
export type Arg = { readonly tensor: TensorArg } | { readonly notATensor: unknown };

export type KlFunction = 'logSoftmax' | 'entropy' | 'crossEntropy' | 'klDivergence' | 'klDivLoss';

export interface BadCall {
  readonly fn: KlFunction;
  /** The tensor arguments (one for logSoftmax and entropy, two for the others). */
  readonly args: readonly Arg[];
  /** klDivLoss only: whether a third argument is passed, and what. */
  readonly opts?: { readonly value: unknown };
  readonly error: 'TypeError' | 'RangeError';
  /** What is wrong, in the words of the prompt. */
  readonly why: string;
}

type LogitsFault = 'NaN logit' | '+Infinity logit' | 'a row of only −Infinity' | 'rank 0' | 'V = 0' | 'not a tensor';
type PairFault = 'shapes differ' | 'shapes would broadcast';
type LossFault =
  | 'unknown reduction'
  | 'opts is a string'
  | 'opts is null'
  | 'logTarget is not a boolean'
  | 'NaN input'
  | '+Infinity input'
  | 'negative target'
  | 'NaN target'
  | '+Infinity target'
  | 'NaN log target'
  | '+Infinity log target'
  | 'target not a tensor';

const ERROR_OF: Record<LogitsFault | PairFault | LossFault, 'TypeError' | 'RangeError'> = {
  'NaN logit': 'RangeError',
  '+Infinity logit': 'RangeError',
  'a row of only −Infinity': 'RangeError',
  'rank 0': 'RangeError',
  'V = 0': 'RangeError',
  'not a tensor': 'TypeError',
  'shapes differ': 'RangeError',
  'shapes would broadcast': 'RangeError',
  'unknown reduction': 'RangeError',
  'opts is a string': 'TypeError',
  'opts is null': 'TypeError',
  'logTarget is not a boolean': 'TypeError',
  'NaN input': 'RangeError',
  '+Infinity input': 'RangeError',
  'negative target': 'RangeError',
  'NaN target': 'RangeError',
  '+Infinity target': 'RangeError',
  'NaN log target': 'RangeError',
  '+Infinity log target': 'RangeError',
  'target not a tensor': 'TypeError',
};

const tensorArg = (shape: readonly number[], values: ArrayLike<number>): Arg => ({
  tensor: { shape: [...shape], values: Array.from(values) },
});

/** `values` with `x` written at position `at` (modulo the length). */
function withValue(values: ArrayLike<number>, at: number, x: number): number[] {
  const out = Array.from(values);
  if (out.length > 0) out[at % out.length] = x;
  return out;
}

/** A logits tensor made bad by `fault`, from valid logits of `shape`. */
function badLogits(shape: readonly number[], values: ArrayLike<number>, fault: LogitsFault, at: number): Arg {
  const V = shape.at(-1) as number;
  switch (fault) {
    case 'NaN logit':
      return tensorArg(shape, withValue(values, at, Number.NaN));
    case '+Infinity logit':
      return tensorArg(shape, withValue(values, at, Number.POSITIVE_INFINITY));
    case 'a row of only −Infinity': {
      const row = Math.floor((at % values.length) / V);
      return tensorArg(
        shape,
        Array.from(values, (x, i) => (Math.floor(i / V) === row ? -Infinity : x)),
      );
    }
    case 'rank 0':
      return tensorArg([], [values[0] as number]);
    case 'V = 0':
      return tensorArg([...shape.slice(0, -1), 0], []);
    case 'not a tensor':
      return { notATensor: at % 3 === 0 ? Array.from(values) : at % 3 === 1 ? null : 0.5 };
  }
}

const LOGITS_FAULTS: LogitsFault[] = [
  'NaN logit',
  '+Infinity logit',
  'a row of only −Infinity',
  'rank 0',
  'V = 0',
  'not a tensor',
];

/** logSoftmax, entropy, crossEntropy or klDivergence with one bad logits argument or mismatched shapes. */
export const badLogitsCall: fc.Arbitrary<BadCall> = fc
  .record({
    c: finitePair,
    fn: fc.constantFrom<KlFunction>('logSoftmax', 'entropy', 'crossEntropy', 'klDivergence'),
    fault: fc.constantFrom<LogitsFault | PairFault>(...LOGITS_FAULTS, 'shapes differ', 'shapes would broadcast'),
    second: fc.boolean(),
    at: fc.nat(),
  })
  .map(({ c, fn, fault, second, at }) => {
    const unary = fn === 'logSoftmax' || fn === 'entropy';
    const f: LogitsFault | PairFault =
      unary && (fault === 'shapes differ' || fault === 'shapes would broadcast') ? 'NaN logit' : fault;
    const p = tensorArg(c.shape, c.p);
    if (unary) {
      return { fn, args: [badLogits(c.shape, c.p, f as LogitsFault, at)], error: ERROR_OF[f], why: f };
    }
    if (f === 'shapes differ' || f === 'shapes would broadcast') {
      const V = c.shape.at(-1) as number;
      const q =
        f === 'shapes differ'
          ? tensorArg([...c.shape.slice(0, -1), V + 1], [...c.q, ...c.q.slice(0, c.q.length / V)])
          : tensorArg([1, ...c.shape], c.q);
      return { fn, args: second ? [p, q] : [q, p], error: ERROR_OF[f], why: f };
    }
    const bad = badLogits(c.shape, second ? c.q : c.p, f, at);
    const good = second ? p : tensorArg(c.shape, c.q);
    return {
      fn,
      args: second ? [good, bad] : [bad, good],
      error: ERROR_OF[f],
      why: `${f} (${second ? 'qLogits' : 'pLogits'})`,
    };
  });

const LOSS_FAULTS: LossFault[] = [
  'unknown reduction',
  'opts is a string',
  'opts is null',
  'logTarget is not a boolean',
  'NaN input',
  '+Infinity input',
  'negative target',
  'NaN target',
  '+Infinity target',
  'NaN log target',
  '+Infinity log target',
  'target not a tensor',
];

/** klDivLoss with one bad option, input or target (or mismatched shapes, or a scalar). */
export const badLossCall: fc.Arbitrary<BadCall> = fc
  .record({
    c: klDivLossCase,
    fault: fc.constantFrom<LossFault | 'shapes differ' | 'rank 0'>(...LOSS_FAULTS, 'shapes differ', 'rank 0'),
    at: fc.nat(),
  })
  .map(({ c, fault, at }): BadCall => {
    // Log targets only where the fault is in one; probabilities wherever the options or the target
    // are at fault (valid either way, so the order of a solution's checks does not matter).
    const logFault = fault === 'NaN log target' || fault === '+Infinity log target';
    const plain =
      fault.includes('target') || fault.includes('opts') || fault.includes('reduction') || fault.includes('logTarget');
    const logTarget = logFault || (!plain && (c.logTarget ?? false));
    // The target as the chosen logTarget wants it: p, or log p.
    const p = c.logTarget ? c.target.map(Math.exp) : c.target;
    const target = logTarget ? p.map((x) => (x === 0 ? -Infinity : Math.fround(Math.log(x)))) : p.map(Math.fround);
    const options: Record<string, unknown> = {
      logTarget,
      ...(c.reduction !== undefined && { reduction: c.reduction }),
    };
    let input: Arg = tensorArg(c.shape, c.input);
    let targetArg: Arg = tensorArg(c.shape, target);
    let opts: { value: unknown } = { value: options };
    switch (fault) {
      case 'unknown reduction':
        opts = { value: { ...options, reduction: ['avg', 'batchMean', 'elementwise_mean', 'Sum'][at % 4] } };
        break;
      case 'opts is a string':
        opts = { value: ['sum', 'batchmean', 'none'][at % 3] };
        break;
      case 'opts is null':
        opts = { value: null };
        break;
      case 'logTarget is not a boolean':
        opts = { value: { ...options, logTarget: ['true', 1, 'false'][at % 3] } };
        break;
      case 'NaN input':
        input = tensorArg(c.shape, withValue(c.input, at, Number.NaN));
        break;
      case '+Infinity input':
        input = tensorArg(c.shape, withValue(c.input, at, Number.POSITIVE_INFINITY));
        break;
      case 'negative target':
        targetArg = tensorArg(c.shape, withValue(target, at, -Math.fround(0.1 + (at % 7) / 10)));
        break;
      case 'NaN target':
      case 'NaN log target':
        targetArg = tensorArg(c.shape, withValue(target, at, Number.NaN));
        break;
      case '+Infinity target':
      case '+Infinity log target':
        targetArg = tensorArg(c.shape, withValue(target, at, Number.POSITIVE_INFINITY));
        break;
      case 'target not a tensor':
        targetArg = { notATensor: Array.from(target) };
        break;
      case 'shapes differ':
        targetArg = tensorArg([...c.shape, 1], target);
        break;
      case 'rank 0':
        input = tensorArg([], [c.input[0] as number]);
        targetArg = tensorArg([], [Math.fround(0.5)]);
        break;
    }
    return { fn: 'klDivLoss', args: [input, targetArg], opts, error: ERROR_OF[fault], why: fault };
  });

/** Any bad call of the five functions. */
export const badCall: fc.Arbitrary<BadCall> = fc.oneof(badLogitsCall, badLossCall);
