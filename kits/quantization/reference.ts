/**
 * Int8 absmax (LLM.int8()), uint8 zero-point (PyTorch quint8), NF4 with block-wise absmax (QLoRA /
 * bitsandbytes) and fp8 e4m3fn with DeepSeek-V3 block scales. Every quantizer is one pass to find
 * the group's range and one pass to encode; parameters are float64, dequantized values float32.
 */

/** The 16 NF4 levels, as bitsandbytes' functional.py lists them (index = 4-bit code). */
const NF4_LEVELS = [
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334,
  -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
  0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
];
/** The 15 decision thresholds between neighbouring levels (float64 midpoints). */
const NF4_MIDPOINTS = NF4_LEVELS.slice(1).map((hi, i) => ((NF4_LEVELS[i] as number) + hi) / 2);
const NF4_ZERO_CODE = 7;
const FP8_MAX = 448;

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

/** Round half to even (torch.round): Math.round rounds halves up, so pull odd results of a tie back. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function checkFloat32Array(name: string, x: unknown): asserts x is Float32Array {
  if (!(x instanceof Float32Array)) throw new TypeError(`${name} must be a Float32Array`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`${name}[${i}] must be finite, got ${x[i]}`);
  }
}

function checkPositiveInteger(name: string, v: unknown): number {
  if (!(Number.isInteger(v) && (v as number) >= 1)) throw new RangeError(`${name} must be a positive integer`);
  return v as number;
}

/** The row length: the whole tensor (one group) when cols is omitted, else cols (which divides n). */
function groupLength(x: Float32Array, cols: number | undefined): number {
  if (cols === undefined) return x.length;
  checkPositiveInteger('cols', cols);
  if (x.length % cols !== 0) throw new RangeError(`cols = ${cols} must divide x.length = ${x.length}`);
  return cols;
}

/** How many groups of `len` the n values form: 1 for a per-tensor empty input, as its one scale. */
function groupCount(n: number, len: number, perTensor: boolean): number {
  return perTensor ? 1 : n / len;
}

export function quantizeAbsmax(x: Float32Array, cols?: number): AbsmaxQuant {
  checkFloat32Array('x', x);
  const len = groupLength(x, cols);
  const groups = groupCount(x.length, len, cols === undefined);
  const q = new Int8Array(x.length);
  const scale = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    let absmax = 0;
    for (let i = g * len; i < (g + 1) * len; i++) absmax = Math.max(absmax, Math.abs(x[i] as number));
    const s = absmax === 0 ? 1 : absmax / 127;
    scale[g] = s;
    for (let i = g * len; i < (g + 1) * len; i++) q[i] = clamp(roundHalfEven((x[i] as number) / s), -127, 127);
  }
  return { q, scale };
}

/** Columns per row of a dequantized tensor: q.length / rows, which must be a whole number. */
function rowLength(n: number, rows: number): number {
  if (rows === 0 ? n !== 0 : n % rows !== 0) {
    throw new RangeError(`q.length = ${n} must be a multiple of scale.length = ${rows}`);
  }
  return rows === 0 ? 0 : n / rows;
}

export function dequantizeAbsmax(q: Int8Array, scale: ArrayLike<number>): Float32Array {
  if (!(q instanceof Int8Array)) throw new TypeError('q must be an Int8Array');
  const len = rowLength(q.length, scale.length);
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = (q[i] as number) * (scale[Math.floor(i / len)] as number);
  return out;
}

export function quantizeZeroPoint(x: Float32Array, cols?: number): ZeroPointQuant {
  checkFloat32Array('x', x);
  const len = groupLength(x, cols);
  const groups = groupCount(x.length, len, cols === undefined);
  const q = new Uint8Array(x.length);
  const scale = new Float64Array(groups);
  const zeroPoint = new Int32Array(groups);
  for (let g = 0; g < groups; g++) {
    // PyTorch's MinMaxObserver widens the range to include 0, so 0 is exactly representable.
    let lo = 0;
    let hi = 0;
    for (let i = g * len; i < (g + 1) * len; i++) {
      lo = Math.min(lo, x[i] as number);
      hi = Math.max(hi, x[i] as number);
    }
    const s = hi === lo ? 1 : (hi - lo) / 255;
    const zp = -roundHalfEven(lo / s); // 0 for an all-zero group, where lo = 0
    scale[g] = s;
    zeroPoint[g] = zp;
    for (let i = g * len; i < (g + 1) * len; i++) q[i] = clamp(roundHalfEven((x[i] as number) / s) + zp, 0, 255);
  }
  return { q, scale, zeroPoint };
}

export function dequantizeZeroPoint(
  q: Uint8Array,
  scale: ArrayLike<number>,
  zeroPoint: ArrayLike<number>,
): Float32Array {
  if (!(q instanceof Uint8Array)) throw new TypeError('q must be a Uint8Array');
  if (zeroPoint.length !== scale.length) throw new RangeError('zeroPoint.length must equal scale.length');
  const len = rowLength(q.length, scale.length);
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) {
    const g = Math.floor(i / len);
    out[i] = ((q[i] as number) - (zeroPoint[g] as number)) * (scale[g] as number);
  }
  return out;
}

