import { describe, expect } from 'vitest';
import {
  dequantizeAbsmax,
  dequantizeNF4,
  dequantizeZeroPoint,
  fp8E4M3Bits,
  fp8E4M3Value,
  quantizeAbsmax,
  quantizeFp8Blockwise,
  quantizeNF4,
  quantizeZeroPoint,
} from '@impl/quantization';
import {
  badSize,
  fp8Case,
  fp8Input,
  halfGrid,
  matrix,
  nf4Case,
  notAFloat32Array,
  tensorValues,
  withNonFinite,
} from './inputs.ts';
import {
  absmaxOracle,
  FP8_TABLE,
  fp8BitsOracle,
  fp8BlockwiseOracle,
  NF4,
  nf4Oracle,
  rhe,
  zeroPointOracle,
} from './oracle.ts';
import { fc, test } from '../../src/harness/prop.ts';

const F = (xs: readonly number[]) => Float32Array.from(xs);
const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
const show = (xs: readonly number[]) => `[${xs.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(', ')}]`;

type Ctor =
  | Int8ArrayConstructor
  | Uint8ArrayConstructor
  | Int32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

/** A typed array of exactly this class, length and values (−0 equals 0: typed integer arrays have no −0). */
function expectTyped(got: unknown, ctor: Ctor, want: readonly number[], what: string): void {
  expect(got, `${what} is a ${ctor.name}`).toBeInstanceOf(ctor);
  const arr = Array.from(got as ArrayLike<number>);
  expect(arr.length, `${what}: length`).toBe(want.length);
  const i = arr.findIndex((v, j) => !(v === want[j] || (Number.isNaN(v) && Number.isNaN(want[j] as number))));
  if (i >= 0) expect(`${what}[${i}] = ${arr[i]}`, `${what}`).toBe(`${what}[${i}] = ${want[i]}`);
}

const fround = (xs: readonly number[]) => xs.map((v) => Math.fround(v));

describe('quantization: int8 absmax (LLM.int8())', () => {
  test('scale = absmax / 127 and q = round(x / scale) with ties to even: [127, -63.5, 0.5, 2.5, -1.5] → q [127, -64, 0, 2, -2], scale [1]', () => {
    const xs = [127, -63.5, 0.5, 2.5, -1.5];
    expect(absmaxOracle(xs).q, 'oracle').toEqual([127, -64, 0, 2, -2]);
    const r = quantizeAbsmax(F(xs));
    expectTyped(r.q, Int8Array, [127, -64, 0, 2, -2], `quantizeAbsmax(${show(xs)}).q`);
    expectTyped(r.scale, Float64Array, [1], `quantizeAbsmax(${show(xs)}).scale`);
  });

  test('the scale is absmax / 127 in float64: [2, -1, 0.5] → scale [2 / 127], q [127, -64, 32]', () => {
    const xs = [2, -1, 0.5];
    const r = quantizeAbsmax(F(xs));
    expectTyped(r.scale, Float64Array, [2 / 127], `quantizeAbsmax(${show(xs)}).scale`);
    expectTyped(r.q, Int8Array, absmaxOracle(xs).q, `quantizeAbsmax(${show(xs)}).q`);
  });

  test('per-channel with cols: one scale per row, rows in order: cols 3 of [127, 1.5, -2.5 | 0, 0, 0 | 1, -0.5, 0.25]', () => {
    const xs = [127, 1.5, -2.5, 0, 0, 0, 1, -0.5, 0.25];
    const r = quantizeAbsmax(F(xs), 3);
    expectTyped(r.scale, Float64Array, [1, 1, 1 / 127], 'scale (row 2 all zero → 1)');
    expectTyped(r.q, Int8Array, [127, 2, -2, 0, 0, 0, 127, -64, 32], 'q');
  });

  test('an all-zero tensor has scale 1 and codes 0 (no NaN): [0, -0, 0] → q [0, 0, 0], scale [1]', () => {
    const r = quantizeAbsmax(F([0, -0, 0]));
    expectTyped(r.scale, Float64Array, [1], 'scale');
    expectTyped(r.q, Int8Array, [0, 0, 0], 'q');
  });

  test('empty input: per-tensor gives q [] and scale [1]; per-channel (cols 4) gives q [] and scale []', () => {
    const a = quantizeAbsmax(new Float32Array(0));
    expectTyped(a.q, Int8Array, [], 'per-tensor q');
    expectTyped(a.scale, Float64Array, [1], 'per-tensor scale');
    const b = quantizeAbsmax(new Float32Array(0), 4);
    expectTyped(b.q, Int8Array, [], 'per-channel q');
    expectTyped(b.scale, Float64Array, [], 'per-channel scale');
  });

  test('dequantizeAbsmax gives fround(q · scale) with the scale of each row: q [127, -64, 1, 2] scale [1, 0.1] → [127, -64, 0.1, 0.2] in float32', () => {
    const out = dequantizeAbsmax(Int8Array.of(127, -64, 1, 2), Float64Array.of(1, 0.1));
    expectTyped(out, Float32Array, fround([127, -64, 0.1, 0.2]), 'dequantizeAbsmax');
    const one = dequantizeAbsmax(Int8Array.of(3, -3), [0.5]);
    expectTyped(one, Float32Array, [1.5, -1.5], 'dequantizeAbsmax with a plain number[] scale');
  });

  test.prop([tensorValues])('quantizeAbsmax per tensor matches the float64 oracle', (xs) => {
    const want = absmaxOracle(xs);
    const r = quantizeAbsmax(F(xs));
    expectTyped(r.scale, Float64Array, want.scale, `scale of ${show(xs)}`);
    expectTyped(r.q, Int8Array, want.q, `q of ${show(xs)}`);
  });

  test.prop([matrix])('quantizeAbsmax per row (cols) matches the float64 oracle', ({ cols, xs }) => {
    const want = absmaxOracle(xs, cols);
    const r = quantizeAbsmax(F(xs), cols);
    expectTyped(r.scale, Float64Array, want.scale, `scale of ${show(xs)}, cols ${cols}`);
    expectTyped(r.q, Int8Array, want.q, `q of ${show(xs)}, cols ${cols}`);
  });

  test.prop([matrix])(
    'absmax round trip: |x − dequant(quant(x))| ≤ scale / 2 per element (plus float32 rounding)',
    ({ cols, xs }) => {
      const r = quantizeAbsmax(F(xs), cols);
      const back = dequantizeAbsmax(r.q, r.scale);
      const want = fround(r.q.length ? Array.from(r.q, (q, i) => q * (r.scale[Math.floor(i / cols)] as number)) : []);
      expectTyped(back, Float32Array, want, 'dequantizeAbsmax(quantizeAbsmax(x, cols))');
      xs.forEach((x, i) => {
        const s = r.scale[Math.floor(i / cols)] as number;
        expect(Math.abs(x - (back[i] as number)), `element ${i} of ${show(xs)}`).toBeLessThanOrEqual(
          s / 2 + Math.abs(x) * 2 ** -23,
        );
      });
    },
  );
});

