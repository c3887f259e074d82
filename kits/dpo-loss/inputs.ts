import fc from 'fast-check';
import { randomValues, seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the dpo-loss kata, shared by the hidden suite, the compare spec and the learner's
 * katas/dpo-loss/dpo-loss.props.ts. Plain data only: a property builds the tensors.
 */
export type DpoLossType = 'sigmoid' | 'ipo' | 'hinge';

export interface DpoOptions {
  readonly beta?: number;
  readonly labelSmoothing?: number;
  readonly lossType?: DpoLossType;
}

export interface DpoCase {
  /** Sequence log-probs (float32-representable), each of length n. */
  readonly policyChosen: number[];
  readonly policyRejected: number[];
  readonly refChosen: number[];
  readonly refRejected: number[];
  /** Only the options the case sets; the others take their defaults (β 0.1, ε 0, 'sigmoid'). */
  readonly opts: DpoOptions;
}

/** n in 1..6 pairs of log-probs in [−scale, 0) for scale 1, 10 or 100; β, ε and the loss type given or defaulted. */
export const dpoCase: fc.Arbitrary<DpoCase> = fc
  .record({
    n: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 10, 100),
    beta: fc.option(fc.constantFrom(0.01, 0.1, 0.5, 1, 2), { nil: undefined }),
    labelSmoothing: fc.option(fc.constantFrom(0, 0.1, 0.25, 0.49), { nil: undefined }),
    lossType: fc.option(fc.constantFrom<DpoLossType>('sigmoid', 'ipo', 'hinge'), { nil: undefined }),
  })
  .map(({ n, seed, scale, beta, labelSmoothing, lossType }) => {
    const v = randomValues(4 * n, seed, scale);
    const part = (k: number) => Array.from(v.subarray(k * n, (k + 1) * n), (x) => -Math.abs(x));
    return {
      policyChosen: part(0),
      policyRejected: part(1),
      refChosen: part(2),
      refRejected: part(3),
      opts: {
        ...(beta !== undefined && { beta }),
        ...(labelSmoothing !== undefined && { labelSmoothing }),
        ...(lossType !== undefined && { lossType }),
      },
    };
  });

export interface SeqCase {
  readonly B: number;
  readonly T: number;
  readonly V: number;
  /** Flat [B, T, V] logits, float32-representable. */
  readonly logits: number[];
  /** Flat [B, T] labels: about a third are ignoreIndex, labels[:, 0] may be anything. */
  readonly labels: number[];
  readonly ignoreIndex: number;
  /** When true, every row has at least one counted label in labels[:, 1:] (so `average` is defined). */
  readonly everyRowCounted: boolean;
}

/** B 1..3, T 1..6, V 1..6, logits of magnitude up to 1, 8 or 60, ignoreIndex −100 or −1. */
export const seqCase: fc.Arbitrary<SeqCase> = fc
  .record({
    B: fc.integer({ min: 1, max: 3 }),
    T: fc.integer({ min: 1, max: 6 }),
    V: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 8, 60),
    ignoreIndex: fc.constantFrom(-100, -100, -1),
  })
  .map(({ B, T, V, seed, scale, ignoreIndex }) => {
    const logits = Array.from(randomValues(B * T * V, seed, scale));
    const u = seededUniform(seed ^ 0x5bd1e995);
    const labels = Array.from({ length: B * T }, () => (u() < 0.35 ? ignoreIndex : Math.floor(u() * V)));
    let everyRowCounted = T > 1;
    for (let b = 0; b < B; b++) {
      if (u() < 0.5) labels[b * T] = 99; // never a target: garbage must not matter
      let any = false;
      for (let t = 1; t < T; t++) any ||= labels[b * T + t] !== ignoreIndex;
      everyRowCounted &&= any;
    }
    return { B, T, V, logits, labels, ignoreIndex, everyRowCounted };
  });

/** Plain data for one tensor argument; the string 'plain' stands for a plain array passed instead of a tensor. */
export type TensorArg =
  | { readonly shape: number[]; readonly values: number[]; readonly dtype?: 'int32' | 'float32' }
  | 'plain';

/** A call the contract rejects, and the error it must raise. */
export interface BadCall<Args> {
  readonly args: Args;
  readonly error: 'RangeError' | 'TypeError';
  readonly what: string;
}

export type BadSeqCall = BadCall<{ logits: TensorArg; labels: TensorArg; opts: Record<string, unknown> | undefined }>;

type SeqArgs = BadSeqCall['args'];
const seqArgs = (c: SeqCase): SeqArgs => ({
  logits: { shape: [c.B, c.T, c.V], values: c.logits },
  labels: { shape: [c.B, c.T], values: c.labels, dtype: 'int32' },
  opts: c.ignoreIndex === -100 ? undefined : { ignoreIndex: c.ignoreIndex },
});
/** The labels with one counted target (position [0, T − 1], T ≥ 2) set to `label`. */
const withTarget = (c: SeqCase, label: number, dtype: 'int32' | 'float32' = 'int32'): TensorArg => ({
  shape: [c.B, c.T],
  values: c.labels.map((x, i) => (i === c.T - 1 ? label : x)),
  dtype,
});

