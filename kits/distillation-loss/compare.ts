import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  type TensorSpec,
  type TensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import { type Arg, type BadCall, badCall, type DistillCase, distillCase, resolved } from './inputs.ts';
import { maxAbs } from './oracle.ts';

type Fn = (...args: unknown[]) => unknown;

type Input = { readonly kind: 'valid'; readonly c: DistillCase } | { readonly kind: 'bad'; readonly c: BadCall };

/** The three losses stacked as [loss, softLoss, hardLoss], with what sets their float32 tolerance. */
interface Output {
  readonly value: TensorValue;
  readonly scale: number;
  readonly temperature: number;
}

/** Stacks { loss, softLoss, hardLoss } into one [3] tensor and disposes the three scalars. */
function stacked(result: unknown): unknown {
  if (result === null || typeof result !== 'object') return result;
  const { loss, softLoss, hardLoss } = result as Record<string, unknown>;
  const parts = [loss, softLoss, hardLoss];
  if (!parts.every((t) => t instanceof tf.Tensor && !t.isDisposed)) return result;
  const tensors = parts as tf.Tensor[];
  // A loss that is not a scalar shows up as a [3·k] result instead of [3].
  const out = tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(t, [-1]))));
  tf.dispose(tensors);
  return out;
}

const specsOf = (args: readonly Arg[]) => args.flatMap((arg, i) => ('tensor' in arg ? [{ i, spec: arg.tensor }] : []));

export const differential: Differential<Input, Output> = {
  // The suite's generators (inputs.ts): [N, V] and [B, T, V] calls with logits up to 1e4, every
  // option, about a third of the positions ignored; now and then one bad argument that must throw
  // its TypeError or RangeError.
  inputs: fc.oneof(
    { weight: 6, arbitrary: distillCase.map((c) => ({ kind: 'valid' as const, c })) },
    { weight: 1, arbitrary: badCall.map((c) => ({ kind: 'bad' as const, c })) },
  ),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    const fn = exported<Fn>(impl, 'distillationLoss');
    if (input.kind === 'bad') {
      const { c } = input;
      const args = [c.student, c.teacher, c.labels];
      const tensors = specsOf(args);
      const value = runOnTensors(
        tensors.map((t) => t.spec),
        (built) => {
          const values = args.map((arg, i) =>
            'tensor' in arg ? built[tensors.findIndex((t) => t.i === i)] : arg.notATensor,
          );
          return stacked(c.opts === undefined ? fn(...values) : fn(...values, c.opts.value));
        },
      );
      return { value, scale: 1, temperature: 1 };
    }
    const { c } = input;
    const specs: TensorSpec[] = [
      { shape: c.shape, values: Array.from(c.student) },
      { shape: c.shape, values: Array.from(c.teacher) },
      { shape: c.shape.slice(0, -1), values: Array.from(c.labels), dtype: 'int32' },
    ];
    const value = runOnTensors(specs, ([s, t, l]) => stacked(c.opts === undefined ? fn(s, t, l) : fn(s, t, l, c.opts)));
    return { value, scale: maxAbs(c.student, c.teacher), temperature: resolved(c.opts).temperature };
  },
  // Twice the suite's float32 allowance against the float64 oracle (two float32 answers may each be
  // off by it), taken at its largest: the soft term's T²·(2e-5·s + 2.5e-7·s²), s = scale / T.
  difference(mine, ref) {
    const T = ref.temperature;
    const s = Math.max(1, ref.scale / T, ref.scale);
    const atol = 2 * Math.max(1, T * T) * (2e-5 * s + 2.5e-7 * s * s);
    return tensorDifference(mine.value, ref.value, { atol, rtol: 4e-5 });
  },
  show(value) {
    if ('value' in value && isTensorValue(value.value)) {
      return `[loss, softLoss, hardLoss] = ${showTensorValue(value.value)}`;
    }
    const input = value as Input;
    if (input.kind === 'bad') {
      const { c } = input;
      const names = ['studentLogits', 'teacherLogits', 'labels'];
      const args = [c.student, c.teacher, c.labels].map((arg, i) =>
        'tensor' in arg ? showSpec(names[i] as string, arg.tensor) : `${names[i]} = ${showJson(arg.notATensor)}`,
      );
      const opts = c.opts === undefined ? '' : `, ${showJson(c.opts.value)}`;
      return [
        `distillationLoss(studentLogits, teacherLogits, labels${opts})   // ${c.why}: ${c.error}`,
        ...args.map((a) => `    ${a}`),
      ].join('\n');
    }
    const { c } = input;
    return [
      `distillationLoss(studentLogits, teacherLogits, labels${c.opts === undefined ? '' : `, ${showJson(c.opts)}`})`,
      `    ${showSpec('studentLogits', { shape: c.shape, values: Array.from(c.student) })}`,
      `    ${showSpec('teacherLogits', { shape: c.shape, values: Array.from(c.teacher) })}`,
      `    ${showSpec('labels', { shape: c.shape.slice(0, -1), values: Array.from(c.labels), dtype: 'int32' })}`,
    ].join('\n');
  },
};
