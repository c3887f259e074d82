export { DynamicLossScaler } from '../reference.ts';

/** Arithmetic rounding (no bit tricks): scale by the unit in the last place, round half to even. */
function roundHalfEven(q: number): number {
  const f = Math.floor(q);
  const d = q - f;
  return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
}

/** Rounds x to a format with `m` mantissa bits, least normal exponent `minExp` and the given overflow threshold. */
function roundBits(x: number, m: number, minExp: number, maxExp: number, overflow: number): number {
  const bias = -minExp + 1;
  const infBits = (2 * bias + 1) << m; // exponent field all ones
  if (Number.isNaN(x)) return infBits | (1 << (m - 1));
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= overflow) return sign | infBits;
  let e = minExp;
  while (e < maxExp && 2 ** (e + 1) <= a) e++;
  const q = roundHalfEven(a / 2 ** (e - m));
  if (e === minExp && q < 2 ** m) return sign | q; // subnormal (or zero)
  return sign | (((e + bias) << m) + (q - 2 ** m)); // q = 2^(m+1) carries into the next exponent
}

export function fp16Bits(x: number): number {
  return roundBits(x, 10, -14, 15, 65520);
}

export function bf16Bits(x: number): number {
  return roundBits(x, 7, -126, 127, 2 ** 128 - 2 ** 119);
}

function fp16Value(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return e === 0 ? sign * m * 2 ** -24 : sign * (0x400 + m) * 2 ** (e - 25);
}

export function toFp16(x: Float32Array): Float32Array {
  return x.map((v) => fp16Value(fp16Bits(v)));
}

export function toBf16(x: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  const outBits = new Uint32Array(out.buffer);
  x.forEach((v, i) => {
    outBits[i] = bf16Bits(v) << 16;
  });
  return out;
}
