import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type AdvantagesOptions,
  advantagesOptions,
  type BadAdvantagesCall,
  type BadK3Call,
  type BadLossCall,
  badAdvantagesCall,
  badK3Call,
  badLossCall,
  type LossCase,
  type LossOptions,
  lossCase,
  lossOptions,
  rewardsCase,
} from './inputs.ts';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  tensorOf,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

interface AdvantagesInput {
  readonly fn: 'groupAdvantages';
  readonly rewards: number[];
  readonly groupSize: number;
  /** undefined: called with two arguments. */
  readonly options: AdvantagesOptions | undefined;
}
interface K3Input {
  readonly fn: 'k3Kl';
  readonly logp: TensorSpec;
  readonly refLogp: TensorSpec;
}
interface LossInput {
  readonly fn: 'grpoLoss';
  readonly c: LossCase;
  /** False (only when β = 0): refLogp is left out. */
  readonly withRef: boolean;
  /** undefined: called with one argument. */
  readonly options: LossOptions | undefined;
}
type BadInput =
  | { readonly fn: 'bad groupAdvantages'; readonly bad: BadAdvantagesCall }
  | { readonly fn: 'bad k3Kl'; readonly bad: BadK3Call }
  | { readonly fn: 'bad grpoLoss'; readonly bad: BadLossCall };
type Input = AdvantagesInput | K3Input | LossInput | BadInput;

/** groupAdvantages returns plain numbers (or throws); the tensor functions a TensorValue. */
type Output = TensorValue | { readonly numbers: number[] };

type GroupAdvantages = (rewards: unknown, g: unknown, opts?: unknown) => number[];
type K3 = (logp: tf.Tensor2D, ref: tf.Tensor2D) => tf.Tensor2D;
type Loss = (i: Record<string, unknown>, opts?: unknown) => tf.Tensor;

const matrixSpec = (rows: number[][]): TensorSpec => ({
  shape: [rows.length, rows[0]?.length ?? 0],
  values: rows.flat(),
});

/** Rarely (1 in 13), one bad argument; the bad cases come from inputs.ts. */
const mostly = <T, B>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<B>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });

const advantages: fc.Arbitrary<AdvantagesInput | BadInput> = mostly(
  fc
    .tuple(rewardsCase, fc.option(advantagesOptions, { nil: undefined }))
    .map(([c, options]) => ({ fn: 'groupAdvantages' as const, ...c, options })),
  badAdvantagesCall.map((bad) => ({ fn: 'bad groupAdvantages' as const, bad })),
);

const k3: fc.Arbitrary<K3Input | BadInput> = mostly(
  lossCase.map((c) => ({ fn: 'k3Kl' as const, logp: matrixSpec(c.logp), refLogp: matrixSpec(c.refLogp) })),
  badK3Call.map((bad) => ({ fn: 'bad k3Kl' as const, bad })),
);

const loss: fc.Arbitrary<LossInput | BadInput> = mostly(
  fc.tuple(lossCase, fc.option(lossOptions, { nil: undefined }), fc.boolean()).map(([c, options, dropRef]) => ({
    fn: 'grpoLoss' as const,
    c,
    options,
    withRef: !(dropRef && options?.beta === 0),
  })),
  badLossCall.map((bad) => ({ fn: 'bad grpoLoss' as const, bad })),
);

