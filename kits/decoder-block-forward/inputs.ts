import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import type { DecoderBlockParamsF64 } from './oracle.ts';
import { seededUniform } from '../../src/harness/random.ts';
import type { ShapedData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the decoder-block-forward kata, the one place they are drawn: the hidden suite,
 * `kata compare`, the learner's katas/decoder-block-forward/decoder-block-forward.props.ts and the
 * learner's scratch code (README, "Start from random tensors") all use these.
 *
 * A case is plain data (sizes, a seed, eps, row scales, at most one bad part), so it prints and
 * shrinks well; `decoderInputs(c)` draws x and the nine parameters as float32-representable float64
 * arrays, `inputTensor` / `paramTensors` turn them into tensors, and `disposeParams` frees those.
 *
 * Weights are `[in, out]` (applied as `x @ W`), uniform with standard deviation 1/sqrt(fan_in) so
 * activations stay about 1 through the block; norm gains are uniform in [0.5, 1.5] (not all 1, so
 * a solution that ignores or swaps them is visible); x is uniform in [-scale, scale).
 */
export type { DecoderBlockParamsF64 } from './oracle.ts';

export const PARAM_NAMES = ['attnNorm', 'wq', 'wk', 'wv', 'wo', 'mlpNorm', 'wGate', 'wUp', 'wDown'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

export interface DecoderBlockParamTensors {
  attnNorm: tf.Tensor1D;
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
  mlpNorm: tf.Tensor1D;
  wGate: tf.Tensor2D;
  wUp: tf.Tensor2D;
  wDown: tf.Tensor2D;
}

// ---------------------------------------------------------------------------------------------
// Seeded draws (the learner's scratch code calls the tensor forms).

export interface DecoderBlockSizes {
  readonly dModel: number;
  readonly ffnDim: number;
  readonly seed: number;
}

export interface DecoderInputSizes {
  readonly batch: number;
  readonly seqLen: number;
  readonly dModel: number;
  readonly seed: number;
  /** x is uniform in [-scale, scale); default 1. */
  readonly scale?: number;
}

/** Float64 parameters (float32-representable), drawn from one seeded stream in a fixed order. */
export function randomDecoderBlockParamsF64({ dModel, ffnDim, seed }: DecoderBlockSizes): DecoderBlockParamsF64 {
  for (const [name, value] of [
    ['dModel', dModel],
    ['ffnDim', ffnDim],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  const uniform = seededUniform(seed);
  const gains = (): ShapedData => draw(uniform, [dModel], 0.5, 1.5);
  const weight = (fanIn: number, fanOut: number): ShapedData => {
    const bound = Math.sqrt(3 / fanIn); // uniform(-b, b) has standard deviation b / sqrt(3)
    return draw(uniform, [fanIn, fanOut], -bound, bound);
  };
  return {
    attnNorm: gains(),
    wq: weight(dModel, dModel),
    wk: weight(dModel, dModel),
    wv: weight(dModel, dModel),
    wo: weight(dModel, dModel),
    mlpNorm: gains(),
    wGate: weight(dModel, ffnDim),
    wUp: weight(dModel, ffnDim),
    wDown: weight(ffnDim, dModel),
  };
}

/** A seeded random `[batch, seqLen, dModel]` input, float64 (float32-representable values). */
export function randomDecoderInputF64({ batch, seqLen, dModel, seed, scale = 1 }: DecoderInputSizes): ShapedData {
  return draw(seededUniform(seed), [batch, seqLen, dModel], -scale, scale);
}

/** Seeded random block parameters as float32 tensors. Dispose them with `disposeParams`. */
export function randomDecoderBlockParams(sizes: DecoderBlockSizes): DecoderBlockParamTensors {
  return paramTensors(randomDecoderBlockParamsF64(sizes));
}

/** A seeded random `[batch, seqLen, dModel]` float32 input tensor. */
export function randomDecoderInput(sizes: DecoderInputSizes): tf.Tensor3D {
  return inputTensor(randomDecoderInputF64(sizes));
}

/** Float32 tensors holding the values of float64 parameters (the caller disposes them: `disposeParams`). */
export function paramTensors(params: DecoderBlockParamsF64): DecoderBlockParamTensors {
  const tensor = (a: ShapedData) => tf.tensor(Float32Array.from(a.data), [...a.shape], 'float32');
  const out = {} as Record<ParamName, tf.Tensor>;
  for (const name of PARAM_NAMES) out[name] = tensor(params[name]);
  return out as unknown as DecoderBlockParamTensors;
}

/** A float32 `Tensor3D` holding the values of a float64 `[B, T, D]` array. */
export function inputTensor(x: ShapedData): tf.Tensor3D {
  const [b, t, d] = x.shape as [number, number, number];
  return tf.tensor3d(Float32Array.from(x.data), [b, t, d], 'float32');
}

export function disposeParams(params: DecoderBlockParamTensors): void {
  for (const name of PARAM_NAMES) params[name].dispose();
}

function draw(uniform: () => number, shape: readonly number[], low: number, high: number): ShapedData {
  const count = shape.reduce((product, dim) => product * dim, 1);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = Math.fround(low + (high - low) * uniform());
  return { shape, data };
}

// ---------------------------------------------------------------------------------------------
// Cases: what the suite's properties, `kata compare` and the props template draw.

/** One part of the input the contract rejects with a RangeError (see the README's "Bad input"). */
export type BadPart = 'indivisible' | 'attnNorm' | 'wUp' | 'wDown' | 'negativeEps';

export interface DecoderCase {
  readonly batch: number;
  readonly seqLen: number;
  readonly dModel: number;
  readonly nHeads: number;
  readonly ffnDim: number;
  readonly seed: number;
  /** Omitted: the config has no eps, so the default 1e-6 applies. */
  readonly eps?: number;
  /** Multiplies input row (b·T + t) by rowScales[(b·T + t) % length]: small rows expose eps placement. */
  readonly rowScales?: readonly number[];
  /**
   * Omitted in valid cases. `indivisible`: dModel is not a multiple of nHeads; `attnNorm`, `wUp`,
   * `wDown`: that parameter is drawn one too long along one axis; `negativeEps`: eps is −1e-6.
   */
  readonly bad?: BadPart;
}

/** [dModel, nHeads] pairs: head sizes 1 to 8, one to eight heads. */
const HEAD_CHOICES: ReadonlyArray<readonly [number, number]> = [
  [8, 1],
  [8, 2],
  [8, 4],
  [12, 3],
  [12, 2],
  [16, 2],
  [16, 4],
  [16, 8],
];

/** B 1..2, T 1..6, (dModel, nHeads) from HEAD_CHOICES, F 16..32, eps default/1e-6/1e-3/0.1, some tiny rows. */
export const decoderCase: fc.Arbitrary<DecoderCase> = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    seqLen: fc.integer({ min: 1, max: 6 }),
    heads: fc.constantFrom(...HEAD_CHOICES),
    ffnDim: fc.integer({ min: 16, max: 32 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    eps: fc.constantFrom<number | undefined>(undefined, 1e-6, 1e-3, 1e-1),
    rowScales: fc.constantFrom<readonly number[] | undefined>(undefined, [1e-4, 1], [1, 1, 1e-4], [0.01]),
  })
  .map(({ heads, eps, rowScales, ...rest }) => ({
    ...rest,
    dModel: heads[0],
    nHeads: heads[1],
    ...(eps === undefined ? {} : { eps }),
    ...(rowScales === undefined ? {} : { rowScales }),
  }));

/**
 * Tiny blocks that print in a few lines, for `kata compare`: B ≤ 2, T ≤ 4, up to 3 heads of size
 * up to 3, F ≤ 4, eps default/1e-6/0.1, x at scale 1 or with rows of 1e-4; about one case in
 * thirteen has a bad part (the contract's RangeErrors).
 */
export const smallDecoderCase: fc.Arbitrary<DecoderCase> = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    seqLen: fc.integer({ min: 1, max: 4 }),
    nHeads: fc.integer({ min: 1, max: 3 }),
    headDim: fc.integer({ min: 1, max: 3 }),
    ffnDim: fc.integer({ min: 1, max: 4 }),
    seed: fc.nat({ max: 999 }),
    eps: fc.constantFrom<number | undefined>(undefined, 1e-6, 0.1),
    rowScales: fc.constantFrom<readonly number[] | undefined>(undefined, [1e-4], [1, 1e-4]),
    bad: fc.oneof(
      { weight: 12, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom<BadPart>('indivisible', 'attnNorm', 'wUp', 'wDown', 'negativeEps') },
    ),
  })
  .map(({ nHeads, headDim, eps, rowScales, bad, ...rest }) => {
    const heads = bad === 'indivisible' ? Math.max(2, nHeads) : nHeads;
    return {
      ...rest,
      dModel: heads * headDim + (bad === 'indivisible' ? 1 : 0),
      nHeads: heads,
      ...(bad === 'negativeEps' ? { eps: -1e-6 } : eps === undefined ? {} : { eps }),
      ...(rowScales === undefined ? {} : { rowScales }),
      ...(bad === undefined ? {} : { bad }),
    };
  });

/** The case's input x [B, T, D] (row scales applied) and parameters, float32-representable float64 values. */
export function decoderInputs(c: DecoderCase): { x: ShapedData; params: DecoderBlockParamsF64 } {
  const drawn = randomDecoderInputF64({ batch: c.batch, seqLen: c.seqLen, dModel: c.dModel, seed: c.seed + 7919 });
  const params = randomDecoderBlockParamsF64({ dModel: c.dModel, ffnDim: c.ffnDim, seed: c.seed });
  const wrong = wrongShape(c);
  const withBad =
    c.bad === undefined || wrong === undefined
      ? params
      : { ...params, [c.bad]: draw(seededUniform(c.seed + 2), wrong, -1, 1) };
  const scales = c.rowScales;
  if (scales === undefined) return { x: drawn, params: withBad };
  const data = new Float64Array(drawn.data.length);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.fround((drawn.data[i] as number) * (scales[Math.floor(i / c.dModel) % scales.length] as number));
  }
  return { x: { shape: drawn.shape, data }, params: withBad };
}

/** The shape a bad parameter is drawn at (one too long along one axis), or undefined. */
export function wrongShape(c: DecoderCase): number[] | undefined {
  const { dModel: d, ffnDim: f } = c;
  if (c.bad === 'attnNorm') return [d + 1];
  if (c.bad === 'wUp') return [d, f + 1];
  if (c.bad === 'wDown') return [f + 1, d];
  return undefined;
}

/** The config the case describes: `{ nHeads }`, plus `eps` when the case sets one. */
export function decoderConfig(c: DecoderCase): { nHeads: number; eps?: number } {
  return c.eps === undefined ? { nHeads: c.nHeads } : { nHeads: c.nHeads, eps: c.eps };
}
