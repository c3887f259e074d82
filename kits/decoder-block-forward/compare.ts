import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { randomDecoderBlockParamsF64, randomDecoderInputF64 } from './random.ts';
import { randomValues } from '../../src/harness/random.ts';
import { sizeOf } from '../../src/harness/shape.ts';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showShape,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';

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

/** The harness's seeded parameters as plain data (their values do not depend on nHeads). */
export function paramSpecs(dModel: number, ffnDim: number, seed: number): Record<ParamName, TensorSpec> {
  const params = randomDecoderBlockParamsF64({ dModel, nHeads: 1, ffnDim, seed });
  const specs = {} as Record<ParamName, TensorSpec>;
  for (const name of Object.keys(params) as ParamName[]) specs[name] = plain(params[name]);
  return specs;
}

/** The harness's seeded input as plain data. */
export function inputSpec(batch: number, seqLen: number, dModel: number, seed: number, scale: number): TensorSpec {
  return plain(randomDecoderInputF64({ batch, seqLen, dModel, seed, scale }));
}

function plain(array: { readonly shape: readonly number[]; readonly data: Float64Array }): TensorSpec {
  return { shape: [...array.shape], values: Array.from(array.data) };
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
      params[input.badParam] = { shape: wrong, values: Array.from(randomValues(sizeOf(wrong), input.seed + 2)) };
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