describe('quantization: uint8 zero-point (PyTorch quint8, MinMaxObserver)', () => {
  test('range widened to include 0, zp = −round(min / scale), q clamped to 255: [-1.5, 253.5] → scale [1], zeroPoint [2], q [0, 255]', () => {
    const xs = [-1.5, 253.5];
    expect(zeroPointOracle(xs), 'oracle').toEqual({ q: [0, 255], scale: [1], zeroPoint: [2] });
    const r = quantizeZeroPoint(F(xs));
    expectTyped(r.scale, Float64Array, [1], 'scale');
    expectTyped(r.zeroPoint, Int32Array, [2], 'zeroPoint (round(-1.5) = -2, ties to even)');
    expectTyped(r.q, Uint8Array, [0, 255], 'q (round(253.5) + 2 = 256 clamps to 255)');
  });

  test('all-positive input still has 0 in its range: [2, 4] → scale [4 / 255], zeroPoint [0], q [128, 255] (127.5 → 128)', () => {
    const r = quantizeZeroPoint(F([2, 4]));
    expectTyped(r.scale, Float64Array, [4 / 255], 'scale');
    expectTyped(r.zeroPoint, Int32Array, [0], 'zeroPoint');
    expectTyped(r.q, Uint8Array, [128, 255], 'q');
  });

  test('all-negative input: [-2, -1] → scale [2 / 255], zeroPoint [255], q [0, 127] (−127.5 → −128)', () => {
    const r = quantizeZeroPoint(F([-2, -1]));
    expectTyped(r.scale, Float64Array, [2 / 255], 'scale');
    expectTyped(r.zeroPoint, Int32Array, [255], 'zeroPoint');
    expectTyped(r.q, Uint8Array, [0, 127], 'q');
  });

  test('an all-zero row has scale 1 and zeroPoint 0: cols 2 of [0, 0 | -1, 1] → scale [1, 2 / 255], zeroPoint [0, 128]', () => {
    const r = quantizeZeroPoint(F([0, 0, -1, 1]), 2);
    expectTyped(r.scale, Float64Array, [1, 2 / 255], 'scale');
    expectTyped(r.zeroPoint, Int32Array, [0, 128], 'zeroPoint (−round(−127.5) = 128)');
    expectTyped(r.q, Uint8Array, [0, 0, 0, 255], 'q');
  });

  test('empty input: per-tensor gives scale [1], zeroPoint [0]; per-channel gives empty parameters', () => {
    const a = quantizeZeroPoint(new Float32Array(0));
    expectTyped(a.scale, Float64Array, [1], 'per-tensor scale');
    expectTyped(a.zeroPoint, Int32Array, [0], 'per-tensor zeroPoint');
    expectTyped(a.q, Uint8Array, [], 'per-tensor q');
    const b = quantizeZeroPoint(new Float32Array(0), 2);
    expectTyped(b.scale, Float64Array, [], 'per-channel scale');
    expectTyped(b.zeroPoint, Int32Array, [], 'per-channel zeroPoint');
  });

  test('dequantizeZeroPoint gives fround((q − zp) · scale) per row: q [0, 255, 10, 20] scale [1, 0.1] zp [2, 10] → [-2, 253, 0, 1]', () => {
    const out = dequantizeZeroPoint(Uint8Array.of(0, 255, 10, 20), Float64Array.of(1, 0.1), Int32Array.of(2, 10));
    expectTyped(out, Float32Array, [-2, 253, 0, 1], 'dequantizeZeroPoint');
  });

  test.prop([tensorValues])('quantizeZeroPoint per tensor matches the float64 oracle', (xs) => {
    const want = zeroPointOracle(xs);
    const r = quantizeZeroPoint(F(xs));
    expectTyped(r.scale, Float64Array, want.scale, `scale of ${show(xs)}`);
    expectTyped(r.zeroPoint, Int32Array, want.zeroPoint, `zeroPoint of ${show(xs)}`);
    expectTyped(r.q, Uint8Array, want.q, `q of ${show(xs)}`);
  });

  test.prop([matrix])(
    'quantizeZeroPoint per row matches the oracle, and 0 dequantizes to exactly 0',
    ({ cols, xs }) => {
      const want = zeroPointOracle(xs, cols);
      const r = quantizeZeroPoint(F(xs), cols);
      expectTyped(r.scale, Float64Array, want.scale, `scale of ${show(xs)}, cols ${cols}`);
      expectTyped(r.zeroPoint, Int32Array, want.zeroPoint, `zeroPoint of ${show(xs)}, cols ${cols}`);
      expectTyped(r.q, Uint8Array, want.q, `q of ${show(xs)}, cols ${cols}`);
      const back = dequantizeZeroPoint(r.q, r.scale, r.zeroPoint);
      xs.forEach((x, i) => {
        const g = Math.floor(i / cols);
        const s = r.scale[g] as number;
        expect(back[i], `dequantized element ${i}`).toBe(
          Math.fround(((r.q[i] as number) - (r.zeroPoint[g] as number)) * s),
        );
        if (x === 0) expect(back[i], `0 at element ${i} comes back as 0`).toBe(0);
        expect(Math.abs(x - (back[i] as number)), `error at element ${i}`).toBeLessThanOrEqual(
          s / 2 + Math.abs(x) * 2 ** -23 + s * 1e-9,
        );
      });
    },
  );
});