/** Runs grpoLoss on tensors made from plain matrices ('plain' stays a plain array); inputs disposed after. */
function runLoss(fn: Loss, inputs: Record<string, number[][] | number[] | string>, options: unknown): TensorValue {
  const keys = Object.keys(inputs).filter((k) => typeof inputs[k] !== 'string');
  const specs = keys.map((k) => {
    const value = inputs[k] as number[][] | number[];
    return k === 'advantages' ? { shape: [value.length], values: value as number[] } : matrixSpec(value as number[][]);
  });
  return runOnTensors(specs, (made) => {
    const arg: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(inputs)) arg[k] = typeof v === 'string' ? [1] : made[keys.indexOf(k)];
    return options === undefined ? fn(arg) : fn(arg, options);
  });
}

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(advantages, k3, loss),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    switch (input.fn) {
      case 'groupAdvantages': {
        const fn = exported<GroupAdvantages>(impl, 'groupAdvantages');
        const extra = input.options === undefined ? [] : [{ ...input.options }];
        return { numbers: [...fn([...input.rewards], input.groupSize, ...extra)] };
      }
      case 'bad groupAdvantages': {
        const { rewards, groupSize, opts } = input.bad.args;
        exported<GroupAdvantages>(impl, 'groupAdvantages')(rewards, groupSize, opts);
        throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
      }
      case 'k3Kl': {
        const fn = exported<K3>(impl, 'k3Kl');
        return runOnTensors([input.logp, input.refLogp], ([a, b]) => fn(a as tf.Tensor2D, b as tf.Tensor2D));
      }
      case 'bad k3Kl': {
        const fn = exported<K3>(impl, 'k3Kl');
        const { logp, refLogp } = input.bad.args;
        if (typeof refLogp === 'string') {
          const made = tensorOf(matrixSpec(logp)) as tf.Tensor2D;
          try {
            fn(made, [[0]] as unknown as tf.Tensor2D);
          } finally {
            made.dispose();
          }
        } else {
          runOnTensors([matrixSpec(logp), matrixSpec(refLogp)], ([a, b]) => fn(a as tf.Tensor2D, b as tf.Tensor2D));
        }
        throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
      }
      case 'grpoLoss': {
        const { c } = input;
        const inputs = {
          logp: c.logp,
          oldLogp: c.oldLogp,
          advantages: c.advantages,
          mask: c.mask,
          ...(input.withRef && { refLogp: c.refLogp }),
        };
        return runLoss(exported<Loss>(impl, 'grpoLoss'), inputs, input.options && { ...input.options });
      }
      case 'bad grpoLoss': {
        const inputs = input.bad.args.inputs as Record<string, number[][] | number[] | string>;
        runLoss(exported<Loss>(impl, 'grpoLoss'), inputs, { ...input.bad.args.options });
        throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
      }
    }
  },
  difference(mine, ref) {
    if ('numbers' in ref) {
      if (!('numbers' in mine) || !Array.isArray(mine.numbers))
        return 'expected a number[] (plain numbers, not a tensor)';
      if (mine.numbers.length !== ref.numbers.length)
        return `length ${mine.numbers.length} vs ${ref.numbers.length} (yours vs the reference)`;
      for (let i = 0; i < ref.numbers.length; i++) {
        const a = mine.numbers[i] as number;
        const b = ref.numbers[i] as number;
        if (!(Math.abs(a - b) <= 1e-9 + 1e-9 * Math.abs(b))) return `element ${i}: yours ${a}, reference ${b}`;
      }
      return undefined;
    }
    if (!isTensorValue(mine)) return 'expected a tf.Tensor';
    return tensorDifference(mine, ref);
  },
  show(value) {
    if ('numbers' in value) return showJson(value.numbers);
    if (isTensorValue(value)) return showTensorValue(value);
    switch (value.fn) {
      case 'groupAdvantages': {
        const opts = value.options === undefined ? '' : `, ${JSON.stringify(value.options)}`;
        return `groupAdvantages(${showJson(value.rewards)}, ${value.groupSize}${opts})`;
      }
      case 'k3Kl':
        return [
          'k3Kl(logp, refLogp)',
          `    ${showSpec('logp', value.logp)}`,
          `    ${showSpec('refLogp', value.refLogp)}`,
        ].join('\n');
      case 'grpoLoss': {
        const { c } = value;
        const opts = value.options === undefined ? '' : `, ${JSON.stringify(value.options)}`;
        return [
          `grpoLoss({ logp, oldLogp, ${value.withRef ? 'refLogp, ' : ''}advantages, mask }${opts})`,
          `    ${showSpec('logp', matrixSpec(c.logp))}`,
          `    ${showSpec('oldLogp', matrixSpec(c.oldLogp))}`,
          ...(value.withRef ? [`    ${showSpec('refLogp', matrixSpec(c.refLogp))}`] : []),
          `    advantages = ${showJson(c.advantages)}`,
          `    ${showSpec('mask', matrixSpec(c.mask))}`,
        ].join('\n');
      }
      default:
        return `${value.fn.slice(4)}: ${value.bad.what}\n    ${showJson(value.bad.args)}`;
    }
  },
};
