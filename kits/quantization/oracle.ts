/**
 * Independent float64 oracles for the quantization kata, written without the reference's tricks:
 * round half to even from the fraction, NF4 by counting the thresholds below a value, and fp8 e4m3fn
 * as a table of all 256 bytes decoded from the bit layout, encoded by brute force over that table.
 */

/** The 16 NF4 levels (bitsandbytes functional.py, QLoRA appendix E). */
export const NF4 = [
  -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453, -0.28444138169288635, -0.18477343022823334,
  -0.09105003625154495, 0.0, 0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
  0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
];

/** Round half to even, from |v|'s fraction. */
export function rhe(v: number): number {
  const a = Math.abs(v);
  const f = Math.floor(a);
  const d = a - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return v < 0 ? -r : r;
}

const clip = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Splits n values into groups: one group (per-tensor) or rows of `cols`. */
function groups(n: number, cols: number | undefined): number[][] {
  if (cols === undefined) return [Array.from({ length: n }, (_, i) => i)];
  return Array.from({ length: n / cols }, (_, r) => Array.from({ length: cols }, (_, c) => r * cols + c));
}

export function absmaxOracle(xs: readonly number[], cols?: number): { q: number[]; scale: number[] } {
  const q = xs.map(() => 0);
  const scale = groups(xs.length, cols).map((idx) => {
    const m = idx.reduce((acc, i) => Math.max(acc, Math.abs(xs[i] as number)), 0);
    const s = m === 0 ? 1 : m / 127;
    for (const i of idx) q[i] = clip(rhe((xs[i] as number) / s), -127, 127);
    return s;
  });
  return { q, scale };
}

export function zeroPointOracle(
  xs: readonly number[],
  cols?: number,
): { q: number[]; scale: number[]; zeroPoint: number[] } {
  const q = xs.map(() => 0);
  const zeroPoint: number[] = [];
  const scale = groups(xs.length, cols).map((idx) => {
    const vals = idx.map((i) => xs[i] as number);
    const lo = Math.min(0, ...vals);
    const hi = Math.max(0, ...vals);
    const s = hi > lo ? (hi - lo) / 255 : 1;
    const zp = hi > lo ? 0 - rhe(lo / s) : 0;
    zeroPoint.push(zp);
    for (const i of idx) q[i] = clip(rhe((xs[i] as number) / s) + zp, 0, 255);
    return s;
  });
  return { q, scale, zeroPoint };
}

/** The NF4 code of a normalised value: how many thresholds (L_i + L_{i+1}) / 2 lie strictly below it. */
export function nf4CodeOracle(v: number): number {
  let count = 0;
  for (let i = 0; i + 1 < NF4.length; i++) if (v > ((NF4[i] as number) + (NF4[i + 1] as number)) / 2) count++;
  return count;
}

export function nf4Oracle(xs: readonly number[], blockSize = 64): { codes: number[]; absmax: number[] } {
  const absmax: number[] = [];
  const codes = xs.map((x, i) => {
    const b = Math.floor(i / blockSize);
    const block = xs.slice(b * blockSize, (b + 1) * blockSize);
    const m = block.reduce((acc, v) => Math.max(acc, Math.abs(v)), 0);
    absmax[b] = m;
    return m === 0 ? 7 : nf4CodeOracle(x / m);
  });
  return { codes, absmax };
}

/** All 256 e4m3fn bytes by the OCP layout: S.EEEE.MMM, bias 7, subnormals at E = 0, NaN at S.1111.111. */
export const FP8_TABLE: readonly number[] = Array.from({ length: 256 }, (_, b) => {
  const s = b >= 128 ? -1 : 1;
  const e = Math.floor((b % 128) / 8);
  const m = b % 8;
  if (e === 15 && m === 7) return Number.NaN;
  return e === 0 ? s * (m / 8) * 2 ** -6 : s * (1 + m / 8) * 2 ** (e - 7);
});

/** The e4m3fn byte nearest to x over all finite table entries; a tie goes to the even byte; zero keeps x's sign. */
export function fp8BitsOracle(x: number): number {
  let best = -1;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let b = 0; b < 256; b++) {
    const v = FP8_TABLE[b] as number;
    if (Number.isNaN(v) || (v === 0 && b !== 0)) continue; // one zero here; its sign is fixed below
    const d = Math.abs(x - v);
    if (d < bestDist || (d === bestDist && b % 2 === 0)) {
      best = b;
      bestDist = d;
    }
  }
  const negative = x < 0 || Object.is(x, -0);
  return best === 0 && negative ? 0x80 : best;
}

export function fp8BlockwiseOracle(
  xs: readonly number[],
  rows: number,
  cols: number,
  blockRows = 128,
  blockCols = 128,
): { codes: number[]; scale: number[] } {
  const gridCols = Math.ceil(cols / blockCols);
  const scale: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = Math.floor(r / blockRows) * gridCols + Math.floor(c / blockCols);
      scale[k] = Math.max(scale[k] ?? 0, Math.abs(xs[r * cols + c] as number));
    }
  }
  const scales = scale.map((m) => (m === 0 ? 1 : m / 448));
  const codes = xs.map((x, i) => {
    const r = Math.floor(i / cols);
    const c = i % cols;
    return fp8BitsOracle(x / (scales[Math.floor(r / blockRows) * gridCols + Math.floor(c / blockCols)] as number));
  });
  return { codes, scale: scales };
}
