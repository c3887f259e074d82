import type * as tf from '@tensorflow/tfjs';
import {
  type DecoderCase,
  PARAM_NAMES,
  type ParamName,
  decoderConfig,
  decoderInputs,
  smallDecoderCase,
  wrongShape,
} from './inputs.ts';
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

type DecoderBlockForward = (
  x: tf.Tensor3D,
  params: Record<ParamName, tf.Tensor>,
  config: { nHeads: number; eps?: number },
) => tf.Tensor3D;

function plain(array: { readonly shape: readonly number[]; readonly data: Float64Array }): TensorSpec {
  return { shape: [...array.shape], values: Array.from(array.data) };
}

/**
 * Tiny blocks from inputs.ts (`smallDecoderCase`): B ≤ 2, T ≤ 4, up to 3 heads of size up to 3,
 * F ≤ 4; rarely D % nHeads ≠ 0, a parameter one too long, or a negative eps (all RangeError).
 * The input is shown as the case, so the learner rebuilds it with `decoderInputs`.
 */
export const differential: Differential<DecoderCase, TensorValue> = {
  inputs: smallDecoderCase,
  setup: () => useBackendFromEnv(),
  run(impl, c) {
    const forward = exported<DecoderBlockForward>(impl, 'decoderBlockForward');
    const { x, params } = decoderInputs(c);
    const config = decoderConfig(c);
    return runOnTensors([plain(x), ...PARAM_NAMES.map((name) => plain(params[name]))], ([xt, ...pt]) => {
      const tensors = Object.fromEntries(PARAM_NAMES.map((name, i) => [name, pt[i] as tf.Tensor])) as Record<
        ParamName,
        tf.Tensor
      >;
      return forward(xt as tf.Tensor3D, tensors, { ...config });
    });
  },
  difference: (mine, ref) => tensorDifference(mine, ref),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    const { nHeads, eps } = value;
    const lines = [
      `decoderBlockForward(x, params, { nHeads: ${nHeads}${eps === undefined ? '' : `, eps: ${eps}`} })`,
      `    const { x, params } = decoderInputs(${JSON.stringify(value)})`,
      '    (decoderInputs, inputTensor and paramTensors are in kits/decoder-block-forward/inputs.ts)',
    ];
    if (value.dModel % nHeads !== 0) lines.push(`    dModel ${value.dModel} is not divisible by nHeads ${nHeads}`);
    const wrong = wrongShape(value);
    if (wrong !== undefined) lines.push(`    params.${value.bad} has shape ${showShape(wrong)}`);
    return lines.join('\n');
  },
};
