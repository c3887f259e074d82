import * as tf from '@tensorflow/tfjs';
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
import type { ShapedData } from '../../src/harness/tensor-data.ts';
import { type MhaRun, mhaRun } from './inputs.ts';

/** A spec holding a case's values as they are (float32-exact seeded data). */
const spec = (a: ShapedData): TensorSpec => ({ shape: a.shape, values: Array.from(a.data) });

interface KvCache {
  k: tf.Tensor4D;
  v: tf.Tensor4D;
  length: number;
}
interface Weights {
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
}
type Config = { nHeads: number; rope?: { base?: number } };
type CreateKvCache = (batch: number, nHeads: number, maxLen: number, headDim: number) => KvCache;
type MhaWithCache = (x: tf.Tensor3D, w: Weights, cache: KvCache, config: Config) => { y: tf.Tensor3D; cache: KvCache };
type MhaFull = (x: tf.Tensor3D, w: Weights, config: Config) => tf.Tensor3D;

type Input = MhaRun;

/** The chunked run: every chunk's y joined along T, the last cache, and what happened to the caller's caches. */
interface ChunkedValue {
  readonly y: TensorValue;
  readonly k: TensorValue;
  readonly v: TensorValue;
  readonly length: number;
  /** 'ok', or how a call treated the cache it was handed (disposed it, changed the object). */
  readonly ownership: string;
}
type Output = TensorValue | ChunkedValue;

function runChunks(impl: Record<string, unknown>, input: Input): ChunkedValue {
  const createKvCache = exported<CreateKvCache>(impl, 'createKvCache');
  const mhaWithCache = exported<MhaWithCache>(impl, 'mhaWithCache');
  const x = tensorOf(spec(input.x)) as tf.Tensor3D;
  const w = {
    wq: tensorOf(spec(input.w.wq)),
    wk: tensorOf(spec(input.w.wk)),
    wv: tensorOf(spec(input.w.wv)),
    wo: tensorOf(spec(input.w.wo)),
  } as Weights;
  const alive: tf.Tensor[] = [];
  const ys: tf.Tensor3D[] = [];
  const problems: string[] = [];
  try {
    const before = tf.memory().numTensors;
    const [b, , d] = x.shape;
    const config = structuredClone(input.config);
    let cache = createKvCache(b, config.nHeads, input.tmax, Math.max(1, Math.floor(d / config.nHeads)));
    alive.push(cache.k, cache.v);
    let start = 0;
    for (const size of input.chunks) {
      const piece = tf.slice(x, [0, start, 0], [b, size, d]);
      alive.push(piece);
      const handed = { k: cache.k, v: cache.v, length: cache.length };
      const step = mhaWithCache(piece, w, cache, config);
      if (cache.k !== handed.k || cache.v !== handed.v || cache.length !== handed.length) {
        problems.push(`chunk at ${start}: the cache object it was handed was changed`);
      }
      if (handed.k.isDisposed || handed.v.isDisposed) {
        problems.push(`chunk at ${start}: the caller's cache tensors were disposed`);
      }
      ys.push(step.y);
      alive.push(step.y, step.cache.k, step.cache.v);
      tf.dispose([piece, handed.k, handed.v]); // the caller owns the old cache and is done with it
      cache = step.cache;
      start += size;
    }
    const read = (t: tf.Tensor) => ({ shape: [...t.shape], dtype: t.dtype, data: Array.from(t.dataSync()) });
    const joined = tf.concat(ys, 1);
    const y = read(joined);
    joined.dispose();
    const k = read(cache.k);
    const v = read(cache.v);
    const length = cache.length;
    tf.dispose(alive);
    const leaked = tf.memory().numTensors - before;
    return {
      y: { ...y, leaked },
      k: { ...k, leaked: 0 },
      v: { ...v, leaked: 0 },
      length,
      ownership: problems.length === 0 ? 'ok' : problems.join('; '),
    };
  } finally {
    tf.dispose([x, w.wq, w.wk, w.wv, w.wo, ...alive]);
  }
}

export const differential: Differential<Input, Output> = {
  inputs: mhaRun,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'chunks') return runChunks(impl, input);
    const mhaFull = exported<MhaFull>(impl, 'mhaFull');
    const { wq, wk, wv, wo } = input.w;
    return runOnTensors([input.x, wq, wk, wv, wo].map(spec), ([x, q, k, v, o]) =>
      mhaFull(x as tf.Tensor3D, { wq: q, wk: k, wv: v, wo: o } as Weights, structuredClone(input.config)),
    );
  },
  difference(mine, ref) {
    if (isTensorValue(mine) && isTensorValue(ref)) return tensorDifference(mine, ref);
    if (isTensorValue(mine) || isTensorValue(ref)) return 'a different kind of result from the reference';
    const chunked = mine as ChunkedValue;
    const reference = ref as ChunkedValue;
    if (chunked.ownership !== reference.ownership) return `the caller's cache: ${chunked.ownership}`;
    if (chunked.length !== reference.length) {
      return `cache.length ${chunked.length} vs ${reference.length} (yours vs the reference)`;
    }
    for (const part of ['y', 'k', 'v'] as const) {
      const d = tensorDifference(chunked[part], reference[part]);
      if (d !== undefined) return `${part === 'y' ? 'y (chunks joined along T)' : `last cache.${part}`}: ${d}`;
    }
    return undefined;
  },
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if ('ownership' in value) {
      return [
        `y (joined) ${showTensorValue(value.y)}`,
        `    cache.k ${showTensorValue(value.k)}`,
        `    cache.v ${showTensorValue(value.v)}`,
        `    cache.length ${value.length}; caller's caches: ${value.ownership}`,
      ].join('\n');
    }
    const call =
      value.fn === 'full'
        ? `mhaFull(x, w, ${showJson(value.config)})`
        : `createKvCache(B, ${value.config.nHeads}, Tmax = ${value.tmax}, D/nHeads), then mhaWithCache(x[chunk], w, cache, ${showJson(value.config)}) for chunks [${value.chunks.join(', ')}]`;
    return [
      call,
      `    ${showSpec('x', spec(value.x))}`,
      ...(['wq', 'wk', 'wv', 'wo'] as const).map((name) => `    ${showSpec(name, spec(value.w[name]))}`),
    ].join('\n');
  },
};