describe('quantization: NF4 (QLoRA, bitsandbytes) with block-wise absmax', () => {
  test('blockSize 4 of [1, -1, 0, 0.5 | 0, 0, 0, 0 | -2, 0.1]: codes [15, 0, 7, 12, 7, 7, 7, 7, 0, 8], absmax [1, 0, 2]', () => {
    const xs = [1, -1, 0, 0.5, 0, 0, 0, 0, -2, 0.1];
    expect(nf4Oracle(xs, 4).codes, 'oracle').toEqual([15, 0, 7, 12, 7, 7, 7, 7, 0, 8]);
    const r = quantizeNF4(F(xs), 4);
    expectTyped(r.absmax, Float64Array, [1, 0, 2], 'absmax (the last, partial block has its own)');
    expectTyped(r.codes, Uint8Array, [15, 0, 7, 12, 7, 7, 7, 7, 0, 8], 'codes');
  });

  test('each level itself gets its own code: the 16 published levels (as float32) with absmax 1 → codes 0..15', () => {
    const r = quantizeNF4(F(NF4), 16);
    expectTyped(
      r.codes,
      Uint8Array,
      NF4.map((_, i) => i),
      'codes of the 16 levels',
    );
  });

  test('nearest level, not truncation: 0.7 / 1 → 14 (0.7229…), 0.6 → 13 (0.5626…), -0.65 → 1 (-0.6961…), 0.03 → 7, 0.045 → 8', () => {
    const xs = [1, 0.7, 0.6, -0.65, 0.03, 0.045, -0.04, -0.05];
    const r = quantizeNF4(F(xs), 8);
    expectTyped(r.codes, Uint8Array, [15, 14, 13, 1, 7, 8, 7, 6], `codes of ${show(xs)}`);
  });

  test('an exact tie goes to the lower level, and x is divided by absmax: [1, 0.0397901…, 0.2035212…] → [15, 7, 9] (both midpoints exactly); [-22.5397682…, 49] → [2, 15] (x · (1/49) would give 3)', () => {
    // Both values are float32 and exactly the midpoints (L7 + L8)/2 and (L8 + L9)/2: strictly below.
    const ties = [1, 0.03979014977812767, 0.2035212516784668];
    expect(nf4Oracle(ties, 4).codes, 'oracle').toEqual([15, 7, 9]);
    expectTyped(quantizeNF4(F(ties), 4).codes, Uint8Array, [15, 7, 9], `codes of ${show(ties)}`);
    // −22.53976821899414 / 49 is exactly a midpoint; multiplying by 1/49 rounds past it.
    const divided = [-22.53976821899414, 49];
    expect(divided[0]! / 49 === divided[0]! * (1 / 49), 'x / 49 and x · (1/49) differ here').toBe(false);
    expect(nf4Oracle(divided, 4).codes, 'oracle').toEqual([2, 15]);
    expectTyped(quantizeNF4(F(divided), 4).codes, Uint8Array, [2, 15], `codes of ${show(divided)}`);
  });

  test('blockSize defaults to 64: 65 values give two blocks, the second holding one value', () => {
    const xs = Array.from({ length: 65 }, (_, i) => (i === 64 ? -3 : (i % 7) - 3));
    const r = quantizeNF4(F(xs));
    expectTyped(r.absmax, Float64Array, [3, 3], 'absmax');
    expectTyped(r.codes, Uint8Array, nf4Oracle(xs, 64).codes, 'codes');
    const back = dequantizeNF4(r.codes, r.absmax);
    expect(back.length, 'dequantizeNF4 with the default blockSize: length').toBe(65);
    expect(back[64], 'the last value comes back as -1 · 3').toBe(-3);
  });

  test('dequantizeNF4 gives fround(level · absmax of the block): codes [0, 7, 15, 8] absmax [2, 0.5] blockSize 2 → [-2, 0, 0.5, 0.0397…]', () => {
    const out = dequantizeNF4(Uint8Array.of(0, 7, 15, 8), Float64Array.of(2, 0.5), 2);
    expectTyped(out, Float32Array, fround([-2, 0, 0.5, 0.07958029955625534 * 0.5]), 'dequantizeNF4');
  });

  test('empty input gives no codes and no blocks', () => {
    const r = quantizeNF4(new Float32Array(0), 64);
    expectTyped(r.codes, Uint8Array, [], 'codes');
    expectTyped(r.absmax, Float64Array, [], 'absmax');
  });

  test.prop([nf4Case])(
    'quantizeNF4 matches the oracle (nearest level by the midpoints, partial last block)',
    ({ xs, blockSize }) => {
      const want = nf4Oracle(xs, blockSize);
      const r = quantizeNF4(F(xs), blockSize);
      expectTyped(r.absmax, Float64Array, want.absmax, `absmax of ${show(xs)}, blockSize ${blockSize}`);
      expectTyped(r.codes, Uint8Array, want.codes, `codes of ${show(xs)}, blockSize ${blockSize}`);
    },
  );

  test.prop([nf4Case])('NF4 round trip: error ≤ half the largest gap between levels × absmax', ({ xs, blockSize }) => {
    const r = quantizeNF4(F(xs), blockSize);
    const back = dequantizeNF4(r.codes, r.absmax, blockSize);
    const halfGap = (1 - (NF4[14] as number)) / 2;
    xs.forEach((x, i) => {
      const m = r.absmax[Math.floor(i / blockSize)] as number;
      expect(back[i], `element ${i}`).toBe(Math.fround((NF4[r.codes[i] as number] as number) * m));
      expect(Math.abs(x - (back[i] as number)), `error of element ${i} (${x})`).toBeLessThanOrEqual(
        halfGap * m + 1e-6 * m,
      );
    });
  });
});

