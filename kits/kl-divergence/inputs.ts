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
  /** log q: log-probabilities (finite), row-major. */
  readonly input: Float64Array;
  /** p (some zeros), or log p (−Infinity for the zeros) when logTarget is true. */
  readonly target: Float64Array;
  /** undefined: left to the default 'mean'. */
  readonly reduction: Reduction | undefined;
  /** undefined: left to the default false. */
  readonly logTarget: boolean | undefined;
}

/** Arguments of klDivLoss(input = log q, target = p, { reduction, logTarget }); options sometimes omitted. */
export const klDivLossCase: fc.Arbitrary<KlDivLossCase> = fc
  .record({
    shape: distShape,
    qSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    pSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    zeros: fc.boolean(),
    reduction: fc.option(fc.constantFrom<Reduction>('none', 'sum', 'mean', 'batchmean'), { nil: undefined }),
    logTarget: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ shape, qSeed, pSeed, zeros, reduction, logTarget }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const V = shape.at(-1) as number;
    const q = randomProbabilities(size, V, qSeed, false);
    const p = randomProbabilities(size, V, pSeed, zeros);
    return {
      shape,
      input: q.map((x) => Math.fround(Math.log(x))),
      target: logTarget ? p.map((x) => (x === 0 ? -Infinity : Math.fround(Math.log(x)))) : p,
      reduction,
      logTarget,
    };
  });
