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
  valuesArb,
  rarely,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';

type Reduction = 'none' | 'sum' | 'mean' | 'batchmean';
interface KlDivLossOptions {
  reduction?: Reduction;
  logTarget?: boolean;
}

type Unary = 'logSoftmax' | 'entropy';
type Binary = 'crossEntropy' | 'klDivergence';

interface UnaryInput {
  readonly fn: Unary;
  readonly logits: TensorSpec;
}
interface BinaryInput {
  readonly fn: Binary;
  readonly p: TensorSpec;
  readonly q: TensorSpec;
}
interface LossInput {
  readonly fn: 'klDivLoss';
  readonly input: TensorSpec;
  readonly target: TensorSpec;
  /** undefined: called with two arguments (reduction 'mean', logTarget false). */
  readonly options: KlDivLossOptions | undefined;
}
type Input = UnaryInput | BinaryInput | LossInput;

type UnaryFn = (logits: tf.Tensor) => tf.Tensor;
type BinaryFn = (p: tf.Tensor, q: tf.Tensor) => tf.Tensor;
type LossFn = (input: tf.Tensor, target: tf.Tensor, opts?: KlDivLossOptions) => tf.Tensor;

/**
 * Shapes [...lead, V] with up to two leading axes of 1..3 and V in 1..4. Logits are halves in
 * [-2, 2], or the same times 1000 (`large`), where log(softmax) underflows; `holes` turns some
 * into -Infinity (probability 0).
 */
const sizes = {
  lead: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  v: fc.integer({ min: 1, max: 4 }),
  large: fc.boolean(),
  a: valuesArb(12),
  b: valuesArb(12),
  holes: fc.array(fc.boolean(), { maxLength: 5 }),
};

/** The last logit of every row stays finite, so no row is all −Infinity (an undefined softmax). */
function logits(values: number[], v: number, large: boolean, holes: boolean[]): number[] {
  const n = Math.max(v, 1) * Math.ceil(values.length / Math.max(v, 1));
  return Array.from({ length: n }, (_, i) => {
    const x = values[i % values.length] as number;
    return holes[i % Math.max(1, holes.length)] && i % v !== v - 1 ? -Infinity : x * (large ? 1000 : 1);
  });
}

function shapeOf(lead: number[], v: number, bad: string): number[] {
  if (bad === 'rank0') return [];
  if (bad === 'v0') return [...lead, 0];
  return [...lead, v];
}

const unary: fc.Arbitrary<UnaryInput> = fc
  .record({ ...sizes, fn: fc.constantFrom<Unary>('logSoftmax', 'entropy'), bad: rarely('rank0', 'v0') })
  .map(({ lead, v, large, a, holes, fn, bad }) => ({
    fn,
    logits: { shape: shapeOf(lead, v, bad), values: logits(a, v, large, holes) },
  }));

const binary: fc.Arbitrary<BinaryInput> = fc
  .record({
    ...sizes,
    qHoles: fc.array(fc.boolean(), { maxLength: 5 }),
    fn: fc.constantFrom<Binary>('crossEntropy', 'klDivergence'),
    bad: rarely('rank0', 'v0', 'shape', 'broadcast'),
  })
  .map(({ lead, v, large, a, b, holes, qHoles, fn, bad }) => {
    const shape = shapeOf(lead, v, bad);
    const qShape = bad === 'shape' ? [...lead, v + 1] : bad === 'broadcast' ? [1, ...shape] : shape;
    return {
      fn,
      p: { shape, values: logits(a, v, large, holes) },
      q: { shape: qShape, values: logits(b, v, large, qHoles) },
    };
  });

const loss: fc.Arbitrary<LossInput> = fc
  .record({
    ...sizes,
    reduction: fc.constantFrom<Reduction | undefined>(undefined, 'none', 'sum', 'mean', 'batchmean'),
    logTarget: fc.constantFrom(undefined, false, true),
    noOptions: fc.boolean(),
    bad: rarely('rank0', 'v0', 'shape', 'reduction', 'negativeTarget'),
  })
  .map(({ lead, v, a, b, reduction, logTarget, noOptions, bad }) => {
    const shape = shapeOf(lead, v, bad);
    const log = logTarget === true;
    // input: finite log q (any reals); target: probabilities in [0, 1] (with zeros), or logs of them.
    const target = b.map((x) => Math.abs(x) / 2).map((x) => (log ? (x === 0 ? -Infinity : Math.log(x)) : x));
    if (bad === 'negativeTarget' && !log) target[0] = -0.5;
    const options: KlDivLossOptions = {
      ...(reduction !== undefined && { reduction }),
      ...(logTarget !== undefined && { logTarget }),
    };
    if (bad === 'reduction') options.reduction = 'avg' as Reduction;
    return {
      fn: 'klDivLoss' as const,
      input: { shape, values: a.map((x) => x - 2.5) },
      target: { shape: bad === 'shape' ? [...shape, 1] : shape, values: target },
      options: noOptions && logTarget !== true && bad !== 'reduction' ? undefined : options,
    };
  });

export const differential: Differential<Input, TensorValue> = {
  inputs: fc.oneof(unary, binary, loss),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if ('logits' in input) {
      const fn = exported<UnaryFn>(impl, input.fn);
      return runOnTensors([input.logits], ([logits]) => fn(logits as tf.Tensor));
    }
    if ('input' in input) {
      const fn = exported<LossFn>(impl, 'klDivLoss');
      const extra: [] | [KlDivLossOptions] = input.options === undefined ? [] : [input.options];
      return runOnTensors([input.input, input.target], ([x, t]) => fn(x as tf.Tensor, t as tf.Tensor, ...extra));
    }
    const fn = exported<BinaryFn>(impl, input.fn);
    return runOnTensors([input.p, input.q], ([p, q]) => fn(p as tf.Tensor, q as tf.Tensor));
  },
  // Logits of ±2000 make float32 log-probabilities exact only to ~1e-4 of their size.
  difference: (mine, ref) => tensorDifference(mine, ref, { atol: 1e-4, rtol: 2e-4 }),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if ('logits' in value) {
      return [`${value.fn}(logits)`, `    ${showSpec('logits', value.logits)}`].join('\n');
    }
    if ('input' in value) {
      const opts = value.options === undefined ? '' : `, ${JSON.stringify(value.options)}`;
      return [
        `klDivLoss(input, target${opts})`,
        `    ${showSpec('input', value.input)}`,
        `    ${showSpec('target', value.target)}`,
      ].join('\n');
    }
    return [
      `${value.fn}(pLogits, qLogits)`,
      `    ${showSpec('pLogits', value.p)}`,
      `    ${showSpec('qLogits', value.q)}`,
    ].join('\n');
  },
};