/** The code of the level nearest to v in [-1, 1]: binary search over the midpoints; a tie goes down. */
function nf4Code(v: number): number {
  let lo = 0;
  let hi = NF4_MIDPOINTS.length; // the answer is the count of midpoints strictly below v
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > (NF4_MIDPOINTS[mid] as number)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function quantizeNF4(x: Float32Array, blockSize = 64): NF4Quant {
  checkFloat32Array('x', x);
  checkPositiveInteger('blockSize', blockSize);
  const blocks = Math.ceil(x.length / blockSize);
  const codes = new Uint8Array(x.length);
  const absmax = new Float64Array(blocks);
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(x.length, (b + 1) * blockSize);
    let m = 0;
    for (let i = b * blockSize; i < end; i++) m = Math.max(m, Math.abs(x[i] as number));
    absmax[b] = m;
    for (let i = b * blockSize; i < end; i++) codes[i] = m === 0 ? NF4_ZERO_CODE : nf4Code((x[i] as number) / m);
  }
  return { codes, absmax };
}

export function dequantizeNF4(codes: Uint8Array, absmax: ArrayLike<number>, blockSize = 64): Float32Array {
  if (!(codes instanceof Uint8Array)) throw new TypeError('codes must be a Uint8Array');
  checkPositiveInteger('blockSize', blockSize);
  if (absmax.length !== Math.ceil(codes.length / blockSize)) {
    throw new RangeError(
      `absmax.length must be ceil(codes.length / blockSize) = ${Math.ceil(codes.length / blockSize)}`,
    );
  }
  const out = new Float32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const level = NF4_LEVELS[codes[i] as number];
    if (level === undefined) throw new RangeError(`codes[${i}] = ${codes[i]} is not a 4-bit code (0..15)`);
    out[i] = level * (absmax[Math.floor(i / blockSize)] as number);
  }
  return out;
}

/**
 * The e4m3fn byte of x: round to nearest even, saturating at ±448 (no infinities in the format).
 * Subnormals are multiples of 2^-9; a subnormal that rounds up to 8 units is the pattern 0x08 = 2^-6,
 * and a normal mantissa that rounds up to 8 eighths carries into the exponent.
 */
export function fp8E4M3Bits(x: number): number {
  if (typeof x !== 'number') throw new TypeError('x must be a number');
  if (!Number.isFinite(x)) throw new RangeError(`x must be finite, got ${x}`);
  const sign = x < 0 || Object.is(x, -0) ? 0x80 : 0;
  const a = Math.abs(x);
  if (a >= FP8_MAX) return sign | 0x7e;
  if (a < 2 ** -6) return sign | roundHalfEven(a * 2 ** 9);
  // An exponent one off at a power of two is harmless: one too small gives m = 8, which carries; one
  // too large only happens within float64 rounding below 2^e, which rounds up to 2^e (m = 0) anyway.
  const e = Math.floor(Math.log2(a));
  const m = roundHalfEven((a / 2 ** e) * 8) - 8; // 0..8
  return sign | (((e + 7) << 3) + m); // m = 8 carries into the exponent; 448 is the largest result
}

export function fp8E4M3Value(bits: number): number {
  if (typeof bits !== 'number') throw new TypeError('bits must be a number');
  if (!(Number.isInteger(bits) && bits >= 0 && bits <= 255)) throw new RangeError('bits must be an integer in 0..255');
  const sign = bits & 0x80 ? -1 : 1;
  const e = (bits >> 3) & 0xf;
  const m = bits & 7;
  if (e === 0xf && m === 7) return Number.NaN;
  return e === 0 ? sign * m * 2 ** -9 : sign * (1 + m / 8) * 2 ** (e - 7);
}

export function quantizeFp8Blockwise(
  x: Float32Array,
  rows: number,
  cols: number,
  blockRows = 128,
  blockCols = 128,
): Fp8Quant {
  checkFloat32Array('x', x);
  checkPositiveInteger('rows', rows);
  checkPositiveInteger('cols', cols);
  checkPositiveInteger('blockRows', blockRows);
  checkPositiveInteger('blockCols', blockCols);
  if (rows * cols !== x.length) throw new RangeError(`rows · cols = ${rows * cols} must equal x.length = ${x.length}`);
  const gridRows = Math.ceil(rows / blockRows);
  const gridCols = Math.ceil(cols / blockCols);
  const codes = new Uint8Array(x.length);
  const scale = new Float64Array(gridRows * gridCols);
  for (let bi = 0; bi < gridRows; bi++) {
    for (let bj = 0; bj < gridCols; bj++) {
      const r1 = Math.min(rows, (bi + 1) * blockRows);
      const c1 = Math.min(cols, (bj + 1) * blockCols);
      let amax = 0;
      for (let r = bi * blockRows; r < r1; r++) {
        for (let c = bj * blockCols; c < c1; c++) amax = Math.max(amax, Math.abs(x[r * cols + c] as number));
      }
      const s = amax === 0 ? 1 : amax / FP8_MAX;
      scale[bi * gridCols + bj] = s;
      for (let r = bi * blockRows; r < r1; r++) {
        for (let c = bj * blockCols; c < c1; c++) codes[r * cols + c] = fp8E4M3Bits((x[r * cols + c] as number) / s);
      }
    }
  }
  return { codes, scale };
}
