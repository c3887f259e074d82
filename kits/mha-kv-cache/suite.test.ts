import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import { type KvCache, createKvCache, mhaFull, mhaWithCache } from '@impl/mha-kv-cache';
import {
  type KvCacheCase,
  badMhaRun,
  configOf,
  kvCacheCase,
  kvCacheCaseWith,
  kvCacheInputs,
  tokensOf,
} from './inputs.ts';
import {
  type KvCache64,
  type MhaWeights64,
  emptyCache64,
  mhaChunkOracle,
  mhaChunkedOracle,
  mhaFullOracle,
  sliceTime,
} from './oracle.ts';
import {
  type Closeness,
  type F64Array,
  disposeAfterEachTest,
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  sizeOf,
  useTensorBackend,
} from '../../src/harness/tf.ts';

useTensorBackend();
const keep = disposeAfterEachTest();

/** Values about 1 in size; the oracle runs in float64 on the very float32 values the tensors hold. */
const TOL: Closeness = { atol: 1e-4, rtol: 1e-4 };
/** The spec's vectors are rounded to 6 decimals. */
const VECTOR_TOL: Closeness = { atol: 2e-5 };

type Shape3 = [number, number, number];
type Shape4 = [number, number, number, number];
interface Weights {
  wq: tf.Tensor2D;
  wk: tf.Tensor2D;
  wv: tf.Tensor2D;
  wo: tf.Tensor2D;
}
type Config = { nHeads: number; rope?: { base?: number } };

function f64(shape: readonly number[], values: readonly number[]): F64Array {
  if (values.length !== sizeOf(shape)) throw new Error(`test bug: ${values.length} values for [${shape}]`);
  return { shape, data: Float64Array.from(values) };
}
const random = (shape: readonly number[], seed: number, scale = 1): F64Array => ({
  shape,
  data: randomValues(sizeOf(shape), seed, scale),
});

const tensor3 = (a: F64Array) => keep(tf.tensor3d(Float32Array.from(a.data), a.shape as Shape3, 'float32'));
const tensor4 = (a: F64Array) => keep(tf.tensor4d(Float32Array.from(a.data), a.shape as Shape4, 'float32'));
const tensor2 = (a: F64Array) => keep(tf.tensor2d(Float32Array.from(a.data), a.shape as [number, number], 'float32'));
const weightsOf = (w: MhaWeights64): Weights => ({
  wq: tensor2(w.wq),
  wk: tensor2(w.wk),
  wv: tensor2(w.wv),
  wo: tensor2(w.wo),
});
/** A cache built by the test (not by createKvCache), holding exactly the oracle's values. */
const cacheOf = (c: KvCache64): KvCache => ({ k: tensor4(c.k), v: tensor4(c.v), length: c.length });
const keepResult = (r: { y: tf.Tensor3D; cache: KvCache }) => {
  keep(r.y);
  keep(r.cache.k);
  keep(r.cache.v);
  return r;
};
/** The same result as a plain object type, which tfjs's TensorContainer accepts (an interface is not). */
const container = (r: { y: tf.Tensor3D; cache: KvCache }) => ({ y: r.y, cache: { ...r.cache } });
const values64 = (t: tf.Tensor): F64Array => ({ shape: t.shape, data: Float64Array.from(t.dataSync()) });

/** Rows [start, start + size) of a [B, T, D] tensor, as a new tensor. */
const rows = (x: tf.Tensor3D, start: number, size: number): tf.Tensor3D => {
  const [b, , d] = x.shape;
  return keep(tf.slice(x, [0, start, 0], [b, size, d]));
};

/**
 * The decode loop a caller writes: createKvCache, then one mhaWithCache per chunk, disposing each
 * previous cache once the next exists (the caller owns every returned cache). Returns the chunks'
 * outputs and the last cache; every tensor is disposed after the test.
 */
function runChunks(
  x: tf.Tensor3D,
  w: Weights,
  chunks: readonly number[],
  tmax: number,
  config: Config,
  headDim = x.shape[2] / config.nHeads,
): { ys: tf.Tensor3D[]; cache: KvCache } {
  const [b] = x.shape;
  const first = createKvCache(b, config.nHeads, tmax, headDim);
  keep(first.k);
  keep(first.v);
  let cache = first;
  const ys: tf.Tensor3D[] = [];
  let start = 0;
  for (const size of chunks) {
    const piece = rows(x, start, size);
    const step = keepResult(mhaWithCache(piece, w, cache, config));
    tf.dispose([piece, cache.k, cache.v]);
    ys.push(step.y);
    cache = step.cache;
    start += size;
  }
  return { ys, cache };
}

/** The chunks' outputs read back and joined along T: [B, T, D]. */
function joinRows(ys: readonly tf.Tensor3D[]): F64Array {
  const [b, , d] = (ys[0] as tf.Tensor3D).shape;
  const t = ys.reduce((sum, y) => sum + (y.shape[1] as number), 0);
  const out = new Float64Array(b * t * d);
  let start = 0;
  for (const y of ys) {
    expect(y.shape, 'y must have the shape of its chunk x, [B, T, D]').toEqual([b, y.shape[1], d]);
    const data = y.dataSync();
    const size = y.shape[1];
    for (let bi = 0; bi < b; bi++) out.set(data.subarray(bi * size * d, (bi + 1) * size * d), (bi * t + start) * d);
    start += size;
  }
  return { shape: [b, t, d], data: out };
}