describe('quantization: fp8 e4m3fn (OCP FP8), round to nearest even with saturation', () => {
  const vectors: [number, number][] = [
    [1, 0x38],
    [0.5, 0x30],
    [0.1, 0x1d],
    [Math.PI, 0x45],
    [240, 0x77],
    [256, 0x78],
    [416, 0x7d],
    [448, 0x7e],
    [2 ** -6, 0x08],
    [2 ** -9, 0x01],
    [7 * 2 ** -9, 0x07],
  ];
  test('spec vectors: 1 → 0x38, 0.5 → 0x30, 0.1 → 0x1D, π → 0x45, 240 → 0x77, 448 → 0x7E, 2^-6 → 0x08, 2^-9 → 0x01', () => {
    for (const [x, b] of vectors) {
      expect(hex(fp8BitsOracle(x)), `oracle of ${x}`).toBe(hex(b));
      expect(hex(fp8E4M3Bits(x)), `fp8E4M3Bits(${x})`).toBe(hex(b));
    }
  });

  test('ties go to the even mantissa: 1.0625 → 0x38 (1), 1.1875 → 0x3A (1.25), 432 → 0x7E (448), 2^-10 → 0x00, 3·2^-10 → 0x02', () => {
    for (const [x, b] of [
      [1.0625, 0x38],
      [1.1875, 0x3a],
      [432, 0x7e],
      [2 ** -10, 0x00],
      [3 * 2 ** -10, 0x02],
      [-1.0625, 0xb8],
    ] as const) {
      expect(hex(fp8E4M3Bits(x)), `fp8E4M3Bits(${x})`).toBe(hex(b));
    }
  });

  test('saturation: 449, 464, 500, 1e6 → 0x7E (448); −1e6 → 0xFE (−448); never the NaN byte 0x7F', () => {
    for (const x of [449, 464, 479, 480, 500, 1e6, 1e300])
      expect(hex(fp8E4M3Bits(x)), `fp8E4M3Bits(${x})`).toBe('0x7E');
    for (const x of [-449, -1e6]) expect(hex(fp8E4M3Bits(x)), `fp8E4M3Bits(${x})`).toBe('0xFE');
  });

  test('zeros keep their sign: 0 → 0x00, −0 → 0x80, 1e-10 → 0x00, −1e-10 → 0x80', () => {
    expect(hex(fp8E4M3Bits(0)), 'fp8E4M3Bits(0)').toBe('0x00');
    expect(hex(fp8E4M3Bits(-0)), 'fp8E4M3Bits(-0)').toBe('0x80');
    expect(hex(fp8E4M3Bits(1e-10)), 'fp8E4M3Bits(1e-10)').toBe('0x00');
    expect(hex(fp8E4M3Bits(-1e-10)), 'fp8E4M3Bits(-1e-10)').toBe('0x80');
  });

  test('fp8E4M3Value decodes all 256 bytes by the layout: 0x7E = 448, 0x08 = 2^-6, 0x01 = 2^-9, 0x80 = −0, 0x7F and 0xFF are NaN', () => {
    expect(FP8_TABLE[0x7e], 'oracle 0x7E').toBe(448);
    expect(FP8_TABLE[0x01], 'oracle 0x01').toBe(2 ** -9);
    for (let b = 0; b < 256; b++) {
      const v = fp8E4M3Value(b);
      const want = FP8_TABLE[b] as number;
      if (Number.isNaN(want)) expect(v, `fp8E4M3Value(${hex(b)})`).toBeNaN();
      else
        expect(Object.is(v, want), `fp8E4M3Value(${hex(b)}) = ${v}, want ${Object.is(want, -0) ? '-0' : want}`).toBe(
          true,
        );
    }
  });

  test('every finite byte round-trips: fp8E4M3Bits(fp8E4M3Value(b)) = b for all 254 finite bytes', () => {
    for (let b = 0; b < 256; b++) {
      if ((b & 0x7f) === 0x7f) continue;
      expect(hex(fp8E4M3Bits(fp8E4M3Value(b))), `round trip of ${hex(b)}`).toBe(hex(b));
    }
  });

  test.prop([fp8Input])('fp8E4M3Bits matches brute force over the table (nearest, ties to even, saturating)', (x) => {
    expect(hex(fp8E4M3Bits(x)), `fp8E4M3Bits(${x})`).toBe(hex(fp8BitsOracle(x)));
  });

  test.prop([fp8Input, fp8Input])('fp8 is monotone: x ≤ y ⇒ value(bits(x)) ≤ value(bits(y))', (a, b) => {
    const [x, y] = a <= b ? [a, b] : [b, a];
    expect(fp8E4M3Value(fp8E4M3Bits(x)), `${x} ≤ ${y}`).toBeLessThanOrEqual(fp8E4M3Value(fp8E4M3Bits(y)));
  });
});

