/**
 * The same contract written another way: rounding from the floor and the fraction, every group's
 * parameters computed in a first pass and the codes in a second, NF4 by a linear walk over the
 * thresholds, and fp8 by binary search in the sorted table of the 127 non-negative finite bytes.
 */

const LEVELS = [
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334,
  -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
  0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
];
const THRESHOLDS = LEVELS.slice(0, 15).map((lo, i) => (lo + (LEVELS[i + 1] as number)) / 2);

/** Bytes 0x00..0x7E are the non-negative finite e4m3fn values in increasing order. */
const POSITIVE: number[] = Array.from({ length: 127 }, (_, b) => {
  const e = b >> 3;
  const m = b & 7;
  return e === 0 ? m / 512 : ((8 + m) / 8) * 2 ** (e - 7);
});

export interface AbsmaxQuant {
  q: Int8Array;
  scale: Float64Array;
}
export interface ZeroPointQuant {
  q: Uint8Array;
  scale: Float64Array;
  zeroPoint: Int32Array;
}
export interface NF4Quant {
  codes: Uint8Array;
  absmax: Float64Array;
}
export interface Fp8Quant {
  codes: Uint8Array;
  scale: Float64Array;
}

function rne(v: number): number {
  const f = Math.floor(v);
  const frac = v - f;
  if (frac !== 0.5) return frac < 0.5 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}

function finiteFloat32(x: unknown): Float32Array {
  if (!(x instanceof Float32Array)) throw new TypeError('x: expected a Float32Array');
  if (!x.every(Number.isFinite)) throw new RangeError('x: every element must be finite');
  return x;
}

function positiveInt(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`${name}: expected an integer >= 1`);
  return v;
}

/** The group of every element: 0 for all (per tensor), else its row. */
function rowsOf(x: Float32Array, cols: number | undefined): { count: number; of: (i: number) => number } {
  if (cols === undefined) return { count: 1, of: () => 0 };
  const c = positiveInt('cols', cols);
  if (x.length % c !== 0) throw new RangeError('cols must divide x.length');
  return { count: x.length / c, of: (i) => Math.floor(i / c) };
}

export function quantizeAbsmax(x: Float32Array, cols?: number): AbsmaxQuant {
  const xs = finiteFloat32(x);
  const rows = rowsOf(xs, cols);
  const amax = new Float64Array(rows.count);
  xs.forEach((v, i) => {
    const g = rows.of(i);
    amax[g] = Math.max(amax[g] as number, Math.abs(v));
  });
  const scale = amax.map((m) => (m > 0 ? m / 127 : 1));
  const q = new Int8Array(xs.length);
  xs.forEach((v, i) => {
    q[i] = Math.max(-127, Math.min(127, rne(v / (scale[rows.of(i)] as number))));
  });
  return { q, scale };
}

function perRow(n: number, groups: number): number {
  if (groups === 0) {
    if (n > 0) throw new RangeError('no scale for a non-empty q');
    return 1;
  }
  if (n % groups !== 0) throw new RangeError('q.length must be a multiple of scale.length');
  return n / groups;
}

export function dequantizeAbsmax(q: Int8Array, scale: ArrayLike<number>): Float32Array {
  if (!(q instanceof Int8Array)) throw new TypeError('q: expected an Int8Array');
  const cols = perRow(q.length, scale.length);
  return Float32Array.from(q, (v, i) => v * (scale[Math.floor(i / cols)] as number));
}

export function quantizeZeroPoint(x: Float32Array, cols?: number): ZeroPointQuant {
  const xs = finiteFloat32(x);
  const rows = rowsOf(xs, cols);
  const lo = new Float64Array(rows.count);
  const hi = new Float64Array(rows.count);
  xs.forEach((v, i) => {
    const g = rows.of(i);
    if (v < (lo[g] as number)) lo[g] = v;
    if (v > (hi[g] as number)) hi[g] = v;
  });
  const scale = new Float64Array(rows.count);
  const zeroPoint = new Int32Array(rows.count);
  for (let g = 0; g < rows.count; g++) {
    const range = (hi[g] as number) - (lo[g] as number);
    scale[g] = range > 0 ? range / 255 : 1;
    zeroPoint[g] = range > 0 ? -rne((lo[g] as number) / (scale[g] as number)) : 0;
  }
  const q = new Uint8Array(xs.length);
  xs.forEach((v, i) => {
    const g = rows.of(i);
    q[i] = Math.max(0, Math.min(255, rne(v / (scale[g] as number)) + (zeroPoint[g] as number)));
  });
  return { q, scale, zeroPoint };
}

