import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import { kvCacheBytesPerToken, mlaAttention, mlaAttentionAbsorbed } from '@impl/mla-attention';
import {
  type ChunkCase,
  type MlaCase,
  type MlaWeightData,
  WEIGHT_NAMES,
  bytesCase,
  bytesSpecOf,
  chunkCase,
  chunkInputs,
  mlaCase,
  mlaInputs,
  optionsOf,
} from './inputs.ts';
import { type OracleConfig, bytesOracle, mlaOracle } from './oracle.ts';
import { type F64Array, expectNoLeaks, expectTensorClose, useTensorBackend } from '../../src/harness/tf.ts';

useTensorBackend();

/** Values about 1 in size; oracle in float64 on the very float32 values the tensors hold. */
const TOL = { atol: 1e-4, rtol: 1e-4 };

/**
 * A failing property stops shrinking after 2.5 s and reports the smallest counterexample found so
 * far: each run builds tensors, and an unbounded shrink of a wrong layer can take far longer than
 * the suite itself.
 */
const LAYER_PROPS = { interruptAfterTimeLimit: 2500 };

type Mla = typeof mlaAttention;
type Weights = Parameters<Mla>[1];
type Options = Parameters<Mla>[2];

/** Both forms must give the same result: every layer test runs on each. */
const FORMS: readonly [string, Mla][] = [
  ['mlaAttention', mlaAttention],
  ['mlaAttentionAbsorbed', mlaAttentionAbsorbed],
];

const f64 = (shape: readonly number[], values: readonly number[]): F64Array => ({
  shape,
  data: Float64Array.from(values),
});
const t2 = (a: F64Array): tf.Tensor2D => tf.tensor2d(Float32Array.from(a.data), a.shape as [number, number], 'float32');
const m = (rows: number[][]): F64Array => f64([rows.length, rows[0]?.length ?? 0], rows.flat());

function weightTensors(w: MlaWeightData): Weights {
  return Object.fromEntries(WEIGHT_NAMES.map((name) => [name, t2(w[name])])) as unknown as Weights;
}

const disposeAll = (...xs: unknown[]) => tf.dispose(xs.filter((x): x is tf.Tensor => x instanceof tf.Tensor));

/** Rows read back from tensors, compared with the oracle through a temporary tensor. */
function expectRowsClose(
  rows: number[][],
  expected: F64Array,
  tol: { atol: number; rtol?: number },
  what: string,
): void {
  const t = t2(m(rows));
  try {
    expectTensorClose(t, expected, tol, what);
  } finally {
    t.dispose();
  }
}

/** Worked example E1 (README): H = 1, dHead = 1, dRope = 2, dLatent = 1, dModel = 2. */
const E1 = {
  h: m([
    [1, 0],
    [0, 1],
  ]),
  w: {
    wDkv: m([[1], [2]]),
    wUk: m([[1]]),
    wUv: m([[2]]),
    wKr: m([
      [1, 0],
      [0, 1],
    ]),
    wQ: m([
      [1, 0, 0],
      [0, 1, 0],
    ]),
    wO: m([[1, -1]]),
  } satisfies MlaWeightData,
  options: { numHeads: 1, dHead: 1, dRope: 2 },
};
const E1_ROW1 = 2.845280758;

/** Runs one call on float32 copies and checks out, cache.cKv, cache.kRope against the oracle. */
function checkCall(fn: Mla, c: MlaCase, what: string): void {
  const { h, w, cache } = mlaInputs(c);
  const options = optionsOf(c);
  const want = mlaOracle(h, w, options as OracleConfig, cache);
  const ht = t2(h);
  const wt = weightTensors(w);
  const ct = cache && { cKv: t2(cache.cKv), kRope: t2(cache.kRope) };
  let result: ReturnType<Mla> | undefined;
  try {
    result = fn(ht, wt, { ...options, ...(ct && { cache: ct }) });
    expectTensorClose(result.out, want.out, TOL, `${what}: out`);
    expectTensorClose(result.cache.cKv, want.cKv, TOL, `${what}: cache.cKv`);
    expectTensorClose(result.cache.kRope, want.kRope, TOL, `${what}: cache.kRope`);
  } finally {
    disposeAll(ht, ...Object.values(wt), ct?.cKv, ct?.kRope, result?.out, result?.cache.cKv, result?.cache.kRope);
  }
}

