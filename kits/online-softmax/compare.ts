import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  attentionCall,
  attentionInputs,
  badAttentionCall,
  badBytesCall,
  badStatsCall,
  bytesConfig,
  statsCase,
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
import type { ShapedData } from '../../src/harness/tensor-data.ts';

type Input =
  | { readonly fn: 'onlineSoftmaxStats'; readonly x: unknown; readonly blockSize: unknown }
  | {
      readonly fn: 'tiledAttention';
      readonly q: TensorSpec;
      readonly k: TensorSpec;
      readonly v: TensorSpec;
      /** undefined: called without the options argument. */
      readonly opts: Record<string, unknown> | undefined;
    }
  | { readonly fn: 'scoreMatrixBytes'; readonly c: Record<string, unknown> };

type Stats = { max: number; sumExp: number };
type Output = TensorValue | Stats | number;

type StatsFn = (x: unknown, blockSize: unknown) => Stats;
type Attention = (q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, opts?: unknown) => tf.Tensor2D;
type Bytes = (c: unknown) => number;

const spec = (a: ShapedData): TensorSpec => ({ shape: a.shape, values: Array.from(a.data) });

/** Mostly valid calls of each function, now and then one that must throw (from inputs.ts). */
const rarelyBad = <A, B>(good: fc.Arbitrary<A>, bad: fc.Arbitrary<B>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });

const stats: fc.Arbitrary<Input> = rarelyBad(
  statsCase.map(({ x, blockSize }) => ({ fn: 'onlineSoftmaxStats' as const, x, blockSize })),
  badStatsCall.map(({ args }) => ({ fn: 'onlineSoftmaxStats' as const, ...args })),
);

const attention: fc.Arbitrary<Input> = rarelyBad(
  attentionCall.map(({ c, opts }) => {
    const { q, k, v } = attentionInputs(c);
    return { fn: 'tiledAttention' as const, q: spec(q), k: spec(k), v: spec(v), opts };
  }),
  badAttentionCall.map(({ args }) => ({
    fn: 'tiledAttention' as const,
    q: spec(args.q),
    k: spec(args.k),
    v: spec(args.v),
    opts: args.opts,
  })),
);

const bytes: fc.Arbitrary<Input> = rarelyBad(
  bytesConfig.map((c) => ({ fn: 'scoreMatrixBytes' as const, c: { ...c } })),
  badBytesCall.map(({ args }) => ({ fn: 'scoreMatrixBytes' as const, c: args })),
);

function difference(mine: Output, ref: Output): string | undefined {
  if (isTensorValue(ref)) {
    return isTensorValue(mine) ? tensorDifference(mine, ref) : `expected a tf.Tensor, got ${showJson(mine)}`;
  }
  if (typeof ref === 'number') return mine === ref ? undefined : `${showJson(mine)} bytes, expected ${ref}`;
  const got = mine as Partial<Stats>;
  if (typeof got !== 'object' || got === null) return `expected { max, sumExp }, got ${showJson(mine)}`;
  if (!Object.is(got.max, ref.max)) return `max ${showJson(got.max)}, expected ${showJson(ref.max)}`;
  const sum = got.sumExp as number;
  if (!(Math.abs(sum - ref.sumExp) <= 1e-12 * Math.max(1, ref.sumExp))) {
    return `sumExp ${showJson(sum)}, expected ${showJson(ref.sumExp)}`;
  }
  return undefined;
}

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(stats, attention, bytes),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    switch (input.fn) {
      case 'onlineSoftmaxStats':
        return exported<StatsFn>(impl, input.fn)(Array.isArray(input.x) ? [...input.x] : input.x, input.blockSize);
      case 'scoreMatrixBytes':
        return exported<Bytes>(impl, input.fn)({ ...input.c });
      case 'tiledAttention': {
        const attend = exported<Attention>(impl, input.fn);
        const opts: [] | [unknown] = input.opts === undefined ? [] : [{ ...input.opts }];
        return runOnTensors([input.q, input.k, input.v], ([q, k, v]) =>
          attend(q as tf.Tensor2D, k as tf.Tensor2D, v as tf.Tensor2D, ...opts),
        );
      }
    }
  },
  difference,
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if (typeof value === 'number') return String(value);
    if (!('fn' in value)) return showJson(value);
    switch (value.fn) {
      case 'onlineSoftmaxStats':
        return `onlineSoftmaxStats(${showJson(value.x)}, ${showJson(value.blockSize)})`;
      case 'scoreMatrixBytes':
        return `scoreMatrixBytes(${showJson(value.c)})`;
      case 'tiledAttention': {
        const opts = value.opts === undefined ? '' : `, ${showJson(value.opts)}`;
        return [
          `tiledAttention(q, k, v${opts})`,
          ...(['q', 'k', 'v'] as const).map((name) => `    ${showSpec(name, value[name])}`),
        ].join('\n');
      }
    }
  },
};