/** joinRows as a float32 tensor (disposed after the test). */
const joined = (ys: readonly tf.Tensor3D[]): tf.Tensor => {
  const all = joinRows(ys);
  return keep(tf.tensor(Float32Array.from(all.data), [...all.shape], 'float32'));
};

const describeCase = (c: KvCacheCase) =>
  `B=${c.b}, H=${c.nHeads}, Dh=${c.dh}, chunks [${c.chunks}], Tmax=${tokensOf(c) + c.slack}, rope ${JSON.stringify(c.rope)}`;

// --- The spec's vectors -------------------------------------------------------------------------

const I2 = f64([2, 2], [1, 0, 0, 1]);
const V1 = { x: f64([1, 3, 2], [1, 0, 0, 1, 1, 1]), w: { wq: I2, wk: I2, wv: I2, wo: I2 } };
const V1_Y = [1, 0, 0.330238, 0.669762, 0.751745, 0.751745];

const I4 = f64([4, 4], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
const V2 = {
  x: f64([1, 4, 4], [1, 0, 2, 0, 0, 1, 0, -1, 1, 1, 0, 1, 0.5, -1, 1, 0]),
  w: {
    wq: I4,
    wk: f64([4, 4], [0.5, 0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 2]),
    wv: f64([4, 4], [1, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 1, 0, 0, 1]),
    wo: I4,
  },
};
const V2_Y = [
  1, 2, 2, 6, -0.339523, 1.330238, 0.214084, -0.250707, 0.891597, 2.079836, 0.382181, 1.909639, 0.703269, 1.066384,
  1.25957, 3.778709,
];
const V2_ROPE_Y = [
  1, 2, 2, 6, -0.799533, 1.100234, 0.705832, 1.470413, 0.570108, 2.041064, 0.045693, 1.010891, 0.432335, 1.014843,
  0.301407, 1.569977,
];

/** The oracle must reproduce the published numbers (guards the oracle itself). */
function expectOracle(actual: F64Array, expected: readonly number[], what: string): void {
  expected.forEach((want, i) => {
    expect(Math.abs((actual.data[i] as number) - want), `oracle ${what}[${i}]`).toBeLessThan(1e-6);
  });
}

describe('mha-kv-cache: worked examples (the spec vectors)', () => {
  test('V1 mhaFull, 1 head, D=2, identity weights: x=[[1,0],[0,1],[1,1]] → [[1,0],[0.330238,0.669762],[0.751745,0.751745]]', () => {
    expectOracle(mhaFullOracle(V1.x, V1.w, 1), V1_Y, 'V1');
    const y = keep(mhaFull(tensor3(V1.x), weightsOf(V1.w), { nHeads: 1 }));
    expectTensorClose(y, f64([1, 3, 2], V1_Y), VECTOR_TOL, 'mhaFull(V1 x, I, {nHeads: 1})');
  });

  test('V1 prefill 2 then decode 1 (Tmax=4): the empty slot 3 is not attended, last row [0.751745,0.751745] (not [0.669762,0.669762])', () => {
    const { ys } = runChunks(tensor3(V1.x), weightsOf(V1.w), [2, 1], 4, { nHeads: 1 });
    expectTensorClose(ys[0], f64([1, 2, 2], V1_Y.slice(0, 4)), VECTOR_TOL, 'prefill y (tokens 0, 1)');
    expectTensorClose(ys[1], f64([1, 1, 2], V1_Y.slice(4)), VECTOR_TOL, 'decode y (token 2 at position 2)');
  });

  test('V2 mhaFull, H=2, D=4, no RoPE → rows [1,2,2,6], [-0.339523,1.330238,0.214084,-0.250707], …', () => {
    expectOracle(mhaFullOracle(V2.x, V2.w, 2), V2_Y, 'V2');
    const y = keep(mhaFull(tensor3(V2.x), weightsOf(V2.w), { nHeads: 2 }));
    expectTensorClose(y, f64([1, 4, 4], V2_Y), VECTOR_TOL, 'mhaFull(V2 x, V2 w, {nHeads: 2})');
  });

  test('V2 mhaFull with RoPE (rope: {}, base 10000) → rows [1,2,2,6], [-0.799533,1.100234,0.705832,1.470413], …', () => {
    expectOracle(mhaFullOracle(V2.x, V2.w, 2, {}), V2_ROPE_Y, 'V2 RoPE');
    const w = weightsOf(V2.w);
    const y = keep(mhaFull(tensor3(V2.x), w, { nHeads: 2, rope: {} }));
    expectTensorClose(y, f64([1, 4, 4], V2_ROPE_Y), VECTOR_TOL, 'mhaFull(V2, {nHeads: 2, rope: {}})');
    const explicit = keep(mhaFull(tensor3(V2.x), w, { nHeads: 2, rope: { base: 10000 } }));
    expectTensorClose(explicit, f64([1, 4, 4], V2_ROPE_Y), VECTOR_TOL, 'mhaFull(V2, {rope: {base: 10000}})');
  });

  for (const rope of [undefined, {}] as const) {
    const expected = rope === undefined ? V2_Y : V2_ROPE_Y;
    const name = rope === undefined ? 'no RoPE' : 'RoPE';
    test(`V2 chunks 1+2+1 (Tmax=4, ${name}) reproduce the full forward row by row`, () => {
      const config: Config = rope === undefined ? { nHeads: 2 } : { nHeads: 2, rope: {} };
      const { ys, cache } = runChunks(tensor3(V2.x), weightsOf(V2.w), [1, 2, 1], 4, config);
      expectTensorClose(ys[0], f64([1, 1, 4], expected.slice(0, 4)), VECTOR_TOL, 'chunk 1 (token 0)');
      expectTensorClose(ys[1], f64([1, 2, 4], expected.slice(4, 12)), VECTOR_TOL, 'chunk 2 (tokens 1, 2)');
      expectTensorClose(ys[2], f64([1, 1, 4], expected.slice(12)), VECTOR_TOL, 'chunk 3 (token 3)');
      expect(cache.length, 'cache.length after 1+2+1 tokens').toBe(4);
    });
  }

  test('V2 with RoPE, prefill 3 then decode 1: the decode token is rotated at position 3 → [0.432335,1.014843,0.301407,1.569977]', () => {
    // RoPE restarting at 0 on decode gives [0.71271, 1.085516, 1.07111, 2.885161].
    const { ys } = runChunks(tensor3(V2.x), weightsOf(V2.w), [3, 1], 4, { nHeads: 2, rope: {} });
    expectTensorClose(ys[0], f64([1, 3, 4], V2_ROPE_Y.slice(0, 12)), VECTOR_TOL, 'prefill y (tokens 0..2)');
    expectTensorClose(ys[1], f64([1, 1, 4], V2_ROPE_Y.slice(12)), VECTOR_TOL, 'decode y (token 3)');
  });

  test('Dh = 4 (one head, V2 weights), RoPE pairs feature i with i + 2 (half style, not interleaved): full and chunks 2+1+1', () => {
    // At Dh = 2 both RoPE styles coincide; at Dh = 4 they differ.
    const expected = mhaFullOracle(V2.x, V2.w, 1, {});
    const w = weightsOf(V2.w);
    const y = keep(mhaFull(tensor3(V2.x), w, { nHeads: 1, rope: {} }));
    expectTensorClose(y, expected, TOL, 'mhaFull(V2 x, V2 w, {nHeads: 1, rope: {}})');
    const { ys } = runChunks(tensor3(V2.x), w, [2, 1, 1], 5, { nHeads: 1, rope: {} });
    expectTensorClose(joined(ys), expected, TOL, 'chunks 2+1+1 joined along T');
  });

  test('RoPE base matters: rope {base: 100} matches the oracle for the full forward and for chunks 2+2', () => {
    const w = weightsOf(V2.w);
    const expected = mhaFullOracle(V2.x, V2.w, 1, { base: 100 });
    const y = keep(mhaFull(tensor3(V2.x), w, { nHeads: 1, rope: { base: 100 } }));
    expectTensorClose(y, expected, TOL, 'mhaFull(V2, {nHeads: 1, rope: {base: 100}})');
    const { ys } = runChunks(tensor3(V2.x), w, [2, 2], 4, { nHeads: 1, rope: { base: 100 } });
    expectTensorClose(joined(ys), expected, TOL, 'chunks 2+2 with base 100, joined along T');
  });
});

// --- Cache contents and ownership ---------------------------------------------------------------

/** A random case with x, weights and a cache holding `filled` random slots of a Tmax-slot cache. */
function filledCase(b: number, h: number, dh: number, t: number, filled: number, tmax: number, seed: number) {
  const d = h * dh;
  const s = 1.5 / Math.sqrt(d);
  const w: MhaWeights64 = {
    wq: random([d, d], seed + 1, s),
    wk: random([d, d], seed + 2, s),
    wv: random([d, d], seed + 3, s),
    wo: random([d, d], seed + 4, s),
  };
  const cache = emptyCache64(b, h, tmax, dh);
  const k = random([b, h, tmax, dh], seed + 5);
  const v = random([b, h, tmax, dh], seed + 6);
  for (let bh = 0; bh < b * h; bh++)
    for (let j = 0; j < filled * dh; j++) {
      cache.k.data[bh * tmax * dh + j] = k.data[bh * tmax * dh + j] as number;
      cache.v.data[bh * tmax * dh + j] = v.data[bh * tmax * dh + j] as number;
    }
  return { x: random([b, t, d], seed), w, cache: { ...cache, length: filled } };
}

describe('mha-kv-cache: the cache (HF layout [B, H, Tmax, Dh]) and who owns it', () => {
  test('createKvCache(2, 3, 5, 4): float32 zeros k and v of shape [2, 3, 5, 4], length 0, no other tensors', () => {
    const cache = expectNoLeaks(() => ({ ...createKvCache(2, 3, 5, 4) }), 'createKvCache(2, 3, 5, 4)');
    keep(cache.k);
    keep(cache.v);
    const zeros = f64([2, 3, 5, 4], new Array(120).fill(0));
    expectTensorClose(cache.k, zeros, { atol: 0 }, 'createKvCache(2, 3, 5, 4).k');
    expectTensorClose(cache.v, zeros, { atol: 0 }, 'createKvCache(2, 3, 5, 4).v');
    expect(cache.length, 'createKvCache(...).length').toBe(0);
  });

  test('after prefill 3 and decode 2 (RoPE, B=2, H=2, Dh=4, Tmax=8): slots 0..4 hold the rotated keys and the values, slots 5..7 stay zero, length 5', () => {
    const c = filledCase(2, 2, 4, 5, 0, 8, 101);
    const w = weightsOf(c.w);
    const x = tensor3(c.x);
    const config = { nHeads: 2, rope: {} };
    const step1 = mhaChunkOracle(sliceTime(c.x, 0, 3), c.w, c.cache, 2, {});
    const step2 = mhaChunkOracle(sliceTime(c.x, 3, 2), c.w, step1.cache, 2, {});
    const first = keepResult(mhaWithCache(rows(x, 0, 3), w, cacheOf(c.cache), config));
    expect(first.cache.length, 'cache.length after the prefill of 3 tokens').toBe(3);
    expectTensorClose(first.cache.k, step1.cache.k, TOL, 'prefill: cache.k (rotated keys in slots 0..2)');
    expectTensorClose(first.cache.v, step1.cache.v, TOL, 'prefill: cache.v (values in slots 0..2)');
    const second = keepResult(mhaWithCache(rows(x, 3, 2), w, first.cache, config));
    expect(second.cache.length, 'cache.length after 3 + 2 tokens').toBe(5);
    expectTensorClose(
      second.cache.k,
      step2.cache.k,
      TOL,
      'decode: cache.k (keys rotated at positions 3, 4 in slots 3, 4)',
    );
    expectTensorClose(second.cache.v, step2.cache.v, TOL, 'decode: cache.v (values in slots 3, 4)');
    expectTensorClose(second.y, step2.y, TOL, 'decode: y of tokens 3, 4');
  });

  test('reads the keys and values in the cache: a hand-filled cache (L=3 of Tmax=6) and a 2-token chunk match the oracle', () => {
    const c = filledCase(1, 2, 2, 2, 3, 6, 202);
    const expected = mhaChunkOracle(c.x, c.w, c.cache, 2);
    const out = keepResult(mhaWithCache(tensor3(c.x), weightsOf(c.w), cacheOf(c.cache), { nHeads: 2 }));
    expectTensorClose(out.y, expected.y, TOL, 'y of tokens 3, 4 against the cached slots 0..2');
    expectTensorClose(out.cache.k, expected.cache.k, TOL, 'cache.k');
    expectTensorClose(out.cache.v, expected.cache.v, TOL, 'cache.v');
    expect(out.cache.length, 'cache.length').toBe(5);
  });

  test('slots ≥ L+T may hold anything (NaN, ±1e30, 7s): y is unchanged, slots [0, L+T) match the oracle, later slots are carried over as they were (L=2, T=2, Tmax=7, RoPE)', () => {
    const [b, tmax, dh, filled, t] = [2, 7, 4, 2, 2];
    const c = filledCase(b, 1, dh, t, filled, tmax, 303);
    const expected = mhaChunkOracle(c.x, c.w, c.cache, 1, {});
    const slotOf = (index: number) => Math.floor(index / dh) % tmax;
    for (const [keyJunk, valueJunk] of [
      [Number.NaN, Number.NaN],
      [1e30, -1e30],
      [Number.NaN, 7],
      [7, -7],
    ]) {
      const what = `keys ${keyJunk} and values ${valueJunk} in slots ${filled + t}..${tmax - 1}`;
      const junk = (data: Float64Array, value: number) =>
        data.map((x, index) => (slotOf(index) >= filled + t ? value : x));
      const cache: KvCache = {
        k: tensor4({ shape: c.cache.k.shape, data: junk(c.cache.k.data, keyJunk as number) }),
        v: tensor4({ shape: c.cache.v.shape, data: junk(c.cache.v.data, valueJunk as number) }),
        length: filled,
      };
      const out = keepResult(mhaWithCache(tensor3(c.x), weightsOf(c.w), cache, { nHeads: 1, rope: {} }));
      expectTensorClose(out.y, expected.y, TOL, `y with ${what}`);
      expect(out.cache.length, 'cache.length').toBe(filled + t);
      for (const [name, got, want, value] of [
        ['k', out.cache.k, expected.cache.k, keyJunk],
        ['v', out.cache.v, expected.cache.v, valueJunk],
      ] as const) {
        expect(got.shape, `cache.${name} shape`).toEqual([b, 1, tmax, dh]);
        const data = got.dataSync();
        data.forEach((x, index) => {
          const at = `cache.${name} element ${index} (slot ${slotOf(index)}), ${what}`;
          if (slotOf(index) >= filled + t)
            expect(x, `${at}: must be carried over unchanged`).toBe(Math.fround(value as number));
          else expect(Math.abs(x - (want.data[index] as number)), at).toBeLessThan(1e-4);
        });
      }
    }
  });

  test('the input cache is neither modified nor disposed (a new cache is returned), nor are x and the weights', () => {
    const c = filledCase(1, 2, 2, 2, 2, 5, 404);
    const cache = cacheOf(c.cache);
    const original = { ...cache };
    const x = tensor3(c.x);
    const w = weightsOf(c.w);
    const out = keepResult(mhaWithCache(x, w, cache, { nHeads: 2, rope: {} }));
    expect(cache.length, 'the input cache object’s length changed').toBe(2);
    expect(cache.k, 'the input cache object’s k was replaced').toBe(original.k);
    expect(cache.v, 'the input cache object’s v was replaced').toBe(original.v);
    expect(cache.k.isDisposed || cache.v.isDisposed, 'mhaWithCache disposed the caller’s cache').toBe(false);
    expectTensorClose(cache.k, c.cache.k, { atol: 0 }, 'the input cache.k after the call');
    expectTensorClose(cache.v, c.cache.v, { atol: 0 }, 'the input cache.v after the call');
    expect(out.cache.length, 'the returned cache’s length').toBe(4);
    const inputs = [x, w.wq, w.wk, w.wv, w.wo];
    expect(
      inputs.some((t) => t.isDisposed),
      'mhaWithCache disposed x or a weight',
    ).toBe(false);
    const full = keep(mhaFull(x, w, { nHeads: 2 }));
    expect(full.shape, 'mhaFull(x) shape').toEqual([1, 2, 4]);
    expect(
      inputs.some((t) => t.isDisposed),
      'mhaFull disposed x or a weight',
    ).toBe(false);
  });

  test('leaks no tensors: mhaWithCache keeps only y and the new cache.k, cache.v; mhaFull only y (RoPE on and off)', () => {
    const c = filledCase(2, 2, 2, 3, 1, 6, 505);
    const x = tensor3(c.x);
    const w = weightsOf(c.w);
    const cache = cacheOf(c.cache);
    for (const config of [{ nHeads: 2 }, { nHeads: 2, rope: { base: 500 } }]) {
      const what = JSON.stringify(config);
      const out = keepResult(
        expectNoLeaks(() => container(mhaWithCache(x, w, cache, config)), `mhaWithCache(…, ${what})`),
      );
      expectTensorClose(out.y, mhaChunkOracle(c.x, c.w, c.cache, 2, config.rope).y, TOL, `mhaWithCache y, ${what}`);
      const y = keep(expectNoLeaks(() => mhaFull(x, w, config), `mhaFull(…, ${what})`));
      expectTensorClose(y, mhaFullOracle(c.x, c.w, 2, config.rope), TOL, `mhaFull y, ${what}`);
    }
  });

  test('a single-token decode into the last free slot (L = Tmax − 1) works; y is float32 [B, 1, D]', () => {
    const c = filledCase(2, 3, 2, 1, 4, 5, 606);
    const expected = mhaChunkOracle(c.x, c.w, c.cache, 3, { base: 10000 });
    const out = keepResult(mhaWithCache(tensor3(c.x), weightsOf(c.w), cacheOf(c.cache), { nHeads: 3, rope: {} }));
    expectTensorClose(out.y, expected.y, TOL, 'y of token 4 (last slot)');
    expectTensorClose(out.cache.k, expected.cache.k, TOL, 'cache.k, every slot filled');
    expect(out.cache.length, 'cache.length').toBe(5);
  });
});

// --- Bad input ----------------------------------------------------------------------------------

describe('mha-kv-cache: bad input throws a named error', () => {
  const d4 = () => weightsOf({ wq: I4, wk: I4, wv: I4, wo: I4 });
  const zeros4 = (shape: Shape4, length: number): KvCache => ({
    k: keep(tf.zeros(shape)) as tf.Tensor4D,
    v: keep(tf.zeros(shape)) as tf.Tensor4D,
    length,
  });
  const x = (t: number) => keep(tf.ones([1, t, 4])) as tf.Tensor3D;
  const as = <T>(value: unknown) => value as T;

  test('L + T > Tmax: cache length 3 of Tmax 4, chunk of 2 tokens (and 5 tokens into an empty cache) → RangeError', () => {
    expect(() => mhaWithCache(x(2), d4(), zeros4([1, 2, 4, 2], 3), { nHeads: 2 })).toThrow(RangeError);
    expect(() => mhaWithCache(x(5), d4(), zeros4([1, 2, 4, 2], 0), { nHeads: 2 })).toThrow(RangeError);
  });

  test('T = 0: x [1, 0, 4] (mhaWithCache and mhaFull) → RangeError', () => {
    expect(() => mhaWithCache(x(0), d4(), zeros4([1, 2, 4, 2], 1), { nHeads: 2 })).toThrow(RangeError);
    expect(() => mhaFull(x(0), d4(), { nHeads: 2 })).toThrow(RangeError);
  });

  test('the cache does not fit x: batch 2 vs 1, 1 head vs nHeads 2, Dh 4 vs D/nHeads 2 → RangeError', () => {
    expect(() => mhaWithCache(x(1), d4(), zeros4([2, 2, 4, 2], 0), { nHeads: 2 })).toThrow(RangeError);
    expect(() => mhaWithCache(x(1), d4(), zeros4([1, 1, 4, 2], 0), { nHeads: 2 })).toThrow(RangeError);
    expect(() => mhaWithCache(x(1), d4(), zeros4([1, 2, 4, 4], 0), { nHeads: 2 })).toThrow(RangeError);
  });

  test('cache.v of another shape than cache.k, or a cache of rank ≠ 4 → RangeError', () => {
    const good = zeros4([1, 2, 4, 2], 0);
    const shortV = { ...good, v: keep(tf.zeros([1, 2, 3, 2])) as tf.Tensor4D };
    const rank3 = { k: keep(tf.zeros([2, 4, 2])), v: keep(tf.zeros([2, 4, 2])), length: 0 };
    expect(() => mhaWithCache(x(1), d4(), shortV, { nHeads: 2 }), 'cache.v [1, 2, 3, 2], cache.k [1, 2, 4, 2]').toThrow(
      RangeError,
    );
    expect(() => mhaWithCache(x(1), d4(), as<KvCache>(rank3), { nHeads: 2 }), 'cache.k, cache.v [2, 4, 2]').toThrow(
      RangeError,
    );
  });

  test('cache.length that is not an integer ≥ 0 → RangeError: −1, 1.5, NaN', () => {
    for (const length of [-1, 1.5, Number.NaN]) {
      expect(() => mhaWithCache(x(1), d4(), zeros4([1, 2, 4, 2], length), { nHeads: 2 }), `length ${length}`).toThrow(
        RangeError,
      );
    }
  });

  test('D % nHeads ≠ 0: D = 4 with nHeads 3 (mhaWithCache and mhaFull) → RangeError', () => {
    expect(() => mhaWithCache(x(1), d4(), zeros4([1, 3, 4, 1], 0), { nHeads: 3 })).toThrow(RangeError);
    expect(() => mhaFull(x(2), d4(), { nHeads: 3 })).toThrow(RangeError);
  });

  test('nHeads that is not an integer ≥ 1 → RangeError: 0, −2, 1.5, NaN (mhaFull and mhaWithCache)', () => {
    for (const nHeads of [0, -2, 1.5, Number.NaN]) {
      expect(() => mhaFull(x(2), d4(), { nHeads }), `mhaFull, nHeads ${nHeads}`).toThrow(RangeError);
      expect(() => mhaWithCache(x(1), d4(), zeros4([1, 2, 4, 2], 0), { nHeads }), `nHeads ${nHeads}`).toThrow(
        RangeError,
      );
    }
  });

  test('x of rank ≠ 3: [2, 4] and [1, 1, 4, 2] (mhaWithCache and mhaFull) → RangeError', () => {
    const rank2 = as<tf.Tensor3D>(keep(tf.ones([2, 4])));
    const rank4 = as<tf.Tensor3D>(keep(tf.ones([1, 1, 4, 2])));
    for (const bad of [rank2, rank4]) {
      expect(() => mhaWithCache(bad, d4(), zeros4([1, 2, 4, 2], 0), { nHeads: 2 })).toThrow(RangeError);
      expect(() => mhaFull(bad, d4(), { nHeads: 2 })).toThrow(RangeError);
    }
  });

  test('a weight that is not [D, D] → RangeError: wq [4, 3], wo [3, 4], wk [1, 4, 4]', () => {
    const w = d4();
    for (const [name, shape] of [
      ['wq', [4, 3]],
      ['wo', [3, 4]],
      ['wk', [1, 4, 4]],
    ] as const) {
      const bad = { ...w, [name]: keep(tf.ones([...shape])) };
      expect(() => mhaFull(x(2), as<Weights>(bad), { nHeads: 2 }), `w.${name} [${shape}]`).toThrow(RangeError);
      expect(() => mhaWithCache(x(1), as<Weights>(bad), zeros4([1, 2, 4, 2], 0), { nHeads: 2 }), `w.${name}`).toThrow(
        RangeError,
      );
    }
  });

  test('RoPE with an odd head size → RangeError: D = 6, nHeads 2 (Dh = 3)', () => {
    const i6 = f64(
      [6, 6],
      Array.from({ length: 36 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
    );
    const w6 = weightsOf({ wq: i6, wk: i6, wv: i6, wo: i6 });
    const x6 = keep(tf.ones([1, 2, 6])) as tf.Tensor3D;
    expect(() => mhaFull(x6, w6, { nHeads: 2, rope: {} })).toThrow(RangeError);
    expect(() => mhaWithCache(x6, w6, zeros4([1, 2, 4, 3], 0), { nHeads: 2, rope: {} })).toThrow(RangeError);
  });

  test('rope.base that is not a finite number > 0 → RangeError: 0, −10000, Infinity, NaN', () => {
    for (const base of [0, -10000, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => mhaFull(x(2), d4(), { nHeads: 2, rope: { base } }), `base ${base}`).toThrow(RangeError);
      expect(
        () => mhaWithCache(x(1), d4(), zeros4([1, 2, 4, 2], 0), { nHeads: 2, rope: { base } }),
        `mhaWithCache, base ${base}`,
      ).toThrow(RangeError);
    }
  });

  test('createKvCache with a size that is not an integer ≥ 1 → RangeError: 0, −1, 2.5, NaN, Infinity', () => {
    for (const bad of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createKvCache(bad, 2, 4, 2), `batch ${bad}`).toThrow(RangeError);
      expect(() => createKvCache(1, 2, bad, 2), `maxLen ${bad}`).toThrow(RangeError);
    }
    expect(() => createKvCache(1, 0, 4, 2), 'nHeads 0').toThrow(RangeError);
    expect(() => createKvCache(1, 2, 4, 1.5), 'headDim 1.5').toThrow(RangeError);
  });

  test('x, a weight or a cache tensor that is not a tf.Tensor → TypeError: nested arrays, null, a missing wo', () => {
    const nested = as<tf.Tensor3D>([[[1, 0, 0, 1]]]);
    expect(() => mhaFull(nested, d4(), { nHeads: 2 }), 'mhaFull(x as nested arrays)').toThrow(TypeError);
    expect(() => mhaWithCache(nested, d4(), zeros4([1, 2, 4, 2], 0), { nHeads: 2 }), 'x nested').toThrow(TypeError);
    const { wo: _, ...noWo } = d4();
    expect(() => mhaFull(x(1), as<Weights>(noWo), { nHeads: 2 }), 'w without wo').toThrow(TypeError);
    expect(() => mhaFull(x(1), as<Weights>({ ...d4(), wq: [[1]] }), { nHeads: 2 }), 'w.wq nested').toThrow(TypeError);
    const cache = zeros4([1, 2, 4, 2], 0);
    expect(() => mhaWithCache(x(1), d4(), as<KvCache>({ ...cache, k: null }), { nHeads: 2 }), 'cache.k null').toThrow(
      TypeError,
    );
    expect(
      () => mhaWithCache(x(1), d4(), as<KvCache>({ ...cache, v: [[[[0]]]] }), { nHeads: 2 }),
      'cache.v nested arrays',
    ).toThrow(TypeError);
  });

  test('cache.length, nHeads, rope, rope.base or a createKvCache size that is not a number (or object) → TypeError', () => {
    const cache = zeros4([1, 2, 4, 2], 0);
    for (const length of ['0', undefined]) {
      expect(
        () => mhaWithCache(x(1), d4(), as<KvCache>({ ...cache, length }), { nHeads: 2 }),
        `length ${length}`,
      ).toThrow(TypeError);
    }
    for (const config of [{ nHeads: '2' }, {}, { nHeads: 2, rope: true }, { nHeads: 2, rope: { base: '10000' } }]) {
      expect(() => mhaFull(x(2), d4(), as<Config>(config)), `mhaFull, config ${JSON.stringify(config)}`).toThrow(
        TypeError,
      );
      expect(
        () => mhaWithCache(x(1), d4(), cache, as<Config>(config)),
        `mhaWithCache, config ${JSON.stringify(config)}`,
      ).toThrow(TypeError);
    }
    expect(() => createKvCache(as<number>('1'), 2, 4, 2), "createKvCache('1', …)").toThrow(TypeError);
    expect(() => createKvCache(1, 2, as<number>(undefined), 2), 'createKvCache(1, 2, undefined, 2)').toThrow(TypeError);
  });

  test.prop([badMhaRun], { numRuns: 15 })(
    'a run that breaks one rule throws RangeError (L + T > Tmax, an empty chunk, D % nHeads ≠ 0, x of rank 2)',
    (run) => {
      const t = (a: F64Array) => keep(tf.tensor(Float32Array.from(a.data), [...a.shape], 'float32'));
      const xt = t(run.x) as tf.Tensor3D;
      const w = { wq: t(run.w.wq), wk: t(run.w.wk), wv: t(run.w.wv), wo: t(run.w.wo) } as Weights;
      const what = `${run.bad}: ${run.fn}, x [${run.x.shape}], chunks [${run.chunks}], Tmax ${run.tmax}, ${JSON.stringify(run.config)}`;
      const call = () => {
        if (run.fn === 'full') return keep(mhaFull(xt, w, run.config));
        // Dh rounded down, so that D % nHeads ≠ 0 reaches mhaWithCache rather than createKvCache.
        return runChunks(
          xt,
          w,
          run.chunks,
          run.tmax,
          run.config,
          Math.max(1, Math.floor(xt.shape[2] / run.config.nHeads)),
        );
      };
      expect(call, what).toThrow(RangeError);
    },
  );
});

// --- Scale --------------------------------------------------------------------------------------

describe('mha-kv-cache: scale', () => {
  test('prefill 64 then 24 one-token decodes (B=1, H=4, Dh=8, Tmax=96, RoPE): equals the oracle, and the tensor count stays flat', () => {
    const [h, dh, prefill, decodes, tmax] = [4, 8, 64, 24, 96];
    const d = h * dh;
    const s = 1.5 / Math.sqrt(d);
    const w64: MhaWeights64 = {
      wq: random([d, d], 1, s),
      wk: random([d, d], 2, s),
      wv: random([d, d], 3, s),
      wo: random([d, d], 4, s),
    };
    const x64 = random([1, prefill + decodes, d], 5);
    const w = weightsOf(w64);
    const x = tensor3(x64);
    const config = { nHeads: h, rope: {} };
    const baseline = tf.memory().numTensors;
    const chunks = [prefill, ...new Array<number>(decodes).fill(1)];
    const { ys, cache } = runChunks(x, w, chunks, tmax, config);
    // Left alive: the chunks' outputs, the last cache's k and v, and nothing else.
    expect(tf.memory().numTensors - baseline, 'tensors alive after the decode loop (ys + last cache)').toBe(
      ys.length + 2,
    );
    expect(cache.length, `cache.length after ${prefill + decodes} tokens`).toBe(prefill + decodes);
    expect(cache.k.shape, 'the cache keeps its shape [B, H, Tmax, Dh]').toEqual([1, h, tmax, dh]);
    expectTensorClose(
      joined(ys),
      mhaFullOracle(x64, w64, h, {}),
      TOL,
      `all ${prefill + decodes} rows of y, joined along T`,
    );
  });
});

// --- Properties ---------------------------------------------------------------------------------

/** Builds a case's tensors (disposed after the test) and its float64 twins. */
function caseTensors(c: KvCacheCase) {
  const inputs = kvCacheInputs(c);
  const w64: MhaWeights64 = { wq: inputs.wq, wk: inputs.wk, wv: inputs.wv, wo: inputs.wo };
  return { x64: inputs.x, w64, x: tensor3(inputs.x), w: weightsOf(w64) };
}

/**
 * Any chunking equals the full forward: the chunked outputs joined along T equal mhaFull (of the
 * same implementation) and the float64 oracle; the last cache holds the (rotated) keys and the
 * values in slots [0, T) and zeros after; nothing leaks once the caller disposes what it owns.
 */
function checkChunking(c: KvCacheCase): void {
  const what = describeCase(c);
  const before = tf.memory().numTensors;
  const { x64, w64, x, w } = caseTensors(c);
  const config = configOf(c);
  const t = tokensOf(c);
  const tmax = t + c.slack;
  const full = keep(mhaFull(x, w, config));
  expectTensorClose(full, mhaFullOracle(x64, w64, c.nHeads, c.rope), TOL, `mhaFull, ${what}`);
  const { ys, cache } = runChunks(x, w, c.chunks, tmax, config);
  const chunked = joined(ys);
  expectTensorClose(chunked, values64(full), TOL, `chunked y joined along T vs mhaFull, ${what}`);
  const oracle = mhaChunkedOracle(x64, w64, c.chunks, tmax, c.nHeads, c.rope);
  expect(cache.length, `cache.length, ${what}`).toBe(t);
  expectTensorClose(cache.k, oracle.cache.k, TOL, `last cache.k (slots ≥ ${t} zero), ${what}`);
  expectTensorClose(cache.v, oracle.cache.v, TOL, `last cache.v (slots ≥ ${t} zero), ${what}`);
  tf.dispose([x, w.wq, w.wk, w.wv, w.wo, full, chunked, cache.k, cache.v, ...ys]);
  expect(tf.memory().numTensors - before, `tensors left after disposing ys and the last cache, ${what}`).toBe(0);
}

describe('mha-kv-cache: properties (chunked = full = float64 oracle)', () => {
  test.prop([kvCacheCaseWith(fc.constant(undefined))], { numRuns: 40 })(
    'without RoPE, any prefill/decode chunking gives the rows of mhaFull and leaves K/V in slots [0, T)',
    (c) => checkChunking(c),
  );

  test.prop([kvCacheCaseWith(fc.constantFrom({}, { base: 10000 }, { base: 100 }, { base: 500000 }))], {
    numRuns: 40,
  })(
    'with RoPE, any prefill/decode chunking gives the rows of mhaFull and caches keys rotated at their absolute positions',
    (c) => checkChunking(c),
  );

  test.prop([kvCacheCase, fc.nat(), fc.integer({ min: 0, max: 1_000_000 })], { numRuns: 30 })(
    'causal: changing x[t:] leaves y[:t] unchanged (mhaFull and the prefill of mhaWithCache)',
    (c, cutSeed, otherSeed) => {
      const t = tokensOf(c);
      const cut = t === 1 ? 1 : 1 + (cutSeed % (t - 1)); // rows 0 … cut−1 must not change
      const { x64, w, x } = caseTensors(c);
      const changed = Float64Array.from(x64.data);
      const other = randomValues(changed.length, otherSeed);
      const d = c.nHeads * c.dh;
      for (let bi = 0; bi < c.b; bi++)
        for (let j = cut * d; j < t * d; j++) changed[bi * t * d + j] = other[bi * t * d + j] as number;
      const x2 = tensor3({ shape: x64.shape, data: changed });
      const config = configOf(c);
      const what = `${describeCase(c)}, x changed from row ${cut} on`;
      const a = values64(keep(mhaFull(x, w, config)));
      const b = keep(mhaFull(x2, w, config));
      const prefix = (y: F64Array) => sliceTime(y, 0, cut);
      expectTensorClose(
        keep(tf.slice(b, [0, 0, 0], [c.b, cut, d])),
        prefix(a),
        { atol: 1e-5 },
        `mhaFull y[:${cut}], ${what}`,
      );
      const cache = () => createKvCache(c.b, c.nHeads, t + c.slack, c.dh);
      const p = keepResult(mhaWithCache(x, w, cache(), config));
      const q = keepResult(mhaWithCache(x2, w, cache(), config));
      expectTensorClose(
        keep(tf.slice(q.y, [0, 0, 0], [c.b, cut, d])),
        prefix(values64(p.y)),
        { atol: 1e-5 },
        `mhaWithCache prefill y[:${cut}], ${what}`,
      );
    },
  );

  test.prop(
    [
      fc.record({
        b: fc.integer({ min: 1, max: 2 }),
        h: fc.integer({ min: 1, max: 3 }),
        pairs: fc.integer({ min: 1, max: 2 }),
        filled: fc.integer({ min: 0, max: 5 }),
        t: fc.integer({ min: 1, max: 3 }),
        slack: fc.integer({ min: 0, max: 2 }),
        rope: fc.constantFrom(undefined, {}, { base: 100 }),
        seed: fc.integer({ min: 0, max: 1_000_000 }),
      }),
    ],
    { numRuns: 30 },
  )('one chunk against any filled cache matches the oracle (y, cache slots, length)', (s) => {
    const dh = 2 * s.pairs;
    const tmax = s.filled + s.t + s.slack;
    const c = filledCase(s.b, s.h, dh, s.t, s.filled, tmax, s.seed);
    const what = `B=${s.b}, H=${s.h}, Dh=${dh}, L=${s.filled}, T=${s.t}, Tmax=${tmax}, rope ${JSON.stringify(s.rope)}`;
    const config = s.rope === undefined ? { nHeads: s.h } : { nHeads: s.h, rope: s.rope };
    const expected = mhaChunkOracle(c.x, c.w, c.cache, s.h, s.rope);
    const out = keepResult(mhaWithCache(tensor3(c.x), weightsOf(c.w), cacheOf(c.cache), config));
    expectTensorClose(out.y, expected.y, TOL, `y, ${what}`);
    expectTensorClose(out.cache.k, expected.cache.k, TOL, `cache.k, ${what}`);
    expectTensorClose(out.cache.v, expected.cache.v, TOL, `cache.v, ${what}`);
    expect(out.cache.length, `cache.length, ${what}`).toBe(s.filled + s.t);
  });
});
