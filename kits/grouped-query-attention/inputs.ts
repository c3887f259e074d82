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