export function dequantizeZeroPoint(
  q: Uint8Array,
  scale: ArrayLike<number>,
  zeroPoint: ArrayLike<number>,
): Float32Array {
  if (!(q instanceof Uint8Array)) throw new TypeError('q: expected a Uint8Array');
  if (scale.length !== zeroPoint.length) throw new RangeError('scale and zeroPoint must have the same length');
  const cols = perRow(q.length, scale.length);
  return Float32Array.from(q, (v, i) => {
    const g = Math.floor(i / cols);
    return (v - (zeroPoint[g] as number)) * (scale[g] as number);
  });
}

export function quantizeNF4(x: Float32Array, blockSize = 64): NF4Quant {
  const xs = finiteFloat32(x);
  const size = positiveInt('blockSize', blockSize);
  const absmax = new Float64Array(Math.ceil(xs.length / size));
  xs.forEach((v, i) => {
    const b = Math.floor(i / size);
    absmax[b] = Math.max(absmax[b] as number, Math.abs(v));
  });
  const codes = new Uint8Array(xs.length);
  xs.forEach((v, i) => {
    const m = absmax[Math.floor(i / size)] as number;
    if (m === 0) {
      codes[i] = 7; // the level 0.0
      return;
    }
    const n = v / m;
    let code = 0;
    while (code < 15 && n > (THRESHOLDS[code] as number)) code++;
    codes[i] = code;
  });
  return { codes, absmax };
}

export function dequantizeNF4(codes: Uint8Array, absmax: ArrayLike<number>, blockSize = 64): Float32Array {
  if (!(codes instanceof Uint8Array)) throw new TypeError('codes: expected a Uint8Array');
  const size = positiveInt('blockSize', blockSize);
  if (absmax.length !== Math.ceil(codes.length / size)) throw new RangeError('absmax: one value per block expected');
  if (codes.some((c) => c > 15)) throw new RangeError('codes: 4-bit codes 0..15 expected');
  return Float32Array.from(codes, (c, i) => (LEVELS[c] as number) * (absmax[Math.floor(i / size)] as number));
}

export function fp8E4M3Bits(x: number): number {
  if (typeof x !== 'number') throw new TypeError('x: expected a number');
  if (!Number.isFinite(x)) throw new RangeError('x: expected a finite number');
  const negative = x < 0 || (x === 0 && 1 / x < 0);
  const a = Math.abs(x);
  // Largest byte whose value is <= a, then compare with the midpoint to its successor.
  let lo = 0;
  let hi = POSITIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((POSITIVE[mid] as number) <= a) lo = mid;
    else hi = mid - 1;
  }
  let b = lo;
  if (b < POSITIVE.length - 1) {
    const half = ((POSITIVE[b] as number) + (POSITIVE[b + 1] as number)) / 2;
    if (a > half || (a === half && b % 2 === 1)) b += 1;
  }
  return negative ? b + 128 : b;
}

export function fp8E4M3Value(bits: number): number {
  if (typeof bits !== 'number') throw new TypeError('bits: expected a number');
  if (!Number.isInteger(bits) || bits < 0 || bits > 255) throw new RangeError('bits: expected a byte');
  const magnitude = bits & 0x7f;
  if (magnitude === 0x7f) return Number.NaN;
  const v = POSITIVE[magnitude] as number;
  return bits >= 128 ? -v : v;
}

export function quantizeFp8Blockwise(
  x: Float32Array,
  rows: number,
  cols: number,
  blockRows = 128,
  blockCols = 128,
): Fp8Quant {
  const xs = finiteFloat32(x);
  const [r, c, br, bc] = [
    positiveInt('rows', rows),
    positiveInt('cols', cols),
    positiveInt('blockRows', blockRows),
    positiveInt('blockCols', blockCols),
  ];
  if (r * c !== xs.length) throw new RangeError('x.length must be rows · cols');
  const gridCols = Math.ceil(c / bc);
  const blockOf = (i: number) => Math.floor(Math.floor(i / c) / br) * gridCols + Math.floor((i % c) / bc);
  const amax = new Float64Array(Math.ceil(r / br) * gridCols);
  xs.forEach((v, i) => {
    const k = blockOf(i);
    amax[k] = Math.max(amax[k] as number, Math.abs(v));
  });
  const scale = amax.map((m) => (m > 0 ? m / 448 : 1));
  const codes = Uint8Array.from(xs, (v, i) => fp8E4M3Bits(v / (scale[blockOf(i)] as number)));
  return { codes, scale };
}
