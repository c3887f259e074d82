// Kata: quantization (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check quantization   (or: npx vitest --watch quantization)

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

export function quantizeAbsmax(x: Float32Array, cols?: number): AbsmaxQuant {
  // TODO: scale = absmax / 127 per tensor (or per row of `cols`), q = clamp(roundHalfEven(x / scale), -127, 127).
  throw new Error('TODO: quantization');
}

export function dequantizeAbsmax(q: Int8Array, scale: ArrayLike<number>): Float32Array {
  // TODO: fround(q · scale of its row); rows = scale.length.
  throw new Error('TODO: quantization');
}

export function quantizeZeroPoint(x: Float32Array, cols?: number): ZeroPointQuant {
  // TODO: range [min(x, 0), max(x, 0)], scale = range / 255, zp = −roundHalfEven(min / scale), q = clamp(round(x / scale) + zp, 0, 255).
  throw new Error('TODO: quantization');
}

export function dequantizeZeroPoint(
  q: Uint8Array,
  scale: ArrayLike<number>,
  zeroPoint: ArrayLike<number>,
): Float32Array {
  // TODO: fround((q − zp) · scale of its row).
  throw new Error('TODO: quantization');
}

export function quantizeNF4(x: Float32Array, blockSize = 64): NF4Quant {
  // TODO: per block of blockSize: absmax, then the code of the NF4 level nearest to x / absmax.
  throw new Error('TODO: quantization');
}

export function dequantizeNF4(codes: Uint8Array, absmax: ArrayLike<number>, blockSize = 64): Float32Array {
  // TODO: fround(level[code] · absmax of its block).
  throw new Error('TODO: quantization');
}

export function fp8E4M3Bits(x: number): number {
  // TODO: the e4m3fn byte of x: nearest, ties to even, saturating at ±448, subnormals kept.
  throw new Error('TODO: quantization');
}

export function fp8E4M3Value(bits: number): number {
  // TODO: decode S.EEEE.MMM (bias 7; E = 0 subnormal; S.1111.111 NaN).
  throw new Error('TODO: quantization');
}

export function quantizeFp8Blockwise(
  x: Float32Array,
  rows: number,
  cols: number,
  blockRows = 128,
  blockCols = 128,
): Fp8Quant {
  // TODO: per blockRows × blockCols block: scale = amax / 448 (1 if all zero), codes = fp8E4M3Bits(x / scale).
  throw new Error('TODO: quantization');
}