/** Feeds the chunks one after another (each call gets the previous call's cache), alternating the two forms if asked. */
function runChunks(c: ChunkCase, forms: readonly Mla[]): { out: number[][]; cKv: number[][]; kRope: number[][] } {
  const { h, w } = chunkInputs(c);
  const ht = t2(h);
  const wt = weightTensors(w);
  const outs: number[][] = [];
  let cache: { cKv: tf.Tensor2D; kRope: tf.Tensor2D } | undefined;
  let start = 0;
  try {
    c.chunks.forEach((size, n) => {
      const fn = forms[n % forms.length] as Mla;
      const piece = ht.slice([start, 0], [size, c.dModel]);
      const step = fn(piece, wt, { ...optionsOf(c), ...(cache && { cache }) });
      piece.dispose();
      outs.push(...(step.out.arraySync() as number[][]));
      step.out.dispose();
      disposeAll(cache?.cKv, cache?.kRope);
      cache = step.cache;
      start += size;
    });
    const last = cache as { cKv: tf.Tensor2D; kRope: tf.Tensor2D };
    return { out: outs, cKv: last.cKv.arraySync(), kRope: last.kRope.arraySync() };
  } finally {
    disposeAll(ht, ...Object.values(wt), cache?.cKv, cache?.kRope);
  }
}

