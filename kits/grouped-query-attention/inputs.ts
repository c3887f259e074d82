import fc from 'fast-check';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the grouped-query-attention kata, shared by the hidden suite and the learner's
 * katas/grouped-query-attention/grouped-query-attention.props.ts. Plain data only: sizes and a
 * seed; `gqaInputs(s)` turns them into q, k, v values, and a property builds the tensors.
 */
export interface GqaShape {
  /** Batch size. */
  readonly b: number;
  /** Key/value heads Hkv. */
  readonly hkv: number;
  /** Query heads per kv head G, so Hq = Hkv · G. */
  readonly group: number;
  /** Query length Tq. */
  readonly tq: number;
  /** Tk − Tq ≥ 0 (cached keys before the queries). */
  readonly extraKeys: number;
  /** Head size D. */
  readonly d: number;
  readonly seed: number;
}

/** B 1..2, Hkv 1..3, G 1..3, Tq 1..5, Tk = Tq + 0..4, D 1..8. */
export const gqaShape: fc.Arbitrary<GqaShape> = fc.record({
  b: fc.integer({ min: 1, max: 2 }),
  hkv: fc.integer({ min: 1, max: 3 }),
  group: fc.integer({ min: 1, max: 3 }),
  tq: fc.integer({ min: 1, max: 5 }),
  extraKeys: fc.integer({ min: 0, max: 4 }),
  d: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

/** q [B, Hkv·G, Tq, D], k and v [B, Hkv, Tq + extraKeys, D], values in [−1, 1) from the seed. */
export function gqaInputs(s: GqaShape): { q: ShapedData; k: ShapedData; v: ShapedData } {
  const tk = s.tq + s.extraKeys;
  return {
    q: seededData([s.b, s.hkv * s.group, s.tq, s.d], s.seed),
    k: seededData([s.b, s.hkv, tk, s.d], s.seed + 1),
    v: seededData([s.b, s.hkv, tk, s.d], s.seed + 2),
  };
}

export interface SelfAttentionShape {
  readonly b: number;
  readonly t: number;
  readonly dModel: number;
  readonly nKvHeads: number;
  /** Query heads per kv head, so nHeads = nKvHeads · group. */
  readonly group: number;
  /** Head size Dh (wq is [dModel, nHeads·Dh]). */
  readonly dh: number;
  readonly seed: number;
}

/** Sizes for gqaSelfAttention: B 1..2, T 1..5, dModel 1..8, nKvHeads 1..3, G 1..3, Dh 1..4. */
export const selfAttentionShape: fc.Arbitrary<SelfAttentionShape> = fc.record({
  b: fc.integer({ min: 1, max: 2 }),
  t: fc.integer({ min: 1, max: 5 }),
  dModel: fc.integer({ min: 1, max: 8 }),
  nKvHeads: fc.integer({ min: 1, max: 3 }),
  group: fc.integer({ min: 1, max: 3 }),
  dh: fc.integer({ min: 1, max: 4 }),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

/** x [B, T, dModel] and the four weight matrices (x @ W), values from the seed. */
export function selfAttentionInputs(s: SelfAttentionShape): {
  x: ShapedData;
  wq: ShapedData;
  wk: ShapedData;
  wv: ShapedData;
  wo: ShapedData;
  nHeads: number;
  nKvHeads: number;
} {
  const nHeads = s.nKvHeads * s.group;
  const scale = 1 / Math.sqrt(s.dModel);
  return {
    x: seededData([s.b, s.t, s.dModel], s.seed),
    wq: seededData([s.dModel, nHeads * s.dh], s.seed + 1, scale),
    wk: seededData([s.dModel, s.nKvHeads * s.dh], s.seed + 2, scale),
    wv: seededData([s.dModel, s.nKvHeads * s.dh], s.seed + 3, scale),
    wo: seededData([nHeads * s.dh, s.dModel], s.seed + 4, 1 / Math.sqrt(nHeads * s.dh)),
    nHeads,
    nKvHeads: s.nKvHeads,
  };
}

/**
 * Plain data for one tensor in `kata compare` and the suite's bad-input property: `values`
 * repeated cyclically over `shape` (the shape of a TensorSpec in src/harness/compare-tensors.ts).
 */
export interface CycledData {
  readonly shape: readonly number[];
  readonly values: readonly number[];
}

/** 'omit' calls without the options argument (causal must default to false). */
export type Causal = 'omit' | false | true;

/** 1 to `maxLength` multiples of 1/2 in [−2, 2], times `scale`: they shrink towards one 0. */
function halves(maxLength = 16, scale = 1): fc.Arbitrary<number[]> {
  return fc.array(
    fc.integer({ min: -4, max: 4 }).map((n) => (n / 2) * scale + 0),
    { minLength: 1, maxLength },
  );
}

/** 'none' twelve times in thirteen, else one of the named bad inputs. */
function rarely<T extends string>(...bad: T[]): fc.Arbitrary<'none' | T> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );
}

/** What makes an attention call invalid (each must throw RangeError), or 'none'. */
export type AttentionBad = 'none' | 'heads' | 'batch' | 'headDim' | 'vShape' | 'causalLongQueries' | 'rank';

export interface AttentionCall {
  readonly q: CycledData;
  readonly k: CycledData;
  readonly v: CycledData;
  readonly causal: Causal;
  readonly bad: AttentionBad;
}

/**
 * A groupedQueryAttention call: B ≤ 2, Hkv ≤ 3, G ≤ 3, Tq, Tk ≤ 4, D ≤ 4, values halves in
 * [−2, 2]; `large` multiplies q and k by 100, so scores reach the thousands (exp overflows float32
 * unless each row's maximum is subtracted) while staying exact. Now and then one bad input.
 */
export const attentionCall: fc.Arbitrary<AttentionCall> = fc
  .record({
    b: fc.integer({ min: 1, max: 2 }),
    hkv: fc.integer({ min: 1, max: 3 }),
    group: fc.integer({ min: 1, max: 3 }),
    tq: fc.integer({ min: 1, max: 4 }),
    tk: fc.integer({ min: 1, max: 4 }),
    d: fc.integer({ min: 1, max: 4 }),
    causal: fc.constantFrom<Causal>('omit', false, true),
    large: fc.boolean(),
    q: halves(),
    k: halves(),
    v: halves(),
    bad: rarely<AttentionBad>('heads', 'batch', 'headDim', 'vShape', 'causalLongQueries', 'rank'),
  })
  .map(({ b, hkv, group, tq: tqDrawn, tk: tkDrawn, d, causal: causalDrawn, large, q, k, v, bad }) => {
    const kvHeads = bad === 'heads' ? Math.max(2, hkv) : hkv;
    const hq = kvHeads * group + (bad === 'heads' ? 1 : 0);
    // A valid causal call needs Tq <= Tk; 'causalLongQueries' breaks exactly that.
    const causal: Causal = bad === 'causalLongQueries' ? true : causalDrawn;
    const [tq, tk] =
      bad === 'causalLongQueries'
        ? [Math.max(tqDrawn, tkDrawn) + 1, Math.min(tqDrawn, tkDrawn)]
        : causal === true
          ? [Math.min(tqDrawn, tkDrawn), Math.max(tqDrawn, tkDrawn)]
          : [tqDrawn, tkDrawn];
    const scale = large ? 100 : 1;
    const kvShape = [b + (bad === 'batch' ? 1 : 0), kvHeads, tk, d + (bad === 'headDim' ? 1 : 0)];
    return {
      q: { shape: bad === 'rank' ? [b, hq, tq, d, 1] : [b, hq, tq, d], values: q.map((x) => x * scale) },
      k: { shape: kvShape, values: k.map((x) => x * scale) },
      v: { shape: bad === 'vShape' ? kvShape.map((dim, axis) => (axis === 2 ? dim + 1 : dim)) : kvShape, values: v },
      causal,
      bad,
    };
  });

/** What makes a gqaSelfAttention call invalid (each must throw RangeError), or 'none'. */
export type SelfAttentionBad =
  | 'none'
  | 'kvNotDivisor'
  | 'headsNotInteger'
  | 'headsZero'
  | 'wqColumns'
  | 'wkColumns'
  | 'woShape'
  | 'xRank';

export interface SelfAttentionCall {
  readonly x: CycledData;
  readonly wq: CycledData;
  readonly wk: CycledData;
  readonly wv: CycledData;
  readonly wo: CycledData;
  readonly nHeads: number;
  readonly nKvHeads: number;
  readonly causal: Causal;
  readonly bad: SelfAttentionBad;
}

/**
 * A gqaSelfAttention call: B ≤ 2, T ≤ 4, nKvHeads ≤ 2, G ≤ 3, Dh ≤ 3, dModel ≤ 4; weights are
 * halves in [−1, 1] and x halves in [−2, 2], so scores stay moderate and float32 round-off cannot
 * tip a softmax. Now and then one bad input.
 */
export const selfAttentionCall: fc.Arbitrary<SelfAttentionCall> = fc
  .record({
    b: fc.integer({ min: 1, max: 2 }),
    t: fc.integer({ min: 1, max: 4 }),
    nKv: fc.integer({ min: 1, max: 2 }),
    group: fc.integer({ min: 1, max: 3 }),
    dh: fc.integer({ min: 1, max: 3 }),
    dModel: fc.integer({ min: 1, max: 4 }),
    causal: fc.constantFrom<Causal>('omit', false, true),
    x: halves(),
    wq: halves(16, 0.5),
    wk: halves(16, 0.5),
    wv: halves(16, 0.5),
    wo: halves(16, 0.5),
    bad: rarely<SelfAttentionBad>(
      'kvNotDivisor',
      'headsNotInteger',
      'headsZero',
      'wqColumns',
      'wkColumns',
      'woShape',
      'xRank',
    ),
  })
  .map(({ b, t, nKv, group, dh, dModel, causal, x, wq, wk, wv, wo, bad }) => {
    const heads = nKv * group;
    const nHeads = bad === 'headsZero' ? 0 : bad === 'headsNotInteger' ? heads + 0.5 : heads;
    const nKvHeads = bad === 'kvNotDivisor' ? heads + 1 : nKv;
    const kvColumns = nKv * dh + (bad === 'wkColumns' ? 1 : 0);
    return {
      x: { shape: bad === 'xRank' ? [b, t, dModel, 1] : [b, t, dModel], values: x },
      wq: { shape: [dModel, heads * dh + (bad === 'wqColumns' ? 1 : 0)], values: wq },
      wk: { shape: [dModel, kvColumns], values: wk },
      wv: { shape: [dModel, kvColumns], values: wv },
      wo: { shape: [heads * dh, dModel + (bad === 'woShape' ? 1 : 0)], values: wo },
      nHeads,
      nKvHeads,
      causal,
      bad,
    };
  });
