import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type BadGaeCall,
  type BadLossCall,
  badGaeCall,
  badLossCall,
  type LossCase,
  type LossOptions,
  lossCase,
  lossOptions,
  type Trajectory,
  trajectory,
} from './inputs.ts';
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

const INPUTS = ['logProbs', 'oldLogProbs', 'advantages', 'values', 'oldValues', 'returns', 'entropy', 'mask'] as const;
const TERMS = ['loss', 'policyLoss', 'valueLoss', 'entropy', 'clipFraction', 'approxKL'] as const;

type Input =
  | { readonly fn: 'gae'; readonly c: Trajectory; readonly float64: boolean }
  | { readonly fn: 'ppoLoss'; readonly c: LossCase; readonly options: LossOptions | undefined }
  | { readonly fn: 'bad gae'; readonly bad: BadGaeCall }
  | { readonly fn: 'bad ppoLoss'; readonly bad: BadLossCall };

/** gae returns plain numbers; ppoLoss's six scalars are compared as one [6] tensor (in TERMS order). */
type Output = TensorValue | { readonly advantages: number[]; readonly returns: number[] };

type Gae = (...args: unknown[]) => { advantages: number[]; returns: number[] };
type Loss = (inputs: Record<string, unknown>, opts?: unknown) => Record<string, tf.Tensor>;

const matrixSpec = (rows: number[][]): TensorSpec => ({
  shape: [rows.length, rows[0]?.length ?? 0],
  values: rows.flat(),
});

/** Rarely (1 in 13), one bad argument; the bad cases come from inputs.ts. */
const mostly = <T, B>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<B>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });

/** Runs ppoLoss on tensors made from plain matrices ('plain' stays a plain array); the six terms stacked. */
function runLoss(fn: Loss, inputs: Record<string, number[][] | 'plain'>, options: unknown): TensorValue {
  const keys = Object.keys(inputs).filter((k) => inputs[k] !== 'plain');
  return runOnTensors(
    keys.map((k) => matrixSpec(inputs[k] as number[][])),
    (made) => {
      const arg: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(inputs)) arg[k] = v === 'plain' ? [[1]] : made[keys.indexOf(k)];
      const out = options === undefined ? fn(arg) : fn(arg, options);
      const terms = TERMS.map((k) => out[k]);
      for (const [i, t] of terms.entries()) {
        if (!(t instanceof tf.Tensor)) throw new TypeError(`ppoLoss(…).${TERMS[i]} is not a tf.Tensor`);
      }
      const stacked = tf.stack(terms as tf.Tensor[]);
      tf.dispose(terms as tf.Tensor[]);
      return stacked;
    },
  );
}

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(
    mostly(
      fc.tuple(trajectory, fc.boolean()).map(([c, float64]) => ({ fn: 'gae' as const, c, float64 })),
      badGaeCall.map((bad) => ({ fn: 'bad gae' as const, bad })),
    ),
    mostly(
      fc
        .tuple(lossCase, fc.option(lossOptions, { nil: undefined }))
        .map(([c, options]) => ({ fn: 'ppoLoss' as const, c, options })),
      badLossCall.map((bad) => ({ fn: 'bad ppoLoss' as const, bad })),
    ),
  ),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    switch (input.fn) {
      case 'gae': {
        const { c } = input;
        const as = (xs: number[]) => (input.float64 ? Float64Array.from(xs) : [...xs]);
        const out = exported<Gae>(impl, 'gae')(
          as(c.rewards),
          as(c.values),
          as(c.dones),
          c.lastValue,
          c.gamma,
          c.lambda,
        );
        return { advantages: [...out.advantages], returns: [...out.returns] };
      }
      case 'bad gae': {
        const { rewards, values, dones, lastValue, gamma, lambda } = input.bad.args;
        exported<Gae>(impl, 'gae')(rewards, values, dones, lastValue, gamma, lambda);
        throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
      }
      case 'ppoLoss': {
        const inputs = Object.fromEntries(INPUTS.map((k) => [k, input.c[k]]));
        return runLoss(exported<Loss>(impl, 'ppoLoss'), inputs, input.options && { ...input.options });
      }
      case 'bad ppoLoss': {
        const inputs = input.bad.args.inputs as Record<string, number[][] | 'plain'>;
        runLoss(exported<Loss>(impl, 'ppoLoss'), inputs, { ...input.bad.args.options });
        throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
      }
    }
  },
  difference(mine, ref) {
    if ('advantages' in ref) {
      if (!('advantages' in mine)) return 'expected { advantages, returns } as plain number[]';
      for (const key of ['advantages', 'returns'] as const) {
        const a = mine[key];
        const b = ref[key];
        if (!Array.isArray(a)) return `${key}: expected a plain number[]`;
        if (a.length !== b.length) return `${key}: length ${a.length} vs ${b.length} (yours vs the reference)`;
        for (let i = 0; i < b.length; i++) {
          const x = a[i] as number;
          const y = b[i] as number;
          if (!(Math.abs(x - y) <= 1e-9 + 1e-9 * Math.abs(y))) return `${key}[${i}]: yours ${x}, reference ${y}`;
        }
      }
      return undefined;
    }
    if (!isTensorValue(mine)) return 'expected six tf.Scalar terms';
    return tensorDifference(mine, ref);
  },
  show(value) {
    if (isTensorValue(value)) return `[${TERMS.join(', ')}] = ${showTensorValue(value)}`;
    if ('advantages' in value)
      return `{ advantages: ${showJson(value.advantages)}, returns: ${showJson(value.returns)} }`;
    switch (value.fn) {
      case 'gae': {
        const { c } = value;
        const wrap = (xs: number[]) => (value.float64 ? `Float64Array ${showJson(xs)}` : showJson(xs));
        return `gae(${wrap(c.rewards)}, ${wrap(c.values)}, ${wrap(c.dones)}, ${c.lastValue}, ${c.gamma}, ${c.lambda})`;
      }
      case 'ppoLoss': {
        const opts = value.options === undefined ? '' : `, ${JSON.stringify(value.options)}`;
        return [
          `ppoLoss({ ${INPUTS.join(', ')} }${opts})`,
          ...INPUTS.map((k) => `    ${showSpec(k, matrixSpec(value.c[k]))}`),
        ].join('\n');
      }
      default:
        return `${value.fn.slice(4)}: ${value.bad.what}\n    ${showJson(value.bad.args)}`;
    }
  },
};