describe.each(FORMS)('%s: worked examples and edge cases', (name, fn) => {
  test(`${name} E1 (H 1, dHead 1, dRope 2, dLatent 1, two tokens, no cache): out [[2, -2], [2.845281, -2.845281]]`, () => {
    const ht = t2(E1.h);
    const wt = weightTensors(E1.w);
    const r = fn(ht, wt, { ...E1.options });
    expectTensorClose(
      r.out,
      m([
        [2, -2],
        [E1_ROW1, -E1_ROW1],
      ]),
      TOL,
      `${name}(E1)`,
    );
    expectTensorClose(r.cache.cKv, m([[1], [2]]), TOL, `${name}(E1) cache.cKv = h·wDkv`);
    expectTensorClose(
      r.cache.kRope,
      m([
        [1, 0],
        [-Math.sin(1), Math.cos(1)],
      ]),
      TOL,
      `${name}(E1) cache.kRope: the rope key rotated at positions 0 and 1`,
    );
    disposeAll(ht, ...Object.values(wt), r.out, r.cache.cKv, r.cache.kRope);
  });

  test(`${name} E1 as prefill 1 then decode 1: the decode step sits at position 1 and gives [2.845281, -2.845281]`, () => {
    const ht = t2(E1.h);
    const wt = weightTensors(E1.w);
    const first = ht.slice([0, 0], [1, 2]);
    const second = ht.slice([1, 0], [1, 2]);
    const p = fn(first, wt, { ...E1.options });
    expectTensorClose(p.out, m([[2, -2]]), TOL, `${name}(E1 token 0)`);
    const d = fn(second, wt, { ...E1.options, cache: p.cache });
    // positions restarting at 0 give 2.719085; a top-left mask gives 2
    expectTensorClose(d.out, m([[E1_ROW1, -E1_ROW1]]), TOL, `${name}(E1 token 1, cache of 1)`);
    expectTensorClose(
      d.cache.kRope,
      m([
        [1, 0],
        [-Math.sin(1), Math.cos(1)],
      ]),
      TOL,
      `${name} cache.kRope after decode`,
    );
    expectTensorClose(d.cache.cKv, m([[1], [2]]), TOL, `${name} cache.cKv after decode`);
    disposeAll(
      ht,
      ...Object.values(wt),
      first,
      second,
      p.out,
      p.cache.cKv,
      p.cache.kRope,
      d.out,
      d.cache.cKv,
      d.cache.kRope,
    );
  });

  test(`${name} E2: dRope 4, the rope key of [1, 2, 3, 4] at position 1 uses interleaved pairs (2i, 2i+1), angles 1 and 0.01`, () => {
    const zeros = (r: number, c: number) => m(Array.from({ length: r }, () => new Array<number>(c).fill(0)));
    const eye = m([0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 1 : 0))));
    const w = {
      wDkv: zeros(4, 1),
      wUk: zeros(1, 1),
      wUv: zeros(1, 1),
      wKr: eye,
      wQ: zeros(4, 5),
      wO: zeros(1, 4),
    };
    const ht = t2(
      m([
        [0, 0, 0, 0],
        [1, 2, 3, 4],
      ]),
    );
    const wt = weightTensors(w);
    const r = fn(ht, wt, { numHeads: 1, dHead: 1, dRope: 4 });
    // rotate_half pairs (0, 2), (1, 3) would give [-1.984111, 1.959901, 2.462378, 4.0198]
    const want = [Math.cos(1) - 2 * Math.sin(1), 2 * Math.cos(1) + Math.sin(1)];
    want.push(3 * Math.cos(0.01) - 4 * Math.sin(0.01), 4 * Math.cos(0.01) + 3 * Math.sin(0.01));
    expectTensorClose(r.cache.kRope, m([[0, 0, 0, 0], want]), TOL, `${name}(E2) cache.kRope`);
    disposeAll(ht, ...Object.values(wt), r.out, r.cache.cKv, r.cache.kRope);
  });

  test(`${name}: scores are scaled by 1/√(dHead + dRope) (dHead 2, dRope 6, H 2, T 3 vs the oracle)`, () => {
    checkCall(
      fn,
      { numHeads: 2, dHead: 2, dRope: 6, dLatent: 3, dModel: 4, ropeBase: 'omit', seed: 11, past: 0, t: 3 },
      name,
    );
    // larger scores make the scale visible
    const c: MlaCase = { numHeads: 1, dHead: 1, dRope: 4, dLatent: 2, dModel: 5, ropeBase: 2, seed: 12, past: 2, t: 2 };
    checkCall(fn, c, `${name} (dHead 1, dRope 4)`);
  });

  test(`${name}: the rope key is one row per token shared by every head (H 4: cache.kRope is [T, dRope], not per head)`, () => {
    checkCall(
      fn,
      { numHeads: 4, dHead: 2, dRope: 2, dLatent: 3, dModel: 3, ropeBase: 'omit', seed: 21, past: 0, t: 3 },
      name,
    );
  });

  test(`${name}: with a cache of Tpast = 3 rows, the new tokens sit at 3 … 5 and query i sees slots j ≤ 3 + i`, () => {
    checkCall(
      fn,
      { numHeads: 2, dHead: 3, dRope: 4, dLatent: 4, dModel: 4, ropeBase: 'omit', seed: 31, past: 3, t: 3 },
      name,
    );
  });

  test(`${name}: the returned cache is the input cache's rows unchanged, then the new rows (cKv [Tpast + T, dLatent], kRope [Tpast + T, dRope])`, () => {
    const c: MlaCase = {
      numHeads: 2,
      dHead: 2,
      dRope: 2,
      dLatent: 5,
      dModel: 3,
      ropeBase: 'omit',
      seed: 41,
      past: 4,
      t: 2,
    };
    const { h, w, cache } = mlaInputs(c);
    const past = cache as { cKv: F64Array; kRope: F64Array };
    const ht = t2(h);
    const wt = weightTensors(w);
    const ct = { cKv: t2(past.cKv), kRope: t2(past.kRope) };
    const r = fn(ht, wt, { ...optionsOf(c), cache: ct });
    expect(r.cache.cKv.shape, 'cache.cKv shape').toEqual([6, 5]);
    expect(r.cache.kRope.shape, 'cache.kRope shape').toEqual([6, 2]);
    expectTensorClose(
      r.cache.cKv.slice([0, 0], [4, 5]),
      past.cKv,
      { atol: 0 },
      `${name}: the first 4 rows of cache.cKv`,
    );
    expectTensorClose(
      r.cache.kRope.slice([0, 0], [4, 2]),
      past.kRope,
      { atol: 0 },
      `${name}: the first 4 rows of cache.kRope`,
    );
    expect(Object.keys(r.cache).sort(), 'the cache holds only cKv and kRope').toEqual(['cKv', 'kRope']);
    disposeAll(ht, ...Object.values(wt), ct.cKv, ct.kRope, r.out, r.cache.cKv, r.cache.kRope);
  });

  test(`${name}: ropeBase defaults to 10000 (omitted = 10000), and ropeBase 100 gives another result`, () => {
    const base: MlaCase = {
      numHeads: 2,
      dHead: 2,
      dRope: 6,
      dLatent: 3,
      dModel: 4,
      ropeBase: 'omit',
      seed: 51,
      past: 2,
      t: 3,
    };
    checkCall(fn, base, `${name} (ropeBase omitted)`);
    checkCall(fn, { ...base, ropeBase: 10000 }, `${name} (ropeBase 10000)`);
    checkCall(fn, { ...base, ropeBase: 100 }, `${name} (ropeBase 100)`);
  });

  test(`${name}: an empty cache (cKv [0, dLatent], kRope [0, dRope]) is the same as no cache`, () => {
    const c: MlaCase = {
      numHeads: 2,
      dHead: 2,
      dRope: 2,
      dLatent: 3,
      dModel: 3,
      ropeBase: 'omit',
      seed: 61,
      past: 0,
      t: 3,
    };
    const { h, w } = mlaInputs(c);
    const want = mlaOracle(h, w, optionsOf(c) as OracleConfig);
    const ht = t2(h);
    const wt = weightTensors(w);
    const empty = { cKv: tf.zeros([0, 3]) as tf.Tensor2D, kRope: tf.zeros([0, 2]) as tf.Tensor2D };
    const r = fn(ht, wt, { ...optionsOf(c), cache: empty });
    expectTensorClose(r.out, want.out, TOL, `${name}(empty cache): out`);
    expectTensorClose(r.cache.cKv, want.cKv, TOL, `${name}(empty cache): cache.cKv`);
    expectTensorClose(r.cache.kRope, want.kRope, TOL, `${name}(empty cache): cache.kRope`);
    disposeAll(ht, ...Object.values(wt), empty.cKv, empty.kRope, r.out, r.cache.cKv, r.cache.kRope);
  });

  test(`${name}: a DeepSeek-like decode step (H 4, dHead 8, dRope 4, dLatent 8, dModel 16, Tpast 40, T 1)`, () => {
    checkCall(
      fn,
      { numHeads: 4, dHead: 8, dRope: 4, dLatent: 8, dModel: 16, ropeBase: 'omit', seed: 71, past: 40, t: 1 },
      name,
    );
  });

  test(`${name}: causal: changing h[2:] leaves out[:2] unchanged (T 4, no cache)`, () => {
    const c: MlaCase = {
      numHeads: 2,
      dHead: 2,
      dRope: 2,
      dLatent: 3,
      dModel: 3,
      ropeBase: 'omit',
      seed: 81,
      past: 0,
      t: 4,
    };
    const { h, w } = mlaInputs(c);
    const changed = f64(
      h.shape,
      Array.from(h.data, (x, i) => (i >= 2 * 3 ? x * -3 + 1 : x)),
    );
    const wt = weightTensors(w);
    const [a, b] = [h, changed].map((x) => {
      const ht = t2(x);
      const r = fn(ht, wt, optionsOf(c));
      const rows = (r.out.arraySync() as number[][]).slice(0, 2);
      disposeAll(ht, r.out, r.cache.cKv, r.cache.kRope);
      return rows;
    });
    disposeAll(...Object.values(wt));
    expectRowsClose(b as number[][], m(a as number[][]), { atol: 1e-6 }, `${name}: out[:2] after changing h[2:]`);
  });

  test(`${name} returns float32 out [T, dModel] and a new cache, leaves no tensors behind, and neither disposes nor changes its inputs`, () => {
    const c: MlaCase = {
      numHeads: 2,
      dHead: 3,
      dRope: 2,
      dLatent: 4,
      dModel: 5,
      ropeBase: 'omit',
      seed: 91,
      past: 3,
      t: 2,
    };
    const { h, w, cache } = mlaInputs(c);
    const past = cache as { cKv: F64Array; kRope: F64Array };
    const ht = t2(h);
    const wt = weightTensors(w);
    const ct = { cKv: t2(past.cKv), kRope: t2(past.kRope) };
    const options = { ...optionsOf(c), cache: ct };
    const r = expectNoLeaks(
      () => fn(ht, wt, options) as unknown as tf.TensorContainer,
      `${name}(H 2, Tpast 3, T 2)`,
    ) as unknown as ReturnType<Mla>;
    expect(r.out.shape, 'out shape').toEqual([2, 5]);
    expect(r.out.dtype, 'out dtype').toBe('float32');
    for (const t of [r.cache.cKv, r.cache.kRope]) {
      expect(t === ct.cKv || t === ct.kRope, 'the returned cache must hold new tensors').toBe(false);
    }
    expect(options.cache, 'options.cache is the caller’s object').toBe(ct);
    expect(ct.cKv.isDisposed || ct.kRope.isDisposed, 'the input cache was disposed').toBe(false);
    expectTensorClose(ct.cKv, past.cKv, { atol: 0 }, 'the input cache.cKv after the call');
    expectTensorClose(ct.kRope, past.kRope, { atol: 0 }, 'the input cache.kRope after the call');
    for (const t of [ht, ...Object.values(wt)]) expect(t.isDisposed, 'an input was disposed').toBe(false);
    disposeAll(ht, ...Object.values(wt), ct.cKv, ct.kRope, r.out, r.cache.cKv, r.cache.kRope);
  });
});

