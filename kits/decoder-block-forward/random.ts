import * as tf from '@tensorflow/tfjs';
import type { DecoderBlockParamsF64 } from './oracle.ts';
import { seededUniform } from '../../src/harness/random.ts';
import type { F64Array } from '../../src/harness/tf.ts';

/**
 * Seeded random tensors for the decoder-block-forward kata: the "forward pass on random tensors"
 * the interviewer hands you. The learner calls these from scratch code; the hidden suite uses the
 * `…Pair` forms, which also return the float64 copy of the very same values for the oracle.
 *
 * Weights are `[in, out]` (applied as `x @ W`), uniform with standard deviation 1/sqrt(fan_in) so
 * activations stay about 1 through the block; norm gains are uniform in [0.5, 1.5] (not all 1, so
 * a solution that ignores or swaps them is visible).
 */
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

export interface DecoderBlockSizes {
  readonly dModel: number;
  readonly nHeads: number;
  readonly ffnDim: number;
  readonly seed: number;
}

export interface DecoderInputSizes {
  readonly batch: number;
  readonly seqLen: number;
  readonly dModel: number;
  readonly seed: number;
  /** Inputs are uniform in [-scale, scale); default 1. */
  readonly scale?: number;
}

const PARAM_NAMES = ['attnNorm', 'wq', 'wk', 'wv', 'wo', 'mlpNorm', 'wGate', 'wUp', 'wDown'] as const;

/** Float64 parameters (float32-representable), drawn from one seeded stream in a fixed order. */
export function randomDecoderBlockParamsF64({
  dModel,
  nHeads,
  ffnDim,
  seed,
}: DecoderBlockSizes): DecoderBlockParamsF64 {
  for (const [name, value] of [
    ['dModel', dModel],
    ['nHeads', nHeads],
    ['ffnDim', ffnDim],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (dModel % nHeads !== 0) throw new RangeError(`dModel (${dModel}) must be divisible by nHeads (${nHeads})`);
  const uniform = seededUniform(seed);
  const gains = (): F64Array => draw(uniform, [dModel], 0.5, 1.5);
  const weight = (fanIn: number, fanOut: number): F64Array => {
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

/** Float32 tensors from float64 parameters (the caller disposes them: `disposeParams`). */
export function paramTensors(f64: DecoderBlockParamsF64): DecoderBlockParamTensors {
  const vector = (a: F64Array): tf.Tensor1D => tf.tensor1d(Float32Array.from(a.data), 'float32');
  const matrix = (a: F64Array): tf.Tensor2D =>
    tf.tensor2d(Float32Array.from(a.data), [a.shape[0] as number, a.shape[1] as number], 'float32');
  return {
    attnNorm: vector(f64.attnNorm),
    wq: matrix(f64.wq),
    wk: matrix(f64.wk),
    wv: matrix(f64.wv),
    wo: matrix(f64.wo),
    mlpNorm: vector(f64.mlpNorm),
    wGate: matrix(f64.wGate),
    wUp: matrix(f64.wUp),
    wDown: matrix(f64.wDown),
  };
}

/** Seeded random block parameters as float32 tensors. Dispose them with `disposeParams`. */
export function randomDecoderBlockParams(sizes: DecoderBlockSizes): DecoderBlockParamTensors {
  return paramTensors(randomDecoderBlockParamsF64(sizes));
}

/** The parameters as tensors plus their float64 twin, for oracle checks. */
export function randomDecoderBlockPair(sizes: DecoderBlockSizes): {
  tensors: DecoderBlockParamTensors;
  f64: DecoderBlockParamsF64;
} {
  const f64 = randomDecoderBlockParamsF64(sizes);
  return { tensors: paramTensors(f64), f64 };
}

/** A seeded random `[batch, seqLen, dModel]` input, float64 (float32-representable values). */
export function randomDecoderInputF64({ batch, seqLen, dModel, seed, scale = 1 }: DecoderInputSizes): F64Array {
  return draw(seededUniform(seed), [batch, seqLen, dModel], -scale, scale);
}

/** A seeded random `[batch, seqLen, dModel]` float32 input tensor. */
export function randomDecoderInput(sizes: DecoderInputSizes): tf.Tensor3D {
  return inputTensor(randomDecoderInputF64(sizes));
}

/** A float32 `Tensor3D` holding the values of a float64 `[B, T, D]` array. */
export function inputTensor(x: F64Array): tf.Tensor3D {
  const [b, t, d] = x.shape as [number, number, number];
  return tf.tensor3d(Float32Array.from(x.data), [b, t, d], 'float32');
}

export function disposeParams(params: DecoderBlockParamTensors): void {
  for (const name of PARAM_NAMES) params[name].dispose();
}

function draw(uniform: () => number, shape: readonly number[], low: number, high: number): F64Array {
  const count = shape.reduce((product, dim) => product * dim, 1);
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) data[i] = Math.fround(low + (high - low) * uniform());
  return { shape, data };
}
