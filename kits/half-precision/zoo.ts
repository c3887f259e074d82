import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'counts-skipped-steps',
    hint: {
      en: 'counts every step toward growth, skipped ones too (the counter is bumped before foundInf is looked at, and an overflow does not reset it), so the scale can grow right after an overflow.',
      zh: '',
    },
    why: {
      en: 'counts every step toward growth, skipped ones too (the counter is bumped before foundInf is looked at, and an overflow does not reset it), so the scale can grow right after an overflow.',
      zh: '',
    },
    edits: [
      [
        '  update(foundInf: boolean): { skipped: boolean } {',
        '  update(foundInf: boolean): { skipped: boolean } {\n    this.#cleanSteps += 1;',
      ],
      [
        '      this.#cleanSteps = 0;\n      return { skipped: true };\n    }\n    this.#cleanSteps += 1;\n    if (this.#cleanSteps === this.#growthInterval) {',
        '    } else if (this.#cleanSteps >= this.#growthInterval) {',
      ],
      ['    return { skipped: false };', '    return { skipped: foundInf };'],
    ],
  },
  {
    id: 'divides-by-scale',
    hint: {
      en: "unscale divides each gradient by the scale in float64 instead of multiplying by the float32 reciprocal fround(1/scale) as PyTorch's inv_scale does: identical for powers of two, but with scale 3 some results differ in the last float32 bit.",
      zh: '',
    },
    why: {
      en: "unscale divides each gradient by the scale in float64 instead of multiplying by the float32 reciprocal fround(1/scale) as PyTorch's inv_scale does: identical for powers of two, but with scale 3 some results differ in the last float32 bit.",
      zh: '',
    },
    file: 'zoo/divides-by-scale.ts',
  },
  {
    id: 'flushes-subnormals',
    hint: {
      en: 'flushes fp16 subnormals to ±0 (everything below 2^-14, the least normal), as hardware FTZ/DAZ modes do: 1e-5 gives 0 instead of 1.0013580322265625e-5, losing exactly the small gradients loss scaling is about.',
      zh: '',
    },
    why: {
      en: 'flushes fp16 subnormals to ±0 (everything below 2^-14, the least normal), as hardware FTZ/DAZ modes do: 1e-5 gives 0 instead of 1.0013580322265625e-5, losing exactly the small gradients loss scaling is about.',
      zh: '',
    },
    edits: [
      [
        '    if (shift > 24) return sign; // below 2^-25 (float32 subnormals included): rounds to ±0\n    return sign | shiftRoundEven(0x800000 | mantissa, shift); // may carry into 0x0400, the least normal',
        '    if (shift > 14) return sign; // flush to zero\n    return sign | (shiftRoundEven(0x800000 | mantissa, shift) & 0x400);',
      ],
    ],
  },
  {
    id: 'found-inf-misses-nan',
    hint: {
      en: 'foundInf only looks for ±Infinity (g === Infinity || g === -Infinity); a NaN gradient (0 · Infinity, Infinity − Infinity) slips through and the step is applied, poisoning the weights.',
      zh: '',
    },
    why: {
      en: 'foundInf only looks for ±Infinity (g === Infinity || g === -Infinity); a NaN gradient (0 · Infinity, Infinity − Infinity) slips through and the step is applied, poisoning the weights.',
      zh: '',
    },
    edits: [
      [
        '      if (!Number.isFinite(g)) foundInf = true;',
        '      if (g === Number.POSITIVE_INFINITY || g === Number.NEGATIVE_INFINITY) foundInf = true;',
      ],
    ],
  },
  {
    id: 'fp16-nan-payload-dropped',
    hint: {
      en: 'fp16 NaN keeps only the top 10 payload bits (mantissa >>> 13) with no care for what is lost: a float32 NaN whose payload is in the low bits (0x7F800001) becomes mantissa 0, i.e. fp16 +Infinity.',
      zh: '',
    },
    why: {
      en: 'fp16 NaN keeps only the top 10 payload bits (mantissa >>> 13) with no care for what is lost: a float32 NaN whose payload is in the low bits (0x7F800001) becomes mantissa 0, i.e. fp16 +Infinity.',
      zh: '',
    },
    edits: [
      [
        '  if (exponent === 0xff) return sign | 0x7c00 | (mantissa === 0 ? 0 : 0x200); // ±Infinity, quiet NaN',
        '  if (exponent === 0xff) return sign | 0x7c00 | (mantissa >>> 13);',
      ],
    ],
  },
  {
    id: 'grows-to-infinity',
    hint: {
      en: "applies every growth without PyTorch's isfinite check, so a scale that grows past the largest double becomes Infinity and every later unscale gives zeros (1/Infinity).",
      zh: '',
    },
    why: {
      en: "applies every growth without PyTorch's isfinite check, so a scale that grows past the largest double becomes Infinity and every later unscale gives zeros (1/Infinity).",
      zh: '',
    },
    edits: [
      [
        '      const grown = this.#scale * this.#growthFactor;\n      if (Number.isFinite(grown)) this.#scale = grown;',
        '      this.#scale *= this.#growthFactor;',
      ],
    ],
  },
  {
    id: 'keras-default-scale',
    hint: {
      en: "uses Keras' LossScaleOptimizer default initial scale 2**15 instead of PyTorch GradScaler's 2**16 (the growth interval 2000 and factors agree, which makes the mix-up easy).",
      zh: '',
    },
    why: {
      en: "uses Keras' LossScaleOptimizer default initial scale 2**15 instead of PyTorch GradScaler's 2**16 (the growth interval 2000 and factors agree, which makes the mix-up easy).",
      zh: '',
    },
    edits: [
      [
        '    const { initScale = 2 ** 16, growthFactor = 2, backoffFactor = 0.5, growthInterval = 2000 } = o;',
        '    const { initScale = 2 ** 15, growthFactor = 2, backoffFactor = 0.5, growthInterval = 2000 } = o;',
      ],
    ],
  },
  {
    id: 'loses-negative-zero',
    hint: {
      en: "returns +0 for every zero (an early 'if (x === 0) return 0', true for -0 too): -0 → 0x0000 instead of 0x8000, and tiny negatives lose their sign when they round to zero.",
      zh: '',
    },
    why: {
      en: "returns +0 for every zero (an early 'if (x === 0) return 0', true for -0 too): -0 → 0x0000 instead of 0x8000, and tiny negatives lose their sign when they round to zero.",
      zh: '',
    },
    edits: [
      [
        'function fp16FromFloat32Bits(b: number): number {',
        'function fp16FromFloat32Bits(b: number): number {\n  if ((b & 0x7fffffff) === 0) return 0;',
      ],
      [
        '    if (shift > 24) return sign; // below 2^-25 (float32 subnormals included): rounds to ±0',
        '    if (shift > 24) return 0;',
      ],
      [
        'function bf16FromFloat32Bits(b: number): number {',
        'function bf16FromFloat32Bits(b: number): number {\n  if ((b & 0x7fffffff) === 0) return 0;',
      ],
    ],
  },
  {
    id: 'naive-bf16-nan',
    hint: {
      en: 'bf16 by the popular (bits + 0x7FFF + lsb) >>> 16 trick with no NaN check: a NaN whose payload sits in the low bits carries into the exponent, so 0x7F800001 becomes 0x7F80 = +Infinity (and 0x7FFFFFFF wraps to 0x8000 = -0).',
      zh: '',
    },
    why: {
      en: 'bf16 by the popular (bits + 0x7FFF + lsb) >>> 16 trick with no NaN check: a NaN whose payload sits in the low bits carries into the exponent, so 0x7F800001 becomes 0x7F80 = +Infinity (and 0x7FFFFFFF wraps to 0x8000 = -0).',
      zh: '',
    },
    edits: [
      [
        '  if ((b & 0x7fffffff) > 0x7f800000) return ((b >>> 16) & 0x8000) | 0x7fc0; // NaN: quiet, never Infinity\n  return shiftRoundEven(b, 16) & 0xffff; // >>> keeps b unsigned; a carry from 0x7f7f gives 0x7f80 = Infinity',
        '  // (no NaN check)\n  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;',
      ],
    ],
  },
  {
    id: 'overflow-before-rounding',
    hint: {
      en: 'tests for overflow before rounding (|x| > 65504 → Infinity): 65505 … 65519.99 become Infinity, though they round to 65504; only |x| >= 65520 overflows.',
      zh: '',
    },
    why: {
      en: 'tests for overflow before rounding (|x| > 65504 → Infinity): 65505 … 65519.99 become Infinity, though they round to 65504; only |x| >= 65520 overflows.',
      zh: '',
    },
    edits: [
      [
        '  if (e >= 0x1f) return sign | 0x7c00; // |x| >= 2^16: overflow',
        '  if (e >= 0x1f || (b & 0x7fffffff) > 0x477fe000) return sign | 0x7c00; // > 65504',
      ],
    ],
  },
  {
    id: 'round-half-up',
    hint: {
      en: 'rounds half away from zero (add half a unit, then truncate), the schoolbook rule: bf16 1 + 2^-8 gives 1.0078125 and fp16 1 + 2^-11 gives 1.0009765625 instead of the even neighbour 1.',
      zh: '',
    },
    why: {
      en: 'rounds half away from zero (add half a unit, then truncate), the schoolbook rule: bf16 1 + 2^-8 gives 1.0078125 and fp16 1 + 2^-11 gives 1.0009765625 instead of the even neighbour 1.',
      zh: '',
    },
    file: 'zoo/round-half-up.ts',
  },
  {
    id: 'rounds-float64-directly',
    hint: {
      en: 'fp16Bits / bf16Bits round the float64 argument straight to 16 bits, skipping Math.fround: 1 + 2^-11 + 2^-40 lands just above the tie and gives 0x3C01, but its float32 1 + 2^-11 is a tie that goes to 0x3C00 (double rounding is part of the contract).',
      zh: '',
    },
    why: {
      en: 'fp16Bits / bf16Bits round the float64 argument straight to 16 bits, skipping Math.fround: 1 + 2^-11 + 2^-40 lands just above the tie and gives 0x3C01, but its float32 1 + 2^-11 is a tie that goes to 0x3C00 (double rounding is part of the contract).',
      zh: '',
    },
    file: 'zoo/rounds-float64-directly.ts',
  },
  {
    id: 'saturates-at-65504',
    hint: {
      en: "fp16 overflow saturates at ±65504, like a saturating cast (TensorRT, some numpy/ONNX converters clip first): 65520 and 1e6 give 65504 instead of IEEE's ±Infinity, which hides an overflow the loss scaler must see.",
      zh: '',
    },
    why: {
      en: "fp16 overflow saturates at ±65504, like a saturating cast (TensorRT, some numpy/ONNX converters clip first): 65520 and 1e6 give 65504 instead of IEEE's ±Infinity, which hides an overflow the loss scaler must see.",
      zh: '',
    },
    edits: [
      [
        '  if (e >= 0x1f) return sign | 0x7c00; // |x| >= 2^16: overflow',
        '  if (e >= 0x1f) return sign | 0x7bff; // saturate',
      ],
      [
        '  return sign | ((e << 10) + shiftRoundEven(mantissa, 13)); // a carry may reach 0x7c00 = Infinity',
        '  return sign | Math.min((e << 10) + shiftRoundEven(mantissa, 13), 0x7bff);',
      ],
    ],
  },
  {
    id: 'tracker-not-reset-on-overflow',
    hint: {
      en: 'an overflow backs the scale off but does not reset the clean-step counter, so clean steps before the overflow still count toward the next growth (PyTorch sets growth_tracker = 0).',
      zh: '',
    },
    why: {
      en: 'an overflow backs the scale off but does not reset the clean-step counter, so clean steps before the overflow still count toward the next growth (PyTorch sets growth_tracker = 0).',
      zh: '',
    },
    edits: [
      [
        '      this.#scale *= this.#backoffFactor;\n      this.#cleanSteps = 0;',
        '      this.#scale *= this.#backoffFactor;',
      ],
    ],
  },
  {
    id: 'truncates',
    hint: {
      en: 'rounds by truncation (drops the extra mantissa bits, i.e. rounds toward zero), the first bit trick everyone writes: bf16 0.1 gives 0.099609375 instead of 0.10009765625, and 65519 in fp16 still comes out 65504 so overflow tests alone miss it.',
      zh: '',
    },
    why: {
      en: 'rounds by truncation (drops the extra mantissa bits, i.e. rounds toward zero), the first bit trick everyone writes: bf16 0.1 gives 0.099609375 instead of 0.10009765625, and 65519 in fp16 still comes out 65504 so overflow tests alone miss it.',
      zh: '',
    },
    file: 'zoo/truncates.ts',
  },
  {
    id: 'unscale-in-place',
    hint: {
      en: "unscale writes the unscaled gradients back into its input and returns that same array (as PyTorch's in-place unscale_ does), but the spec asks for a new array and an untouched input.",
      zh: '',
    },
    why: {
      en: "unscale writes the unscaled gradients back into its input and returns that same array (as PyTorch's in-place unscale_ does), but the spec asks for a new array and an untouched input.",
      zh: '',
    },
    edits: [['    const out = new Float32Array(grads.length);', '    const out = grads;']],
  },
  {
    id: 'unscale-multiplies-by-scale',
    hint: {
      en: 'unscale multiplies the gradients by the scale again instead of by 1/scale (the backward pass already multiplied them), so they come out scale² too large.',
      zh: '',
    },
    why: {
      en: 'unscale multiplies the gradients by the scale again instead of by 1/scale (the backward pass already multiplied them), so they come out scale² too large.',
      zh: '',
    },
    file: 'zoo/unscale-multiplies-by-scale.ts',
  },
]);