describe.each(FORMS)('%s: bad input', (name, fn) => {
  const c: MlaCase = {
    numHeads: 2,
    dHead: 2,
    dRope: 2,
    dLatent: 3,
    dModel: 4,
    ropeBase: 'omit',
    seed: 5,
    past: 2,
    t: 2,
  };
  /** Calls fn on valid tensors for c with one thing changed; disposes everything. */
  function call(change: { h?: unknown; w?: Record<string, unknown>; options?: Record<string, unknown> }): () => void {
    return () => {
      const { h, w, cache } = mlaInputs(c);
      const ht = t2(h);
      const wt = weightTensors(w);
      const past = cache as { cKv: F64Array; kRope: F64Array };
      const ct = { cKv: t2(past.cKv), kRope: t2(past.kRope) };
      const made: tf.Tensor[] = [];
      const keep = (x: unknown) => {
        if (x instanceof tf.Tensor) made.push(x);
        return x;
      };
      for (const v of Object.values(change.w ?? {})) keep(v);
      for (const v of Object.values(change.options ?? {})) {
        keep(v);
        if (v !== null && typeof v === 'object') for (const x of Object.values(v)) keep(x);
      }
      keep(change.h);
      try {
        const r = fn(
          ('h' in change ? change.h : ht) as tf.Tensor2D,
          { ...wt, ...change.w } as Weights,
          { ...optionsOf(c), cache: ct, ...change.options } as Options,
        );
        disposeAll(r?.out, r?.cache?.cKv, r?.cache?.kRope);
      } finally {
        disposeAll(ht, ...Object.values(wt), ct.cKv, ct.kRope, ...made);
      }
    };
  }
  const z = (...shape: number[]) => tf.zeros(shape);

  test(`${name}: h, a weight (missing included), cache.cKv or cache.kRope that is not a tf.Tensor → TypeError`, () => {
    expect(call({ h: [[1, 2, 3, 4]] }), 'h as nested arrays').toThrow(TypeError);
    expect(call({ h: null }), 'h null').toThrow(TypeError);
    for (const weight of WEIGHT_NAMES) {
      expect(call({ w: { [weight]: undefined } }), `w.${weight} missing`).toThrow(TypeError);
      expect(call({ w: { [weight]: [[0]] } }), `w.${weight} as nested arrays`).toThrow(TypeError);
    }
    expect(call({ options: { cache: { cKv: [[0, 0, 0]], kRope: z(1, 2) } } }), 'cache.cKv as arrays').toThrow(
      TypeError,
    );
    expect(call({ options: { cache: { cKv: z(1, 3), kRope: null } } }), 'cache.kRope null').toThrow(TypeError);
    expect(call({ options: { cache: { cKv: z(1, 3) } } }), 'cache.kRope missing').toThrow(TypeError);
  });

  test(`${name}: numHeads, dHead or dRope that is not a number, ropeBase "1e4", or a cache that is not an object → TypeError`, () => {
    for (const field of ['numHeads', 'dHead', 'dRope']) {
      expect(call({ options: { [field]: '2' } }), `${field} "2"`).toThrow(TypeError);
      expect(call({ options: { [field]: undefined } }), `${field} undefined`).toThrow(TypeError);
    }
    expect(call({ options: { ropeBase: '1e4' } }), 'ropeBase "1e4"').toThrow(TypeError);
    expect(call({ options: { cache: true } }), 'cache true').toThrow(TypeError);
    expect(call({ options: { cache: null } }), 'cache null').toThrow(TypeError);
  });

  test(`${name}: h that is not [T, dModel] with T ≥ 1 → RangeError (rank 1, rank 3, T = 0)`, () => {
    expect(call({ h: z(4) }), 'h [4]').toThrow(RangeError);
    expect(call({ h: z(1, 2, 4) }), 'h [1, 2, 4]').toThrow(RangeError);
    expect(call({ h: z(0, 4) }), 'h [0, 4]').toThrow(RangeError);
    // rank 3 whose first two sizes would fit the weights
    expect(call({ h: z(2, 4, 1) }), 'h [2, 4, 1]').toThrow(RangeError);
  });

  test(`${name}: numHeads, dHead or dRope that is not an integer ≥ 1 → RangeError (0, -1, 1.5, NaN)`, () => {
    for (const field of ['numHeads', 'dHead', 'dRope']) {
      for (const bad of [0, -1, 1.5, Number.NaN]) {
        expect(call({ options: { [field]: bad } }), `${field} ${bad}`).toThrow(RangeError);
      }
    }
  });

  test(`${name}: an odd dRope → RangeError (dRope 3 with weights that fit it)`, () => {
    // wKr, wQ sized for dRope 3 and a cache.kRope of width 3, so only the parity is wrong
    expect(
      call({ w: { wKr: z(4, 3), wQ: z(4, 2 * 5) }, options: { dRope: 3, cache: { cKv: z(2, 3), kRope: z(2, 3) } } }),
      'dRope 3',
    ).toThrow(RangeError);
  });

  test(`${name}: ropeBase that is not a finite number > 0 → RangeError (0, -10000, Infinity, NaN)`, () => {
    for (const bad of [0, -10000, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(call({ options: { ropeBase: bad } }), `ropeBase ${bad}`).toThrow(RangeError);
    }
  });

  test.each([
    ['wDkv [3, 3] (rows ≠ dModel 4)', 'wDkv', [3, 3]],
    ['wDkv [4] (rank 1)', 'wDkv', [4]],
    ['wUk [3, 3] (cols ≠ H·dHead 4)', 'wUk', [3, 3]],
    ['wUk [2, 4] (rows ≠ dLatent 3)', 'wUk', [2, 4]],
    ['wUv [3, 6]', 'wUv', [3, 6]],
    ['wUv [4, 4] (rows ≠ dLatent 3)', 'wUv', [4, 4]],
    ['wKr [4, 4] (cols ≠ dRope 2)', 'wKr', [4, 4]],
    ['wKr [3, 2] (rows ≠ dModel)', 'wKr', [3, 2]],
    ['wQ [4, 4] (cols ≠ H·(dHead + dRope) 8)', 'wQ', [4, 4]],
    ['wQ [3, 8] (rows ≠ dModel)', 'wQ', [3, 8]],
    ['wO [4, 3] (cols ≠ dModel)', 'wO', [4, 3]],
    ['wO [2, 4] (rows ≠ H·dHead 4)', 'wO', [2, 4]],
    ['wO [1, 4, 4] (rank 3)', 'wO', [1, 4, 4]],
    ['wO [4, 4, 1] (rank 3, first two sizes fit)', 'wO', [4, 4, 1]],
    ['wKr [4, 2, 1] (rank 3, first two sizes fit)', 'wKr', [4, 2, 1]],
  ] as const)(`${name}: a weight of the wrong shape → RangeError: %s`, (_label, weight, shape) => {
    expect(call({ w: { [weight]: z(...shape) } })).toThrow(RangeError);
  });

  test.each([
    ['cKv [2, 4] (width ≠ dLatent 3)', [2, 4], [2, 2]],
    ['kRope [2, 4] (width ≠ dRope 2)', [2, 3], [2, 4]],
    ['cKv 2 rows, kRope 3 rows', [2, 3], [3, 2]],
    ['cKv 3 rows, kRope 2 rows', [3, 3], [2, 2]],
    ['cKv of rank 3 [1, 2, 3]', [1, 2, 3], [2, 2]],
    ['kRope of rank 1 [2]', [2, 3], [2]],
    ['cKv of rank 3 [2, 3, 1] (first two sizes fit)', [2, 3, 1], [2, 2]],
  ] as const)(`${name}: a cache that does not fit → RangeError: %s`, (_label, cs, ks) => {
    expect(call({ options: { cache: { cKv: z(...cs), kRope: z(...ks) } } })).toThrow(RangeError);
  });
});

describe('mla-attention: properties (against the float64 loop oracle)', () => {
  test.prop([mlaCase], { numRuns: 25, ...LAYER_PROPS })(
    'mlaAttention matches the oracle on random sizes with or without a cache',
    (c) => {
      checkCall(mlaAttention, c, `mlaAttention(${JSON.stringify(c)})`);
    },
  );

  test.prop([mlaCase], { numRuns: 25, ...LAYER_PROPS })(
    'mlaAttentionAbsorbed matches the oracle on random sizes with or without a cache',
    (c) => {
      checkCall(mlaAttentionAbsorbed, c, `mlaAttentionAbsorbed(${JSON.stringify(c)})`);
    },
  );

  test.prop([mlaCase], { numRuns: 20, ...LAYER_PROPS })(
    'the absorbed form equals the naive form (out and cache within 1e-4)',
    (c) => {
      const { h, w, cache } = mlaInputs(c);
      const ht = t2(h);
      const wt = weightTensors(w);
      const ct = cache && { cKv: t2(cache.cKv), kRope: t2(cache.kRope) };
      const options = { ...optionsOf(c), ...(ct && { cache: ct }) };
      const naive = mlaAttention(ht, wt, options);
      const absorbed = mlaAttentionAbsorbed(ht, wt, options);
      try {
        const read = (t: tf.Tensor): F64Array => ({ shape: t.shape, data: Float64Array.from(t.dataSync()) });
        expectTensorClose(absorbed.out, read(naive.out), TOL, `absorbed vs naive out, ${JSON.stringify(c)}`);
        expectTensorClose(absorbed.cache.cKv, read(naive.cache.cKv), TOL, 'absorbed vs naive cache.cKv');
        expectTensorClose(absorbed.cache.kRope, read(naive.cache.kRope), TOL, 'absorbed vs naive cache.kRope');
      } finally {
        disposeAll(ht, ...Object.values(wt), ct?.cKv, ct?.kRope);
        for (const r of [naive, absorbed]) disposeAll(r.out, r.cache.cKv, r.cache.kRope);
      }
    },
  );

  test.prop([chunkCase, fc.constantFrom('naive', 'absorbed', 'alternating')], { numRuns: 25, ...LAYER_PROPS })(
    'incremental decoding: any split into a prefill and decode chunks gives the rows and the cache of the whole sequence in one call',
    (c, which) => {
      const forms =
        which === 'naive'
          ? [mlaAttention]
          : which === 'absorbed'
            ? [mlaAttentionAbsorbed]
            : [mlaAttention, mlaAttentionAbsorbed];
      const got = runChunks(c, forms);
      const { h, w } = chunkInputs(c);
      const want = mlaOracle(h, w, optionsOf(c) as OracleConfig);
      const what = `chunks [${c.chunks}] through ${which}, ${JSON.stringify(optionsOf(c))}`;
      expectRowsClose(got.out, want.out, TOL, `${what}: out joined`);
      expectRowsClose(got.cKv, want.cKv, TOL, `${what}: last cache.cKv`);
      expectRowsClose(got.kRope, want.kRope, TOL, `${what}: last cache.kRope`);
    },
  );
});

describe('kvCacheBytesPerToken', () => {
  const v2 = { numHeads: 128, dHead: 128, bytesPerElement: 2, numLayers: 60 };

  test('DeepSeek-V2 sizes in bf16 over 60 layers: MLA (512 + 64)·2·60 = 69120, MHA 2·128·128·2·60 = 3932160, GQA with 8 kv heads 245760', () => {
    expect(kvCacheBytesPerToken({ kind: 'mla', dLatent: 512, dRope: 64, bytesPerElement: 2, numLayers: 60 })).toBe(
      69120,
    );
    expect(kvCacheBytesPerToken({ kind: 'mha', ...v2 })).toBe(3932160);
    expect(kvCacheBytesPerToken({ kind: 'gqa', ...v2, numKvHeads: 8 })).toBe(245760);
  });

  test('GQA with numKvHeads = numHeads is MHA; numKvHeads = 1 (MQA) is 2·dHead·bytes·layers', () => {
    expect(kvCacheBytesPerToken({ kind: 'gqa', ...v2, numKvHeads: 128 })).toBe(3932160);
    expect(kvCacheBytesPerToken({ kind: 'gqa', ...v2, numKvHeads: 1 })).toBe(2 * 128 * 2 * 60);
  });

  test('bytesPerElement may be fractional: 4-bit MLA (dLatent 512, dRope 64, 1 layer) is 288 bytes', () => {
    expect(kvCacheBytesPerToken({ kind: 'mla', dLatent: 512, dRope: 64, bytesPerElement: 0.5, numLayers: 1 })).toBe(
      288,
    );
  });

  test.prop([bytesCase], { numRuns: 100 })('matches elements stored per token and layer × bytes × layers', (c) => {
    const spec = bytesSpecOf(c) as Parameters<typeof kvCacheBytesPerToken>[0];
    expect(kvCacheBytesPerToken(spec), JSON.stringify(spec)).toBeCloseTo(bytesOracle(c), 6);
  });

  test('a kind other than "mha", "gqa", "mla" → RangeError: "MLA", "mqa", undefined', () => {
    for (const kind of ['MLA', 'mqa', undefined]) {
      const spec = { kind, ...v2, numKvHeads: 8, dLatent: 512, dRope: 64 } as unknown as Parameters<
        typeof kvCacheBytesPerToken
      >[0];
      expect(() => kvCacheBytesPerToken(spec), `kind ${kind}`).toThrow(RangeError);
    }
  });

  test('a field the kind needs that is not a number (missing included) → TypeError; a spec that is not an object → TypeError', () => {
    const bad = (spec: object) => () => kvCacheBytesPerToken(spec as Parameters<typeof kvCacheBytesPerToken>[0]);
    const base = {
      mha: { kind: 'mha', ...v2 },
      gqa: { kind: 'gqa', ...v2, numKvHeads: 8 },
      mla: { kind: 'mla', dLatent: 512, dRope: 64, bytesPerElement: 2, numLayers: 60 },
    };
    for (const spec of Object.values(base)) {
      for (const field of Object.keys(spec).filter((f) => f !== 'kind')) {
        expect(bad({ ...spec, [field]: '8' }), `${spec.kind} ${field} "8"`).toThrow(TypeError);
        const { [field as keyof typeof spec]: _, ...missing } = spec;
        expect(bad(missing), `${spec.kind} without ${field}`).toThrow(TypeError);
      }
    }
    expect(() => kvCacheBytesPerToken(null as never), 'null').toThrow(TypeError);
    expect(() => kvCacheBytesPerToken('mla' as never), '"mla"').toThrow(TypeError);
  });

  test('a count that is not an integer ≥ 1 → RangeError (0, -1, 1.5, NaN); bytesPerElement not finite > 0 → RangeError', () => {
    const bad = (spec: object) => () => kvCacheBytesPerToken(spec as Parameters<typeof kvCacheBytesPerToken>[0]);
    const base = {
      mha: { kind: 'mha', ...v2 },
      gqa: { kind: 'gqa', ...v2, numKvHeads: 8 },
      mla: { kind: 'mla', dLatent: 512, dRope: 64, bytesPerElement: 2, numLayers: 60 },
    };
    for (const spec of Object.values(base)) {
      for (const field of Object.keys(spec).filter((f) => f !== 'kind' && f !== 'bytesPerElement')) {
        for (const value of [0, -1, 1.5, Number.NaN]) {
          expect(bad({ ...spec, [field]: value }), `${spec.kind} ${field} ${value}`).toThrow(RangeError);
        }
      }
      for (const value of [0, -2, Number.POSITIVE_INFINITY, Number.NaN]) {
        expect(bad({ ...spec, bytesPerElement: value }), `${spec.kind} bytesPerElement ${value}`).toThrow(RangeError);
      }
    }
  });

  test('GQA with numKvHeads that does not divide numHeads → RangeError (numHeads 8, numKvHeads 3)', () => {
    expect(() =>
      kvCacheBytesPerToken({ kind: 'gqa', numHeads: 8, numKvHeads: 3, dHead: 64, bytesPerElement: 2, numLayers: 1 }),
    ).toThrow(RangeError);
  });
});
