import fc from 'fast-check';
import { rarely } from '../../src/harness/compare-tensors.ts';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the sliding-window-alibi kata, shared by the hidden suite, `kata compare` and the
 * learner's katas/sliding-window-alibi/sliding-window-alibi.props.ts. Plain data only (sizes,
 * options, seeds): a property builds its tensors from `attentionInputs(c)`.
 */

/** Head counts 1..300: powers of two and the non-powers between them. */
export const numHeads: fc.Arbitrary<number> = fc.integer({ min: 1, max: 300 });

export interface MaskCase {
  readonly tq: number;
  /** tk − tq = pastLength >= 0: cached keys before the first query. */
  readonly pastLength: number;
  /** undefined: no window (plain causal). */
  readonly window: number | undefined;
}

/** tq 1..8, pastLength 0..8, a window 1..12 or none. */
export const maskCase: fc.Arbitrary<MaskCase> = fc.record({
  tq: fc.integer({ min: 1, max: 8 }),
  pastLength: fc.integer({ min: 0, max: 8 }),
  window: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
});

export interface BiasCase {
  readonly h: number;
  readonly tq: number;
  readonly pastLength: number;
}

/** H 1..12, tq 1..6, pastLength 0..6. */
export const biasCase: fc.Arbitrary<BiasCase> = fc.record({
  h: fc.integer({ min: 1, max: 12 }),
  tq: fc.integer({ min: 1, max: 6 }),
  pastLength: fc.integer({ min: 0, max: 6 }),
});

/** 'omit' leaves the option out, so the default (no window, alibi false) is exercised. */
export type Alibi = 'omit' | boolean;

export interface AttentionCase {
  readonly h: number;
  readonly tq: number;
  readonly pastLength: number;
  readonly d: number;
  readonly window: number | undefined;
  readonly alibi: Alibi;
  /** q and k values are in [−scale, scale): 1, or 8 for scores large enough to matter next to the bias. */
  readonly scale: number;
  readonly seed: number;
}

/** H 1..6, tq 1..6, pastLength 0..6, D 1..8, a window 1..10 or none, ALiBi on, off or omitted. */
export const attentionCase: fc.Arbitrary<AttentionCase> = fc.record({
  h: fc.integer({ min: 1, max: 6 }),
  tq: fc.integer({ min: 1, max: 6 }),
  pastLength: fc.integer({ min: 0, max: 6 }),
  d: fc.integer({ min: 1, max: 8 }),
  window: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
  alibi: fc.constantFrom<Alibi>('omit', false, true),
  scale: fc.constantFrom(1, 8),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

/** q [H, tq, D], k and v [H, tq + pastLength, D], seeded values. */
export function attentionInputs(c: AttentionCase): { q: ShapedData; k: ShapedData; v: ShapedData } {
  const tk = c.tq + c.pastLength;
  return {
    q: seededData([c.h, c.tq, c.d], c.seed, c.scale),
    k: seededData([c.h, tk, c.d], c.seed + 1, c.scale),
    v: seededData([c.h, tk, c.d], c.seed + 2),
  };
}

/** The options object of a case: only the options it sets. */
export function attentionOptionsOf(c: Pick<AttentionCase, 'window' | 'alibi'>): {
  window?: number;
  alibi?: boolean;
} {
  return {
    ...(c.window !== undefined && { window: c.window }),
    ...(c.alibi !== 'omit' && { alibi: c.alibi }),
  };
}

/** What makes a call invalid (each must throw RangeError), or 'none'. */
export type Bad = 'none' | 'window0' | 'fractionalWindow' | 'tqOverTk' | 'pastLength';

/** A whole call for `kata compare`: one of the four functions, one time in thirteen with a bad input. */
export type Call =
  | { readonly fn: 'alibiSlopes'; readonly h: number; readonly bad: 'none' }
  | { readonly fn: 'slidingWindowMask'; readonly c: MaskCase; readonly bad: Bad }
  | { readonly fn: 'alibiBias'; readonly c: BiasCase; readonly bad: Bad }
  | { readonly fn: 'attentionWithBias'; readonly c: AttentionCase; readonly bad: Bad };

export const call: fc.Arbitrary<Call> = fc.oneof(
  numHeads.map((h) => ({ fn: 'alibiSlopes' as const, h, bad: 'none' as const })),
  fc.record({
    fn: fc.constant('slidingWindowMask' as const),
    c: maskCase,
    bad: rarely<Bad>('window0', 'fractionalWindow', 'tqOverTk', 'pastLength'),
  }),
  fc.record({ fn: fc.constant('alibiBias' as const), c: biasCase, bad: rarely<Bad>('tqOverTk', 'pastLength') }),
  fc.record({
    fn: fc.constant('attentionWithBias' as const),
    c: attentionCase,
    bad: rarely<Bad>('window0', 'fractionalWindow', 'tqOverTk'),
  }),
);

const badWindow = (bad: Bad): number | undefined => ({ window0: 0, fractionalWindow: 1.5 })[bad as string];

/** The arguments of a slidingWindowMask call: tq + 1 rows for 'tqOverTk', pastLength + 1 for 'pastLength'. */
export function maskArgs(
  c: MaskCase,
  bad: Bad,
): { tq: number; tk: number; options: { window?: number; pastLength?: number } } {
  const tk = c.tq + c.pastLength;
  const window = badWindow(bad) ?? c.window;
  return {
    tq: bad === 'tqOverTk' ? tk + 1 : c.tq,
    tk,
    options: {
      ...(window !== undefined && { window }),
      ...(bad === 'pastLength' && { pastLength: c.pastLength + 1 }),
    },
  };
}

/** The arguments of an alibiBias call; a valid call passes its pastLength explicitly. */
export function biasArgs(
  c: BiasCase,
  bad: Bad,
): { h: number; tq: number; tk: number; options: { pastLength: number } } {
  const tk = c.tq + c.pastLength;
  return {
    h: c.h,
    tq: bad === 'tqOverTk' ? tk + 1 : c.tq,
    tk,
    options: { pastLength: bad === 'pastLength' ? c.pastLength + 1 : c.pastLength },
  };
}

/** The arguments of an attentionWithBias call: q with Tk + 1 rows for 'tqOverTk'. */
export function attentionArgs(
  c: AttentionCase,
  bad: Bad,
): { q: ShapedData; k: ShapedData; v: ShapedData; options: { window?: number; alibi?: boolean } } {
  const { q, k, v } = attentionInputs(c);
  const window = badWindow(bad) ?? c.window;
  return {
    q: bad === 'tqOverTk' ? seededData([c.h, c.tq + c.pastLength + 1, c.d], c.seed, c.scale) : q,
    k,
    v,
    options: attentionOptionsOf({ window, alibi: c.alibi }),
  };
}
