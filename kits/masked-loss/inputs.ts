import fc from 'fast-check';
import type { TensorSpec } from '../../src/harness/compare-tensors.ts';
import { seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the masked-loss kata, the one place they are defined: the hidden suite, `kata compare`
 * (compare.ts) and the learner's katas/masked-loss/masked-loss.props.ts all draw from here. A case
 * is plain data (float64 copies of float32 values); a property builds the tensors: logits [B, T, V]
 * float32, targets [B, T] int32, mask [B, T] float32.
 */

export interface LossShape {
  readonly B: number;
  readonly T: number;
  readonly V: number;
}

export type MaskKind = 'binary' | 'weights';

export interface RandomLossCase {
  readonly shape: LossShape;
  /** float32-representable values, B·T·V, row-major. */
  readonly logits: Float64Array;
  /** In [0, V) where the mask is positive; arbitrary (−100, −1, V, …) where it is 0. */
  readonly targets: Int32Array;
  /** float32-representable, finite, non-negative. */
  readonly mask: Float64Array;
}

/** B 1..3, T 1..6, V 1..8 (V = 1 is valid: the only class has probability 1). */
export const lossShape: fc.Arbitrary<LossShape> = fc.record({
  B: fc.integer({ min: 1, max: 3 }),
  T: fc.integer({ min: 1, max: 6 }),
  V: fc.integer({ min: 1, max: 8 }),
});

/**
 * Logits of magnitude up to 1, 8, 60 or 1000 (where log(softmax) underflows); a 0/1 mask or a
 * weighted one (0, 0.25 … 3.5); targets in [0, V) where the mask is positive and placeholders
 * (−100, −1, ≥ V, or valid) where it is 0.
 */
export const lossCase: fc.Arbitrary<RandomLossCase> = fc
  .record({
    shape: lossShape,
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 8, 60, 1000),
    kind: fc.constantFrom<MaskKind>('binary', 'weights'),
  })
  .map(({ shape, seed, scale, kind }) => randomLossCase(shape, seed, scale, kind));

/**
 * A case for causalLmLoss: `c.logits` and `c.shape` as above, an ignoreIndex, and a seed for
 * labels: `randomLabels(c.shape, labelSeed, ignoreIndex)` gives B·T labels, about a third ignored.
 */
