import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { seededUniform } from '../harness/random.ts';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showShape,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from './tensor.ts';
import { type Differential, exported } from './types.ts';

const PARAM_NAMES = ['attnNorm', 'wq', 'wk', 'wv', 'wo', 'mlpNorm', 'wGate', 'wUp', 'wDown'] as const;
type ParamName = (typeof PARAM_NAMES)[number];

/** One parameter drawn at a wrong shape (the spec says RangeError). */
type BadParam = 'attnNorm' | 'wUp' | 'wDown';

/**
 * A recipe rather than values: the same seeded draws as src/harness/decoder-block-random.ts, so
 * the learner can rebuild the failing input with randomDecoderBlockParams / randomDecoderInput.
 */
interface Input {
  readonly batch: number;
  readonly seqLen: number;
  readonly dModel: number;
  readonly nHeads: number;
  readonly ffnDim: number;
  readonly seed: number;
  /** x is uniform in [-xScale, xScale): 1e-4 makes eps matter. */
  readonly xScale: number;
  /** undefined: config has no eps (default 1e-6). */
  readonly eps: number | undefined;
  readonly badParam: BadParam | undefined;
}

type DecoderBlockForward = (
  x: tf.Tensor3D,
  params: Record<ParamName, tf.Tensor>,
  config: { nHeads: number; eps?: number },
) => tf.Tensor3D;

/** B ≤ 2, T ≤ 4, nHeads ≤ 3 with head size ≤ 3, F ≤ 4; rarely D % nHeads ≠ 0 or a wrong parameter shape. */
const inputs: fc.Arbitrary<Input> = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    seqLen: fc.integer({ min: 1, max: 4 }),
    nHeads: fc.integer({ min: 1, max: 3 }),
    headDim: fc.integer({ min: 1, max: 3 }),
    ffnDim: fc.integer({ min: 1, max: 4 }),
    seed: fc.nat({ max: 999 }),
    xScale: fc.constantFrom(1, 1e-4, 3),
    eps: fc.constantFrom(undefined, 1e-6, 0.1),
    bad: fc.oneof(
      { weight: 12, arbitrary: fc.constant('none' as const) },
      { weight: 1, arbitrary: fc.constantFrom('indivisible', 'attnNorm', 'wUp', 'wDown') },
    ),
  })
  .map(({ batch, seqLen, nHeads, headDim, ffnDim, seed, xScale, eps, bad }) => {
    const heads = bad === 'indivisible' ? Math.max(2, nHeads) : nHeads;
    return {
      batch,
      seqLen,
      dModel: heads * headDim + (bad === 'indivisible' ? 1 : 0),
      nHeads: heads,
      ffnDim,
      seed,
      xScale,
      eps,
      badParam: bad === 'none' || bad === 'indivisible' ? undefined : bad,
    };
  });

/** Uniform draws in [low, high), rounded to float32: the harness's `draw`. */
function draw(uniform: () => number, shape: number[], low: number, high: number): TensorSpec {
  const count = shape.reduce((n, d) => n * d, 1);
  return { shape, values: Array.from({ length: count }, () => Math.fround(low + (high - low) * uniform())) };
}

/** randomDecoderBlockParamsF64({ dModel, nHeads, ffnDim, seed }): gains in [0.5, 1.5], weights ±sqrt(3 / fan_in). */
export function paramSpecs(dModel: number, ffnDim: number, seed: number): Record<ParamName, TensorSpec> {
  const uniform = seededUniform(seed);
  const gains = () => draw(uniform, [dModel], 0.5, 1.5);
  const weight = (fanIn: number, fanOut: number) =>
    draw(uniform, [fanIn, fanOut], -Math.sqrt(3 / fanIn), Math.sqrt(3 / fanIn));
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

/** randomDecoderInputF64({ batch, seqLen, dModel, seed, scale }). */
export function inputSpec(batch: number, seqLen: number, dModel: number, seed: number, scale: number): TensorSpec {
  return draw(seededUniform(seed), [batch, seqLen, dModel], -scale, scale);
}

/** The parameter that is drawn one too large along one axis, or undefined. */
function wrongShape(input: Input): number[] | undefined {
  const { dModel: d, ffnDim: f } = input;
  if (input.badParam === 'attnNorm') return [d + 1];
  if (input.badParam === 'wUp') return [d, f + 1];
  if (input.badParam === 'wDown') return [f + 1, d];
  return undefined;
}

const xSeed = (input: Input) => input.seed + 1;

export const differential: Differential<Input, TensorValue> = {
  inputs,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    const forward = exported<DecoderBlockForward>(impl, 'decoderBlockForward');
    const params = paramSpecs(input.dModel, input.ffnDim, input.seed);
    const wrong = wrongShape(input);
    if (input.badParam !== undefined && wrong !== undefined) {
      params[input.badParam] = draw(seededUniform(input.seed + 2), wrong, -1, 1);
    }
    const x = inputSpec(input.batch, input.seqLen, input.dModel, xSeed(input), input.xScale);
    const config = { nHeads: input.nHeads, ...(input.eps === undefined ? {} : { eps: input.eps }) };
    return runOnTensors([x, ...PARAM_NAMES.map((name) => params[name])], ([xt, ...pt]) => {
      const tensors = Object.fromEntries(PARAM_NAMES.map((name, i) => [name, pt[i] as tf.Tensor])) as Record<
        ParamName,
        tf.Tensor
      >;
      return forward(xt as tf.Tensor3D, tensors, config);
    });
  },
  difference: (mine, ref) => tensorDifference(mine, ref),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    const { batch, seqLen, dModel, nHeads, ffnDim, seed, xScale, eps } = value;
    const lines = [
      `decoderBlockForward(x, params, { nHeads: ${nHeads}${eps === undefined ? '' : `, eps: ${eps}`} })`,
      `    x = randomDecoderInput({ batch: ${batch}, seqLen: ${seqLen}, dModel: ${dModel}, seed: ${xSeed(value)}, scale: ${xScale} })`,
    ];
    // The draws do not depend on nHeads; it is only validated, so nHeads: 1 rebuilds an indivisible case.
    const indivisible = dModel % nHeads !== 0;
    lines.push(
      `    params = randomDecoderBlockParams({ dModel: ${dModel}, nHeads: ${indivisible ? 1 : nHeads}, ffnDim: ${ffnDim}, seed: ${seed} })`,
    );
    if (indivisible) lines.push(`    (dModel ${dModel} is not divisible by nHeads ${nHeads})`);
    const wrong = wrongShape(value);
    if (wrong !== undefined) lines.push(`    except params.${value.badParam} of shape ${showShape(wrong)}`);
    lines.push('    (from src/harness/decoder-block-random.ts)');
    return lines.join('\n');
  },
};
