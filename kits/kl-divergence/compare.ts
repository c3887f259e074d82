import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import { type BadCall, badCall, type DistPair, distPair, type KlDivLossCase, klDivLossCase } from './inputs.ts';
import { maxAbs } from './oracle.ts';

type Unary = 'logSoftmax' | 'entropy';
type Binary = 'crossEntropy' | 'klDivergence';
type AnyFn = (...args: unknown[]) => tf.Tensor;

type Input =
  | { readonly fn: Unary | Binary; readonly c: DistPair }
  | { readonly fn: 'klDivLoss'; readonly c: KlDivLossCase }
  | { readonly fn: 'bad'; readonly c: BadCall };

/** A result, with the logits' magnitude that sets how far two float32 answers may drift apart. */
interface Output {
  readonly value: TensorValue;
  readonly scale: number;
}

const spec = (shape: readonly number[], values: ArrayLike<number>): TensorSpec => ({
  shape: [...shape],
  values: Array.from(values),
});

function optionsOf(c: KlDivLossCase): [] | [{ reduction?: string; logTarget?: boolean }] {
  if (c.reduction === undefined && c.logTarget === undefined) return [];
  return [
    {
      ...(c.reduction !== undefined && { reduction: c.reduction }),
      ...(c.logTarget !== undefined && { logTarget: c.logTarget }),
    },
  ];
}

export const differential: Differential<Input, Output> = {
  // The suite's generators (inputs.ts): logit pairs of shape [..., V] with |logits| up to 1e4 and
  // −Infinity holes, klDivLoss cases with every reduction and logTarget, and now and then one bad
  // argument that must throw its TypeError or RangeError.
  inputs: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        fn: fc.constantFrom<Unary | Binary>('logSoftmax', 'entropy', 'crossEntropy', 'klDivergence'),
        c: distPair,
      }),
    },
    { weight: 3, arbitrary: klDivLossCase.map((c) => ({ fn: 'klDivLoss' as const, c })) },
    { weight: 1, arbitrary: badCall.map((c) => ({ fn: 'bad' as const, c })) },
  ),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'bad') {
      const { c } = input;
      const tensors = c.args.flatMap((arg, i) =>
        'tensor' in arg ? [{ i, spec: spec(arg.tensor.shape, arg.tensor.values) }] : [],
      );
      const fn = exported<AnyFn>(impl, c.fn);
      const value = runOnTensors(
        tensors.map((t) => t.spec),
        (built) => {
          const args = c.args.map((arg, i) =>
            'tensor' in arg ? built[tensors.findIndex((t) => t.i === i)] : arg.notATensor,
          );
          return c.opts === undefined ? fn(...args) : fn(...args, c.opts.value);
        },
      );
      return { value, scale: 1 };
    }
    if (input.fn === 'klDivLoss') {
      const { c } = input;
      const fn = exported<AnyFn>(impl, 'klDivLoss');
      const value = runOnTensors([spec(c.shape, c.input), spec(c.shape, c.target)], ([x, t]) =>
        fn(x, t, ...optionsOf(c)),
      );
      return { value, scale: Math.max(1, maxAbs(c.input)) };
    }
    const { c } = input;
    const fn = exported<AnyFn>(impl, input.fn);
    const unary = input.fn === 'logSoftmax' || input.fn === 'entropy';
    const value = runOnTensors(unary ? [spec(c.shape, c.p)] : [spec(c.shape, c.p), spec(c.shape, c.q)], (built) =>
      fn(...built),
    );
    return { value, scale: Math.max(1, maxAbs(c.p, c.q)) };
  },
  // Twice the suite's float32 allowance against the float64 oracle (two float32 answers may each
  // be off by it): log-probabilities next to logits of size s are exact to about s·2^-24, and
  // Σ p·log q multiplies an error in p by |log q| ≤ 2s.
  difference(mine, ref) {
    const s = ref.scale;
    return tensorDifference(mine.value, ref.value, { atol: 2 * (2e-5 * s + 2.5e-7 * s * s), rtol: 4e-5 });
  },
  show(value) {
    if ('value' in value && isTensorValue(value.value)) return showTensorValue(value.value);
    const input = value as Input;
    if (input.fn === 'bad') {
      const { c } = input;
      const args = c.args.map((arg, i) =>
        'tensor' in arg
          ? showSpec(`arg${i}`, spec(arg.tensor.shape, arg.tensor.values))
          : `arg${i} = ${showJson(arg.notATensor)}`,
      );
      const opts = c.opts === undefined ? '' : `, ${showJson(c.opts.value)}`;
      return [
        `${c.fn}(${args.map((_, i) => `arg${i}`).join(', ')}${opts})   // ${c.why}: ${c.error}`,
        ...args.map((a) => `    ${a}`),
      ].join('\n');
    }
    if (input.fn === 'klDivLoss') {
      const { c } = input;
      const opts = optionsOf(c);
      return [
        `klDivLoss(input, target${opts.length === 0 ? '' : `, ${showJson(opts[0])}`})`,
        `    ${showSpec('input', spec(c.shape, c.input))}`,
        `    ${showSpec('target', spec(c.shape, c.target))}`,
      ].join('\n');
    }
    const { c } = input;
    const unary = input.fn === 'logSoftmax' || input.fn === 'entropy';
    return [
      `${input.fn}(${unary ? 'logits' : 'pLogits, qLogits'})`,
      `    ${showSpec(unary ? 'logits' : 'pLogits', spec(c.shape, c.p))}`,
      ...(unary ? [] : [`    ${showSpec('qLogits', spec(c.shape, c.q))}`]),
    ].join('\n');
  },
};