export const causalCase: fc.Arbitrary<{ c: RandomLossCase; ignoreIndex: number; labelSeed: number }> = fc.record({
  c: lossCase,
  ignoreIndex: fc.constantFrom(-100, -100, -1, 0, 2),
  labelSeed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

const WEIGHTS = [0, 0.25, 0.5, 1, 1, 2, 3.5];

/** A deterministic random case for maskedCrossEntropy, from a seed. */
export function randomLossCase(shape: LossShape, seed: number, scale: number, kind: MaskKind): RandomLossCase {
  const { B, T, V } = shape;
  const uniform = seededUniform(seed);
  const logits = new Float64Array(B * T * V);
  for (let i = 0; i < logits.length; i++) logits[i] = Math.fround((uniform() * 2 - 1) * scale);
  const mask = new Float64Array(B * T);
  const targets = new Int32Array(B * T);
  for (let i = 0; i < B * T; i++) {
    mask[i] =
      kind === 'binary' ? (uniform() < 0.65 ? 1 : 0) : (WEIGHTS[Math.floor(uniform() * WEIGHTS.length)] as number);
    targets[i] = mask[i] === 0 ? garbageTarget(uniform, V) : Math.floor(uniform() * V);
  }
  return { shape, logits, targets, mask };
}

/** A target that must not matter: −100 most often, else out of range either side, else valid. */
export function garbageTarget(uniform: () => number, V: number): number {
  const pick = uniform();
  if (pick < 0.4) return -100;
  if (pick < 0.55) return -1;
  if (pick < 0.7) return V + Math.floor(uniform() * 50);
  return Math.floor(uniform() * V);
}

/**
 * Random causal-LM labels: in labels[:, 1:] about a third ignored (ignoreIndex), the rest in [0, V).
 * labels[:, 0] is never a target, so it is anything: often out of range (−7, V + 3) or −100.
 */
export function randomLabels(shape: LossShape, seed: number, ignoreIndex: number): Int32Array {
  const { B, T, V } = shape;
  const uniform = seededUniform(seed ^ 0x5bd1e995);
  const labels = new Int32Array(B * T);
  for (let i = 0; i < labels.length; i++) {
    if (i % T === 0) {
      labels[i] = [-7, V + 3, -100, ignoreIndex, 0][Math.floor(uniform() * 5)] as number;
    } else labels[i] = uniform() < 0.35 ? ignoreIndex : Math.floor(uniform() * V);
  }
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Calls as plain tensor specs (for `kata compare` and the bad-input property): one valid call, or
// one with a single bad input and the error class the prompt names for it.

export interface MaskedCall {
  readonly fn: 'maskedCrossEntropy';
  readonly logits: TensorSpec;
  readonly targets: TensorSpec;
  readonly mask: TensorSpec;
  /** The error the prompt asks for, or undefined for a valid call. */
  readonly error: 'RangeError' | 'TypeError' | undefined;
  /** Which rule the call breaks ('none' for a valid call). */
  readonly bad: string;
}

export interface CausalCall {
  readonly fn: 'causalLmLoss';
  readonly logits: TensorSpec;
  readonly labels: TensorSpec;
  /** undefined: called with two arguments (the default is -100). */
  readonly ignoreIndex: number | undefined;
  readonly error: 'RangeError' | 'TypeError' | undefined;
  readonly bad: string;
}

export type LossCall = MaskedCall | CausalCall;

const MASKED_BAD = {
  negativeWeight: 'RangeError',
  nanWeight: 'RangeError',
  infiniteWeight: 'RangeError',
  targetRange: 'RangeError',
  targetsShape: 'RangeError',
  maskShape: 'RangeError',
  logitsRank: 'RangeError',
  floatTargets: 'TypeError',
  intMask: 'TypeError',
  intLogits: 'TypeError',
} as const;

const CAUSAL_BAD = {
  labelRange: 'RangeError',
  minus100Counted: 'RangeError',
  labelsShape: 'RangeError',
  fractionalIgnoreIndex: 'RangeError',
  floatLabels: 'TypeError',
} as const;

type MaskedBad = keyof typeof MASKED_BAD;
type CausalBad = keyof typeof CAUSAL_BAD;

const values = (xs: ArrayLike<number>): number[] => Array.from(xs);

function maskedCallOf(c: RandomLossCase, bad: MaskedBad | 'none'): MaskedCall {
  const { B, T, V } = c.shape;
  const n = B * T;
  const mask = values(c.mask);
  const targets = values(c.targets);
  if (bad === 'negativeWeight') mask[n - 1] = -1;
  if (bad === 'nanWeight') mask[n - 1] = Number.NaN;
  if (bad === 'infiniteWeight') mask[n - 1] = Number.POSITIVE_INFINITY;
  if (bad === 'targetRange') {
    mask[n - 1] = 1;
    targets[n - 1] = V;
  }
  if (bad === 'floatTargets') {
    mask[n - 1] = 1;
    targets[n - 1] = V > 1 ? 0.5 : 0;
  }
  return {
    fn: 'maskedCrossEntropy',
    logits: {
      shape: bad === 'logitsRank' ? [B * T, V] : [B, T, V],
      values: values(c.logits),
      dtype: bad === 'intLogits' ? 'int32' : 'float32',
    },
    targets: {
      shape: bad === 'targetsShape' ? [B, T + 1] : [B, T],
      values: targets,
      dtype: bad === 'floatTargets' ? 'float32' : 'int32',
    },
    mask: {
      shape: bad === 'maskShape' ? [B + 1, T] : [B, T],
      values: bad === 'intMask' ? mask.map((w) => Math.round(w)) : mask,
      dtype: bad === 'intMask' ? 'int32' : 'float32',
    },
    error: bad === 'none' ? undefined : MASKED_BAD[bad],
    bad,
  };
}

function causalCallOf(
  c: RandomLossCase,
  ignoreIndex: number,
  labelSeed: number,
  omitIgnore: boolean,
  bad: CausalBad | 'none',
): CausalCall {
  const { B, T, V } = c.shape;
  const labels = values(randomLabels(c.shape, labelSeed, ignoreIndex));
  const last = B * T - 1;
  let effectiveIgnore: number | undefined = omitIgnore && ignoreIndex === -100 ? undefined : ignoreIndex;
  // A bad label goes in labels[:, 1:]: with T = 1 there is none, so the call stays valid.
  const canBreakLabel = T > 1;
  if (bad === 'labelRange' && canBreakLabel) labels[last] = V === ignoreIndex ? V + 1 : V; // never the ignored value
  if (bad === 'minus100Counted' && canBreakLabel) {
    effectiveIgnore = -1;
    labels[last] = -100;
  }
  if (bad === 'fractionalIgnoreIndex') effectiveIgnore = 0.5;
  const valid = (bad === 'labelRange' || bad === 'minus100Counted') && !canBreakLabel;
  return {
    fn: 'causalLmLoss',
    logits: { shape: [B, T, V], values: values(c.logits), dtype: 'float32' },
    labels: {
      shape: bad === 'labelsShape' ? [B, T + 1] : [B, T],
      values: labels,
      dtype: bad === 'floatLabels' ? 'float32' : 'int32',
    },
    ignoreIndex: effectiveIgnore,
    error: bad === 'none' || valid ? undefined : CAUSAL_BAD[bad],
    bad: valid ? 'none' : bad,
  };
}

const rarelyBad = <K extends string>(keys: readonly K[]): fc.Arbitrary<K | 'none'> =>
  fc.oneof({ weight: 12, arbitrary: fc.constant('none' as const) }, { weight: 2, arbitrary: fc.constantFrom(...keys) });

const maskedBadKeys = Object.keys(MASKED_BAD) as MaskedBad[];
const causalBadKeys = Object.keys(CAUSAL_BAD) as CausalBad[];

/** maskedCrossEntropy calls: mostly valid, now and then with one bad input. */
export const maskedCall: fc.Arbitrary<MaskedCall> = fc
  .tuple(lossCase, rarelyBad(maskedBadKeys))
  .map(([c, bad]) => maskedCallOf(c, bad));

/** causalLmLoss calls (sometimes without the ignoreIndex argument): mostly valid, now and then one bad input. */
export const causalCall: fc.Arbitrary<CausalCall> = fc
  .tuple(causalCase, fc.boolean(), rarelyBad(causalBadKeys))
  .map(([{ c, ignoreIndex, labelSeed }, omit, bad]) => causalCallOf(c, ignoreIndex, labelSeed, omit, bad));

/** Either function. */
export const lossCall: fc.Arbitrary<LossCall> = fc.oneof(maskedCall, causalCall);

/** A call with exactly one bad input (every kind the prompt lists), and the error class it must raise. */
export const badLossCall: fc.Arbitrary<LossCall> = fc.oneof(
  fc.tuple(lossCase, fc.constantFrom(...maskedBadKeys)).map(([c, bad]) => maskedCallOf(c, bad)),
  fc
    .tuple(
      causalCase.filter(({ c }) => c.shape.T > 1),
      fc.boolean(),
      fc.constantFrom(...causalBadKeys),
    )
    .map(([{ c, ignoreIndex, labelSeed }, omit, bad]) => causalCallOf(c, ignoreIndex, labelSeed, omit, bad)),
);
