import * as tf from '@tensorflow/tfjs';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  showSpec,
  showTensorValue,
  tensorDifference,
  tensorOf,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import type { ShapedData } from '../../src/harness/tensor-data.ts';
import { type Call, WEIGHT_NAMES, bytesSpecOf, call, mlaInputs, optionsOf } from './inputs.ts';

/** A spec holding a case's values as they are (float32-exact seeded data). */
const spec = (a: ShapedData): TensorSpec => ({ shape: a.shape, values: Array.from(a.data) });

type Cache = { cKv: tf.Tensor2D; kRope: tf.Tensor2D };
type Layer = (h: tf.Tensor2D, w: Record<string, tf.Tensor2D>, options: object) => { out: tf.Tensor2D; cache: Cache };
type Bytes = (spec: object) => number;

/** One layer call read back: out, the returned cache, and what happened to the caller's cache. */
interface LayerValue {
  readonly out: TensorValue;
  readonly cKv: TensorValue;
  readonly kRope: TensorValue;
  readonly ownership: string;
}
type Output = TensorValue | LayerValue;

const read = (t: unknown, leaked = 0): TensorValue => {
  if (!(t instanceof tf.Tensor)) throw new TypeError('expected a tf.Tensor in the result');
  return { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.dataSync()), leaked };
};

function runLayer(impl: Record<string, unknown>, input: Extract<Call, { c: unknown }>): LayerValue {
  const fn = exported<Layer>(impl, input.fn);
  const { h, w, cache } = mlaInputs(input.c);
  const ht = tensorOf(spec(h)) as tf.Tensor2D;
  const wt = Object.fromEntries(WEIGHT_NAMES.map((n) => [n, tensorOf(spec(w[n])) as tf.Tensor2D]));
  const ct = cache && {
    cKv: tensorOf(spec(cache.cKv)) as tf.Tensor2D,
    kRope: tensorOf(spec(cache.kRope)) as tf.Tensor2D,
  };
  const inputs = [ht, ...Object.values(wt), ...(ct ? [ct.cKv, ct.kRope] : [])];
  try {
    const before = tf.memory().numTensors;
    const r = fn(ht, wt, { ...optionsOf(input.c), ...(ct && { cache: ct }) });
    const values = { out: read(r.out), cKv: read(r.cache.cKv), kRope: read(r.cache.kRope) };
    const ownership =
      ct && (ct.cKv.isDisposed || ct.kRope.isDisposed) ? "the caller's cache tensors were disposed" : 'ok';
    tf.dispose([r.out, r.cache.cKv, r.cache.kRope].filter((t) => !inputs.includes(t)));
    const leaked = tf.memory().numTensors - before;
    return { ...values, out: { ...values.out, leaked }, ownership };
  } finally {
    tf.dispose(inputs);
  }
}

export const differential: Differential<Call, Output> = {
  // Both forms on small random sizes with or without a cache, and the bytes formula.
  inputs: call,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'kvCacheBytesPerToken') {
      const bytes = exported<Bytes>(impl, 'kvCacheBytesPerToken')(bytesSpecOf(input.spec));
      return { shape: [], dtype: 'number', data: [Number(bytes)], leaked: 0 };
    }
    return runLayer(impl, input);
  },
  difference(mine, ref) {
    if (isTensorValue(mine) && isTensorValue(ref)) {
      return tensorDifference(mine, ref, ref.dtype === 'number' ? { atol: 0, rtol: 1e-12 } : undefined);
    }
    if (isTensorValue(mine) || isTensorValue(ref)) return 'a different kind of result from the reference';
    const a = mine as LayerValue;
    const b = ref as LayerValue;
    if (a.ownership !== b.ownership) return a.ownership;
    for (const part of ['out', 'cKv', 'kRope'] as const) {
      const d = tensorDifference(a[part], b[part]);
      if (d !== undefined) return `${part === 'out' ? 'out' : `cache.${part}`}: ${d}`;
    }
    return undefined;
  },
  show(value) {
    if (isTensorValue(value)) return value.dtype === 'number' ? String(value.data[0]) : showTensorValue(value);
    if ('ownership' in value) {
      return [
        `out ${showTensorValue(value.out)}`,
        `    cache.cKv ${showTensorValue(value.cKv)}`,
        `    cache.kRope ${showTensorValue(value.kRope)}`,
        `    caller's cache: ${value.ownership}`,
      ].join('\n');
    }
    if (value.fn === 'kvCacheBytesPerToken') return `kvCacheBytesPerToken(${showJson(bytesSpecOf(value.spec))})`;
    const { h, w, cache } = mlaInputs(value.c);
    return [
      `${value.fn}(h, w, ${showJson(optionsOf(value.c))}${cache ? ' + cache' : ''})`,
      `    ${showSpec('h', spec(h))}`,
      ...WEIGHT_NAMES.map((n) => `    ${showSpec(n, spec(w[n]))}`),
      ...(cache
        ? [`    ${showSpec('cache.cKv', spec(cache.cKv))}`, `    ${showSpec('cache.kRope', spec(cache.kRope))}`]
        : []),
    ].join('\n');
  },
};
