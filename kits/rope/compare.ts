import type * as tf from '@tensorflow/tfjs';
import {
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';
import { seededData } from '../../src/harness/tensor-data.ts';
import { type RopeCall, type RopeCallOptions, ropeCall } from './inputs.ts';

type ApplyRope = (x: tf.Tensor, options?: RopeCallOptions) => tf.Tensor;

const specOf = (call: RopeCall) => ({ shape: call.shape, values: Array.from(seededData(call.shape, call.seed).data) });

export const differential: Differential<RopeCall, TensorValue> = {
  // ropeCall from inputs.ts: random shapes, positions, bases and styles, rarely a bad input.
  inputs: ropeCall,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    const applyRope = exported<ApplyRope>(impl, 'applyRope');
    // A fresh copy of the options for each call, so neither side can see the other's edits.
    const options: [] | [RopeCallOptions] = input.options === undefined ? [] : [structuredClone(input.options)];
    return runOnTensors([specOf(input)], ([x]) => applyRope(x as tf.Tensor, ...options));
  },
  difference: (mine, ref) => tensorDifference(mine, ref),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    const options = value.options === undefined ? '' : `, ${showOptions(value.options)}`;
    return `applyRope(x${options})\n    ${showSpec('x', specOf(value))}`;
  },
};

function showOptions(options: RopeCallOptions): string {
  const parts: string[] = [];
  if (options.positions !== undefined) parts.push(`positions: [${options.positions.join(', ')}]`);
  if (options.base !== undefined) parts.push(`base: ${options.base}`);
  if (options.style !== undefined) parts.push(`style: '${options.style}'`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}