describe('quantization: DeepSeek-V3 block-scaled fp8 (scale = amax / 448 per block)', () => {
  test('2 × 3 with 1 × 2 blocks: [448, 1, 0 | 0, -896, 3] → scale [1, 1, 2, 3 / 448] (an all-zero block has scale 1), codes [0x7E, 0x38, 0, 0, 0xFE, 0x7E]', () => {
    const xs = [448, 1, 0, 0, -896, 3];
    const want = fp8BlockwiseOracle(xs, 2, 3, 1, 2);
    expect(want.scale, 'oracle scale').toEqual([1, 1, 2, 3 / 448]);
    const r = quantizeFp8Blockwise(F(xs), 2, 3, 1, 2);
    expectTyped(r.scale, Float64Array, [1, 1, 2, 3 / 448], 'scale (block grid row-major)');
    expectTyped(r.codes, Uint8Array, [0x7e, 0x38, 0, 0, 0xfe, 0x7e], 'codes (row-major like x)');
  });

  test('blocks default to 128 × 128: 130 rows × 2 cols give a 2 × 1 grid of scales', () => {
    const xs = Array.from({ length: 260 }, (_, i) => (i === 259 ? -7 : i === 0 ? 14 : 1));
    const r = quantizeFp8Blockwise(F(xs), 130, 2);
    expectTyped(r.scale, Float64Array, [14 / 448, 7 / 448], 'scale');
    expectTyped(r.codes, Uint8Array, fp8BlockwiseOracle(xs, 130, 2).codes, 'codes');
  });

  test('1 × 128 activation tiles: 2 rows × 130 cols with blockRows 1 give scales [r0 c0..127, r0 c128..129, r1 …, r1 …]', () => {
    const xs = Array.from({ length: 260 }, (_, i) => (i === 0 ? 448 : i === 129 ? 4.5 : i === 200 ? -0.5 : 0));
    const r = quantizeFp8Blockwise(F(xs), 2, 130, 1, 128);
    expectTyped(r.scale, Float64Array, fp8BlockwiseOracle(xs, 2, 130, 1, 128).scale, 'scale');
    expect(r.scale[0], 'tile (0, 0): amax 448').toBe(1);
    expect(r.scale[3], 'tile (1, 1) is all zero').toBe(1);
    expectTyped(r.codes, Uint8Array, fp8BlockwiseOracle(xs, 2, 130, 1, 128).codes, 'codes');
  });

  test.prop([fp8Case])(
    'quantizeFp8Blockwise matches the oracle, the amax of every block coding to ±448',
    ({ rows, cols, blockRows, blockCols, xs }) => {
      const want = fp8BlockwiseOracle(xs, rows, cols, blockRows, blockCols);
      const r = quantizeFp8Blockwise(F(xs), rows, cols, blockRows, blockCols);
      const what = `${rows}×${cols} blocks ${blockRows}×${blockCols} of ${show(xs)}`;
      expectTyped(r.scale, Float64Array, want.scale, `scale of ${what}`);
      expectTyped(r.codes, Uint8Array, want.codes, `codes of ${what}`);
    },
  );
});

