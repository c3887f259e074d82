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
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import { type LoraCall, loraCall } from './inputs.ts';

type Output = TensorValue | { readonly value: number };
type Fn = (...args: unknown[]) => unknown;

/**
 * The calls of inputs.ts (`loraCall`): loraForward, mergeLora and unmergeLora on small layers
 * (dIn, dOut ≤ 8, r ≤ 4, x with one or two leading axes), loraScaling and loraParamCount, now and
 * then with one bad argument (shape, alpha, r, options, a missing field, an unknown or repeated
 * target), where both sides must throw the same error class; initLora with bad arguments only.
 */
export const differential: Differential<LoraCall, Output> = {
  inputs: loraCall,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    const call = exported<Fn>(impl, input.fn);
    if (input.fn === 'loraScaling') return { value: call(input.alpha, input.r, input.opts) as number };
    if (input.fn === 'loraParamCount') return { value: call(structuredClone(input.cfg)) as number };
    if (input.fn === 'initLora') {
      // Only bad calls are generated: a valid one would throw here, and the reference would too.
      call(input.dIn, input.dOut, input.r, input.seed);
      throw new Error('initLora returned for a bad argument');
    }
    const opts = input.opts === undefined ? [] : [structuredClone(input.opts)];
    const specs = [input.x, input.w, input.a, input.merged, input.b, input.bias];
    const present = specs.filter((s) => s !== undefined);
    return runOnTensors(present, (tensors) => {
      const byName = new Map(present.map((s, i) => [s, tensors[i] as tf.Tensor]));
      const p: Record<string, unknown> = {
        w: byName.get(input.w),
        a: byName.get(input.a),
        alpha: input.alpha,
        ...(input.b !== undefined && { b: byName.get(input.b) }),
        ...(input.bias !== undefined && { bias: byName.get(input.bias) }),
      };
      if (input.fn === 'loraForward') return call(byName.get(input.x), p, ...opts);
      if (input.fn === 'mergeLora') return call(p, ...opts);
      return call(byName.get(input.merged), p, ...opts);
    });
  },
  difference(mine, ref) {
    if (isTensorValue(mine) && isTensorValue(ref)) return tensorDifference(mine, ref);
    if (!isTensorValue(mine) && !isTensorValue(ref)) {
      const close = Math.abs(mine.value - ref.value) <= 1e-12 * Math.max(1, Math.abs(ref.value));
      return close ? undefined : `${mine.value} vs ${ref.value} (yours vs the reference)`;
    }
    return 'a different kind of result from the reference';
  },
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if ('value' in value) return String(value.value);
    if (value.fn === 'loraParamCount') return `loraParamCount(${showJson(value.cfg)})`;
    if (value.fn === 'loraScaling') {
      return `loraScaling(${showJson(value.alpha)}, ${showJson(value.r)}${value.opts === undefined ? '' : `, ${showJson(value.opts)}`})`;
    }
    if (value.fn === 'initLora') {
      return `initLora(${[value.dIn, value.dOut, value.r, value.seed].map(showJson).join(', ')})`;
    }
    const opts = value.opts === undefined ? '' : `, ${showJson(value.opts)}`;
    const fields = ['w', ...(value.bias === undefined ? [] : ['bias']), 'a', ...(value.b === undefined ? [] : ['b'])];
    const lines = [
      showSpec('w', value.w),
      ...(value.bias === undefined ? [] : [showSpec('bias', value.bias)]),
      showSpec('a', value.a),
      ...(value.b === undefined ? [] : [showSpec('b', value.b)]),
    ];
    const call =
      value.fn === 'loraForward'
        ? `loraForward(x, p${opts})`
        : value.fn === 'mergeLora'
          ? `mergeLora(p${opts})`
          : `unmergeLora(merged, p${opts})`;
    if (value.fn === 'loraForward') lines.unshift(showSpec('x', value.x));
    if (value.fn === 'unmergeLora') lines.unshift(showSpec('merged', value.merged));
    return `${call}, p = { ${fields.join(', ')}, alpha: ${showJson(value.alpha)} }\n    ${lines.join('\n    ')}`;
  },
};