const seqTemplates: readonly (readonly [string, BadSeqCall['error'], (c: SeqCase) => Partial<SeqArgs>])[] = [
  ['a counted label equal to V', 'RangeError', (c) => ({ labels: withTarget(c, c.V) })],
  ['a counted label −5', 'RangeError', (c) => ({ labels: withTarget(c, -5) })],
  ['a counted label 0.5 (float32 labels)', 'RangeError', (c) => ({ labels: withTarget(c, 0.5, 'float32') })],
  ['labels one column longer than logits', 'RangeError', (c) => ({ labels: { shape: [c.B, c.T + 1], values: [0] } })],
  ['labels one row more than logits', 'RangeError', (c) => ({ labels: { shape: [c.B + 1, c.T], values: [0] } })],
  ['logits of rank 2', 'RangeError', (c) => ({ logits: { shape: [c.B * c.T, c.V], values: c.logits } })],
  [
    'average with a row that counts no label',
    'RangeError',
    (c) => ({
      labels: { shape: [c.B, c.T], values: c.labels.map((x, i) => (i < c.T ? c.ignoreIndex : x)), dtype: 'int32' },
      opts: { ignoreIndex: c.ignoreIndex, average: true },
    }),
  ],
  ['ignoreIndex 1.5', 'RangeError', () => ({ opts: { ignoreIndex: 1.5 } })],
  ["ignoreIndex '-100'", 'TypeError', () => ({ opts: { ignoreIndex: '-100' } })],
  ["average 'yes'", 'TypeError', () => ({ opts: { average: 'yes' } })],
  ['logits a plain array', 'TypeError', () => ({ logits: 'plain' })],
  ['labels a plain array', 'TypeError', () => ({ labels: 'plain' })],
];

/** A valid case (from `seqCase`, T ≥ 2) with one bad argument: every sequenceLogProbs case of "Bad input". */
export const badSeqCall: fc.Arbitrary<BadSeqCall> = fc
  .tuple(
    seqCase.filter((c) => c.T >= 2),
    fc.constantFrom(...seqTemplates),
  )
  .map(([c, [what, error, change]]) => ({ args: { ...seqArgs(c), ...change(c) }, error, what }));

export type BadDpoCall = BadCall<{
  vectors: [TensorArg, TensorArg, TensorArg, TensorArg];
  opts: Record<string, unknown>;
}>;

const vectorsOf = (c: DpoCase): BadDpoCall['args']['vectors'] =>
  [c.policyChosen, c.policyRejected, c.refChosen, c.refRejected].map((values) => ({
    shape: [values.length],
    values,
  })) as BadDpoCall['args']['vectors'];

const dpoTemplates: readonly (readonly [string, BadDpoCall['error'], (c: DpoCase) => Partial<BadDpoCall['args']>])[] = [
  ...[0, -0.1, Number.NaN, Number.POSITIVE_INFINITY].map(
    (beta) => [`beta ${beta}`, 'RangeError', () => ({ opts: { beta } })] as const,
  ),
  ["beta '0.1'", 'TypeError', () => ({ opts: { beta: '0.1' } })],
  ...[-0.1, 0.5, 1, Number.NaN].map(
    (labelSmoothing) =>
      [`labelSmoothing ${labelSmoothing}`, 'RangeError', () => ({ opts: { labelSmoothing } })] as const,
  ),
  ['labelSmoothing 0.5 with ipo', 'RangeError', () => ({ opts: { labelSmoothing: 0.5, lossType: 'ipo' } })],
  ["labelSmoothing '0'", 'TypeError', () => ({ opts: { labelSmoothing: '0' } })],
  ["lossType 'sigmod'", 'RangeError', () => ({ opts: { lossType: 'sigmod' } })],
  ["lossType 'IPO'", 'RangeError', () => ({ opts: { lossType: 'IPO' } })],
  ...[0, 1, 2, 3].map(
    (k) =>
      [
        `vector ${k} one longer`,
        'RangeError',
        (c: DpoCase) => {
          const v = vectorsOf(c);
          const bad = v[k] as { shape: number[]; values: number[] };
          v[k] = { shape: [(bad.shape[0] as number) + 1], values: [...bad.values, -1] };
          return { vectors: v };
        },
      ] as const,
  ),
  [
    'refRejected of rank 2',
    'RangeError',
    (c) => {
      const v = vectorsOf(c);
      v[3] = { shape: [c.refRejected.length, 1], values: c.refRejected };
      return { vectors: v };
    },
  ],
  [
    'N = 0',
    'RangeError',
    () => ({
      vectors: [0, 1, 2, 3].map(() => ({ shape: [0], values: [] })) as unknown as BadDpoCall['args']['vectors'],
    }),
  ],
  [
    'policyRejected a plain array',
    'TypeError',
    (c) => {
      const v = vectorsOf(c);
      v[1] = 'plain';
      return { vectors: v };
    },
  ],
];

/** A valid case (from `dpoCase`) with one bad argument: every dpoLoss case of "Bad input". */
export const badDpoCall: fc.Arbitrary<BadDpoCall> = fc
  .tuple(dpoCase, fc.constantFrom(...dpoTemplates))
  .map(([c, [what, error, change]]) => ({
    args: { vectors: vectorsOf(c), opts: { ...c.opts }, ...change(c) },
    error,
    what,
  }));