describe('quantization: bad input', () => {
  test.prop([notAFloat32Array])('any x that is not a Float32Array throws TypeError in every quantizer', (x) => {
    const bad = x as Float32Array;
    expect(() => quantizeAbsmax(bad), 'quantizeAbsmax').toThrow(TypeError);
    expect(() => quantizeZeroPoint(bad), 'quantizeZeroPoint').toThrow(TypeError);
    expect(() => quantizeNF4(bad), 'quantizeNF4').toThrow(TypeError);
    expect(() => quantizeFp8Blockwise(bad, 1, 1), 'quantizeFp8Blockwise').toThrow(TypeError);
  });

  test('x as a number[] ([1, 2]) throws TypeError', () => {
    expect(() => quantizeAbsmax([1, 2] as unknown as Float32Array), 'quantizeAbsmax([1, 2])').toThrow(TypeError);
    expect(() => quantizeNF4([1, 2] as unknown as Float32Array), 'quantizeNF4([1, 2])').toThrow(TypeError);
  });

  test.prop([withNonFinite])('a NaN or ±Infinity element throws RangeError in every quantizer', (xs) => {
    const x = F(xs);
    expect(() => quantizeAbsmax(x), `quantizeAbsmax(${show(xs)})`).toThrow(RangeError);
    expect(() => quantizeZeroPoint(x), `quantizeZeroPoint(${show(xs)})`).toThrow(RangeError);
    expect(() => quantizeNF4(x), `quantizeNF4(${show(xs)})`).toThrow(RangeError);
    expect(() => quantizeFp8Blockwise(x, 1, x.length), `quantizeFp8Blockwise(${show(xs)})`).toThrow(RangeError);
  });

  test('NaN or ±Infinity throws RangeError even as the only element or beside a larger one: [NaN], [5, Infinity], [-Infinity, 0]', () => {
    for (const xs of [[Number.NaN], [5, Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY, 0], [1, Number.NaN, 2]]) {
      expect(() => quantizeAbsmax(F(xs)), `quantizeAbsmax(${show(xs)})`).toThrow(RangeError);
      expect(() => quantizeAbsmax(F(xs), 1), `quantizeAbsmax(${show(xs)}, 1)`).toThrow(RangeError);
      expect(() => quantizeZeroPoint(F(xs)), `quantizeZeroPoint(${show(xs)})`).toThrow(RangeError);
      expect(() => quantizeNF4(F(xs), 1), `quantizeNF4(${show(xs)}, 1)`).toThrow(RangeError);
      expect(() => quantizeFp8Blockwise(F(xs), xs.length, 1, 1, 1), `quantizeFp8Blockwise(${show(xs)})`).toThrow(
        RangeError,
      );
    }
  });

  test.prop([badSize])(
    'cols, blockSize, rows, blockRows and blockCols that are not positive integers throw RangeError',
    (n) => {
      const v = n as number;
      const x = F([1, 2, 3, 4]);
      expect(() => quantizeAbsmax(x, v), `quantizeAbsmax(x, ${String(n)})`).toThrow(RangeError);
      expect(() => quantizeZeroPoint(x, v), `quantizeZeroPoint(x, ${String(n)})`).toThrow(RangeError);
      expect(() => quantizeNF4(x, v), `quantizeNF4(x, ${String(n)})`).toThrow(RangeError);
      expect(() => dequantizeNF4(new Uint8Array(4), [1], v), `dequantizeNF4(…, ${String(n)})`).toThrow(RangeError);
      expect(() => quantizeFp8Blockwise(x, v, 4), `rows ${String(n)}`).toThrow(RangeError);
      expect(() => quantizeFp8Blockwise(x, 4, v), `cols ${String(n)}`).toThrow(RangeError);
      expect(() => quantizeFp8Blockwise(x, 2, 2, v, 1), `blockRows ${String(n)}`).toThrow(RangeError);
      expect(() => quantizeFp8Blockwise(x, 2, 2, 1, v), `blockCols ${String(n)}`).toThrow(RangeError);
    },
  );

  test('negative sizes throw RangeError even where the arithmetic would go through: cols −4 and blockSize −1 on an empty x, 2 × 2 blocks of −1 × −1', () => {
    expect(() => quantizeAbsmax(new Float32Array(0), -4), 'quantizeAbsmax([], -4)').toThrow(RangeError);
    expect(() => quantizeZeroPoint(new Float32Array(0), -4), 'quantizeZeroPoint([], -4)').toThrow(RangeError);
    expect(() => quantizeNF4(new Float32Array(0), -1), 'quantizeNF4([], -1)').toThrow(RangeError);
    expect(() => dequantizeNF4(new Uint8Array(0), [], -1), 'dequantizeNF4([], [], -1)').toThrow(RangeError);
    expect(() => quantizeFp8Blockwise(F([1, 2, 3, 4]), 2, 2, -1, -1), 'quantizeFp8Blockwise(x, 2, 2, -1, -1)').toThrow(
      RangeError,
    );
  });

  test('cols that does not divide x.length throws RangeError: 5 values with cols 2', () => {
    expect(() => quantizeAbsmax(F([1, 2, 3, 4, 5]), 2), 'quantizeAbsmax').toThrow(RangeError);
    expect(() => quantizeZeroPoint(F([1, 2, 3, 4, 5]), 2), 'quantizeZeroPoint').toThrow(RangeError);
  });

  test('rows · cols that differs from x.length throws RangeError: 6 values as 2 × 2 or 4 × 2', () => {
    expect(() => quantizeFp8Blockwise(F([1, 2, 3, 4, 5, 6]), 2, 2), '2 × 2').toThrow(RangeError);
    expect(() => quantizeFp8Blockwise(F([1, 2, 3, 4, 5, 6]), 4, 2), '4 × 2').toThrow(RangeError);
  });

  test('fp8E4M3Bits: a non-number throws TypeError, NaN or ±Infinity throws RangeError', () => {
    for (const x of ['1', null, undefined, 1n, [1]])
      expect(() => fp8E4M3Bits(x as unknown as number), `fp8E4M3Bits(${String(x)})`).toThrow(TypeError);
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(() => fp8E4M3Bits(x), `fp8E4M3Bits(${x})`).toThrow(RangeError);
  });

  test('fp8E4M3Value: a non-number throws TypeError; 256, −1, 1.5, NaN throw RangeError', () => {
    for (const x of ['1', null, undefined])
      expect(() => fp8E4M3Value(x as unknown as number), `fp8E4M3Value(${String(x)})`).toThrow(TypeError);
    for (const x of [256, -1, 1.5, Number.NaN]) expect(() => fp8E4M3Value(x), `fp8E4M3Value(${x})`).toThrow(RangeError);
  });

  test('dequantize with the wrong array type throws TypeError: Uint8Array q to dequantizeAbsmax, Int8Array q to dequantizeZeroPoint / codes to dequantizeNF4', () => {
    expect(
      () => dequantizeAbsmax(new Uint8Array(2) as unknown as Int8Array, [1]),
      'dequantizeAbsmax(Uint8Array)',
    ).toThrow(TypeError);
    expect(() => dequantizeAbsmax([1, 2] as unknown as Int8Array, [1]), 'dequantizeAbsmax(number[])').toThrow(
      TypeError,
    );
    expect(
      () => dequantizeZeroPoint(new Int8Array(2) as unknown as Uint8Array, [1], [0]),
      'dequantizeZeroPoint(Int8Array)',
    ).toThrow(TypeError);
    expect(() => dequantizeNF4(new Int8Array(2) as unknown as Uint8Array, [1]), 'dequantizeNF4(Int8Array)').toThrow(
      TypeError,
    );
  });

  test('dequantize with parameters that do not fit throws RangeError: 5 codes and 2 scales, zeroPoint of another length, wrong absmax count, a code above 15', () => {
    expect(() => dequantizeAbsmax(new Int8Array(5), [1, 1]), '5 q, 2 scales').toThrow(RangeError);
    expect(() => dequantizeAbsmax(new Int8Array(3), []), '3 q, no scale').toThrow(RangeError);
    expect(() => dequantizeZeroPoint(new Uint8Array(5), [1, 1], [0, 0]), 'zero-point: 5 q, 2 scales').toThrow(
      RangeError,
    );
    expect(() => dequantizeZeroPoint(new Uint8Array(4), [1, 1], [0]), '2 scales, 1 zeroPoint').toThrow(RangeError);
    expect(() => dequantizeNF4(new Uint8Array(65), [1]), '65 codes, 1 absmax (blockSize 64)').toThrow(RangeError);
    expect(() => dequantizeNF4(new Uint8Array(3), [1, 1], 4), '3 codes, 2 absmax (blockSize 4)').toThrow(RangeError);
    expect(() => dequantizeNF4(Uint8Array.of(3, 16), [1], 4), 'code 16').toThrow(RangeError);
  });

  test('valid edge inputs do not throw: dequantize of empty q with no scale, a single value, blockSize larger than the input', () => {
    expectTyped(dequantizeAbsmax(new Int8Array(0), []), Float32Array, [], 'dequantizeAbsmax([], [])');
    expectTyped(
      dequantizeZeroPoint(new Uint8Array(0), [1], [0]),
      Float32Array,
      [],
      'dequantizeZeroPoint([], [1], [0])',
    );
    expectTyped(quantizeNF4(F([-0.5]), 1000).codes, Uint8Array, [0], 'quantizeNF4([-0.5], 1000)');
    expectTyped(quantizeFp8Blockwise(F([3]), 1, 1).codes, Uint8Array, [0x7e], 'quantizeFp8Blockwise([3], 1, 1)');
  });
});

describe('quantization: round half to even is torch.round', () => {
  test.prop([halfGrid])('on exact halves absmax codes are even whenever x / scale is a tie (scale 1 here)', (xs) => {
    const q = quantizeAbsmax(F(xs)).q;
    xs.forEach((x, i) => {
      if (Math.abs(x % 1) === 0.5) expect(Math.abs(q[i] as number) % 2, `q of ${x} = ${q[i]} must be even`).toBe(0);
      expect(q[i], `q of ${x}`).toBe(rhe(x) + 0);
    });
  });

  test.prop([fc.integer({ min: 0, max: 125 })])(
    'fp8: the midpoint of neighbouring bytes b and b + 1 goes to the even one',
    (b) => {
      const x = ((FP8_TABLE[b] as number) + (FP8_TABLE[b + 1] as number)) / 2;
      expect(hex(fp8E4M3Bits(x)), `fp8E4M3Bits(${x})`).toBe(hex(b % 2 === 0 ? b : b + 1));
    },
  );
});
