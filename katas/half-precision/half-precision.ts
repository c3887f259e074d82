// Kata: half-precision (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check half-precision   (or: npx vitest --watch half-precision)

export interface LossScalerOptions {
  initScale?: number;
  growthFactor?: number;
  backoffFactor?: number;
  growthInterval?: number;
}

export function toFp16(x: Float32Array): Float32Array {
  // TODO: round every float32 to the nearest fp16 value (ties to even, overflow to ±Infinity), returned as float32.
  throw new Error('TODO: half-precision');
}

export function fp16Bits(x: number): number {
  // TODO: the uint16 fp16 bit pattern of Math.fround(x), rounded to nearest even.
  throw new Error('TODO: half-precision');
}

export function toBf16(x: Float32Array): Float32Array {
  // TODO: round every float32 to bfloat16 (upper 16 bits, ties to even; NaN stays NaN), returned as float32.
  throw new Error('TODO: half-precision');
}

export function bf16Bits(x: number): number {
  // TODO: the uint16 bfloat16 bit pattern of Math.fround(x), rounded to nearest even.
  throw new Error('TODO: half-precision');
}

export class DynamicLossScaler {
  constructor(o?: LossScalerOptions) {
    // TODO: defaults 2**16, 2, 0.5, 2000 (PyTorch GradScaler); RangeError on invalid options.
    throw new Error('TODO: half-precision');
  }

  get scale(): number {
    // TODO: the current loss scale.
    throw new Error('TODO: half-precision');
  }

  unscale(grads: Float32Array): { grads: Float32Array; foundInf: boolean } {
    // TODO: a new array grads · (1/scale) in float32; foundInf when any gradient is not finite.
    throw new Error('TODO: half-precision');
  }

  update(foundInf: boolean): { skipped: boolean } {
    // TODO: overflow → scale · backoff, skip, reset the count; growthInterval clean steps in a row → scale · growth.
    throw new Error('TODO: half-precision');
  }
}
