import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { statsCase } from './inputs.ts';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  rarely,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
  valuesArb,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Options = { blockQ?: number; blockK?: number; causal?: boolean };

type Input =
  | { readonly fn: 'onlineSoftmaxStats'; readonly x: number[]; readonly blockSize: number }
  | {
      readonly fn: 'tiledAttention';
      readonly q: TensorSpec;
      readonly k: TensorSpec;
      readonly v: TensorSpec;
      /** undefined: called without the options argument. */
      readonly opts: Options | undefined;
    }
  | {
      readonly fn: 'scoreMatrixBytes';
      readonly c: { batch: number; heads: number; seqLen: number; bytesPerElement: number };
    };

type Stats = { max: number; sumExp: number };
type Output = TensorValue | Stats | number;

type StatsFn = (x: number[], blockSize: number) => Stats;
type Attention = (q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, opts?: Options) => tf.Tensor2D;
type Bytes = (c: { batch: number; heads: number; seqLen: number; bytesPerElement: number }) => number;

/** statsCase (values near 0 or ±1000, the odd −Infinity, blockSize 1..10); rarely empty x or blockSize 0. */
const stats: fc.Arbitrary<Input> = fc.record({ c: statsCase, bad: rarely('empty', 'blockSize') }).map(({ c, bad }) => ({
  fn: 'onlineSoftmaxStats' as const,
  x: bad === 'empty' ? [] : c.x,
  blockSize: bad === 'blockSize' ? 0 : c.blockSize,
}));

/**
 * Tq, Tk ≤ 6, d, dv ≤ 4, blocks 1..7 or left to the default, causal given or not; `scale` 100
 * pushes scores into the hundreds or thousands (either sign). Rarely a bad block size, a d or Tk
 * mismatch, or causal with Tq > Tk.
 */
const attention: fc.Arbitrary<Input> = fc
  .record({
    tq: fc.integer({ min: 1, max: 6 }),
    tk: fc.integer({ min: 1, max: 6 }),
    d: fc.integer({ min: 1, max: 4 }),
    dv: fc.integer({ min: 1, max: 4 }),
    blockQ: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    blockK: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    causal: fc.option(fc.boolean(), { nil: undefined }),
    noOptions: fc.boolean(),
    scale: fc.constantFrom(1, 1, 100),
    q: valuesArb(),
    k: valuesArb(),
    v: valuesArb(),
    bad: rarely('blockQ', 'blockK', 'd', 'vRows', 'causalTq'),
  })
  .map(({ tq: tq0, tk: tk0, d, dv, blockQ, blockK, causal, noOptions, scale, q, k, v, bad }) => {
    const causalOn = bad === 'causalTq' || causal === true;
    // causal needs Tq ≤ Tk (unless that is the bad input asked for)
    let [tq, tk] = causalOn && tq0 > tk0 ? [tk0, tq0] : [tq0, tk0];
    if (bad === 'causalTq') [tq, tk] = [Math.max(tq, tk) + 1, Math.min(tq, tk)];
    const opts: Options = {};
    if (blockQ !== undefined || bad === 'blockQ') opts.blockQ = bad === 'blockQ' ? 0 : blockQ;
    if (blockK !== undefined || bad === 'blockK') opts.blockK = bad === 'blockK' ? -1 : blockK;
    if (causal !== undefined || bad === 'causalTq') opts.causal = causalOn;
    const empty = Object.keys(opts).length === 0;
    return {
      fn: 'tiledAttention' as const,
      q: { shape: [tq, d], values: q.map((x) => x * scale) },
      k: { shape: [tk, d + (bad === 'd' ? 1 : 0)], values: k.map((x) => x * scale) },
      v: { shape: [tk + (bad === 'vRows' ? 1 : 0), dv], values: v },
      opts: empty && noOptions ? undefined : opts,
    };
  });

const bytes: fc.Arbitrary<Input> = fc
  .record({
    batch: fc.integer({ min: 1, max: 8 }),
    heads: fc.integer({ min: 1, max: 64 }),
    seqLen: fc.integer({ min: 1, max: 32768 }),
    bytesPerElement: fc.constantFrom(1, 2, 4),
  })
  .map((c) => ({ fn: 'scoreMatrixBytes' as const, c }));

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
        return exported<StatsFn>(impl, input.fn)([...input.x], input.blockSize);
      case 'scoreMatrixBytes':
        return exported<Bytes>(impl, input.fn)({ ...input.c });
      case 'tiledAttention': {
        const attend = exported<Attention>(impl, input.fn);
        const opts: [] | [Options] = input.opts === undefined ? [] : [{ ...input.opts }];
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
        return `onlineSoftmaxStats(${showJson(value.x)}, ${value.blockSize})`;
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
