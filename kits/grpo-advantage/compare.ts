import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { type LossCase, type LossOptions, lossCase, lossOptions, rewardScale, rewardsCase } from './inputs.ts';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
  rarely,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

interface AdvantagesOptions {
  scale?: 'group' | 'batch' | 'none';
  eps?: number;
}

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
  readonly withRef: boolean;
  /** undefined: called with one argument. */
  readonly options: LossOptions | undefined;
}
type Input = AdvantagesInput | K3Input | LossInput;

/** groupAdvantages returns plain numbers (or throws); the tensor functions a TensorValue. */
type Output = TensorValue | { readonly numbers: number[] };

type GroupAdvantages = (rewards: number[], g: number, opts?: AdvantagesOptions) => number[];
type K3 = (logp: tf.Tensor2D, ref: tf.Tensor2D) => tf.Tensor2D;
type Loss = (i: Record<string, tf.Tensor>, opts?: LossOptions) => tf.Tensor;

const advantages: fc.Arbitrary<AdvantagesInput> = fc
  .record({
    c: rewardsCase,
    scale: fc.option(rewardScale, { nil: undefined }),
    eps: fc.constantFrom(undefined, 0, 1e-4, 0.1),
    noOptions: fc.boolean(),
    bad: rarely('length', 'g1', 'eps'),
  })
  .map(({ c, scale, eps, noOptions, bad }) => {
    const options: AdvantagesOptions = { ...(scale !== undefined && { scale }), ...(eps !== undefined && { eps }) };
    if (bad === 'eps') options.eps = -1e-4;
    return {
      fn: 'groupAdvantages' as const,
      rewards: bad === 'length' ? [...c.rewards, 1] : c.rewards,
      groupSize: bad === 'g1' ? 1 : c.groupSize,
      options: noOptions && Object.keys(options).length === 0 ? undefined : options,
    };
  });

const matrixSpec = (rows: number[][]): TensorSpec => ({
  shape: [rows.length, rows[0]?.length ?? 0],
  values: rows.flat(),
});

const k3: fc.Arbitrary<K3Input> = fc.record({ c: lossCase, bad: rarely('shape') }).map(({ c, bad }) => ({
  fn: 'k3Kl' as const,
  logp: matrixSpec(c.logp),
  refLogp: bad === 'shape' ? matrixSpec(c.refLogp.map((row) => [...row, -1])) : matrixSpec(c.refLogp),
}));

const loss: fc.Arbitrary<LossInput> = fc
  .record({
    c: lossCase,
    options: fc.option(lossOptions, { nil: undefined }),
    bad: rarely('noRef', 'maskedRow', 'advantages'),
  })
  .map(({ c, options, bad }) => {
    let mask = c.mask;
    if (bad === 'maskedRow') mask = c.mask.map((row, b) => (b === 0 ? row.map(() => 0) : row));
    return {
      fn: 'grpoLoss' as const,
      c: { ...c, mask, advantages: bad === 'advantages' ? [...c.advantages, 0] : c.advantages },
      withRef: bad !== 'noRef',
      options:
        bad === 'noRef'
          ? { ...options, beta: 0.04 }
          : bad === 'maskedRow'
            ? { ...options, aggregation: 'sequence' }
            : options,
    };
  });

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(advantages, k3, loss),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'groupAdvantages') {
      const fn = exported<GroupAdvantages>(impl, 'groupAdvantages');
      const extra: [] | [AdvantagesOptions] = input.options === undefined ? [] : [{ ...input.options }];
      return { numbers: [...fn([...input.rewards], input.groupSize, ...extra)] };
    }
    if (input.fn === 'k3Kl') {
      const fn = exported<K3>(impl, 'k3Kl');
      return runOnTensors([input.logp, input.refLogp], ([a, b]) => fn(a as tf.Tensor2D, b as tf.Tensor2D));
    }
    const fn = exported<Loss>(impl, 'grpoLoss');
    const { c } = input;
    const specs: TensorSpec[] = [
      matrixSpec(c.logp),
      matrixSpec(c.oldLogp),
      { shape: [c.advantages.length], values: c.advantages },
      matrixSpec(c.mask),
      ...(input.withRef ? [matrixSpec(c.refLogp)] : []),
    ];
    const extra: [] | [LossOptions] = input.options === undefined ? [] : [{ ...input.options }];
    return runOnTensors(specs, ([logp, oldLogp, adv, mask, refLogp]) =>
      fn(
        {
          logp: logp as tf.Tensor,
          oldLogp: oldLogp as tf.Tensor,
          advantages: adv as tf.Tensor,
          mask: mask as tf.Tensor,
          ...(refLogp && { refLogp }),
        },
        ...extra,
      ),
    );
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
    if (value.fn === 'groupAdvantages') {
      const opts = value.options === undefined ? '' : `, ${JSON.stringify(value.options)}`;
      return `groupAdvantages(${showJson(value.rewards)}, ${value.groupSize}${opts})`;
    }
    if (value.fn === 'k3Kl')
      return [
        `k3Kl(logp, refLogp)`,
        `    ${showSpec('logp', value.logp)}`,
        `    ${showSpec('refLogp', value.refLogp)}`,
      ].join('\n');
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
  },
};
