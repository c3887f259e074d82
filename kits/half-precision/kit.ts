import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'half-precision',
  title: {
    en: 'fp16, bf16 and dynamic loss scaling',
    zh: 'fp16、bf16 与动态损失缩放',
  },
  minutes: 20,
  difficulty: 'hard',
  kind: 'algorithm',
  tags: ['numerics', 'mixed-precision', 'bit-manipulation', 'training'],
  seed: [82],
  hints: [
    {
      en: 'Read the float32 bits with a DataView (or Uint32Array over the same buffer). bf16 is the top 16 bits, rounded to nearest with ties to even; handle NaN before rounding so it never becomes Infinity.',
      zh: '用 DataView（或共享缓冲区的 Uint32Array）读取 float32 的位。bf16 取高 16 位，按就近舍入、平局取偶；在舍入之前先处理 NaN，避免它变成 Infinity。',
    },
    {
      en: 'fp16: 5 exponent bits (bias 15), 10 mantissa bits. Values ≥ 65520 round to Infinity (IEEE, no saturation); below 2⁻¹⁴ keep subnormals, rounding to multiples of 2⁻²⁴ with ties to even.',
      zh: 'fp16：5 位指数（偏置 15）、10 位尾数。≥ 65520 的值舍入为 Infinity（IEEE，不饱和）；小于 2⁻¹⁴ 时保留次正规数，按 2⁻²⁴ 的倍数舍入，平局取偶。',
    },
    {
      en: 'Scaler: on a non-finite gradient multiply the scale by backoff, reset the clean-step counter and skip the step; otherwise count the step and grow the scale after growthInterval clean steps in a row. unscale multiplies by 1/scale in float32 and returns a new array.',
      zh: '缩放器：出现非有限梯度时，scale 乘以 backoff，清空连续正常步计数并跳过该步；否则计数加一，连续 growthInterval 步正常后放大 scale。unscale 在 float32 中乘以 1/scale，并返回新数组。',
    },
  ],
});
