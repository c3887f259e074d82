import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'quantization',
  title: {
    en: 'Quantization: int8 absmax, zero-point, NF4 and block-scaled fp8',
    zh: '量化：int8 absmax、零点、NF4 与分块缩放的 fp8',
  },
  minutes: 25,
  difficulty: 'hard',
  kind: 'algorithm',
  tags: ['numerics', 'quantization', 'bit-manipulation', 'inference'],
  seed: [13, 69, 82],
  hints: [
    {
      en: 'Write roundHalfEven once (Math.round, then pull an odd result of an exact .5 back by one) and use it everywhere. A group of zeros gets scale 1 before you divide.',
      zh: '先写一个 roundHalfEven（Math.round 之后，若恰为 .5 且结果为奇数就退回一），处处复用。全零的组在做除法之前就取 scale 1。',
    },
    {
      en: 'int8: scale = absmax / 127, q = clamp(round(x / scale), ±127). Zero-point: widen [min, max] to include 0, scale = range / 255, zp = −round(min / scale), clamp q to 0..255. NF4: per block of 64, count the midpoints (L[i] + L[i+1]) / 2 below x / absmax.',
      zh: 'int8：scale = absmax / 127，q = clamp(round(x / scale), ±127)。零点：把 [min, max] 扩展到包含 0，scale = 范围 / 255，zp = −round(min / scale)，q 钳到 0..255。NF4：每 64 个一块，数 x / absmax 之下的中点 (L[i] + L[i+1]) / 2 个数。',
    },
    {
      en: 'fp8 e4m3fn: saturate |x| ≥ 448 to 0x7E; below 2^-6 the byte is round(|x| · 2^9); otherwise find e with 2^e ≤ |x| < 2^(e+1), m = round(|x| / 2^e · 8) − 8 and byte ((e + 7) << 3) + m (m = 8 carries into the exponent by itself). Block scale = amax / 448.',
      zh: 'fp8 e4m3fn：|x| ≥ 448 饱和为 0x7E；小于 2^-6 时字节为 round(|x| · 2^9)；否则找到 2^e ≤ |x| < 2^(e+1)，m = round(|x| / 2^e · 8) − 8，字节为 ((e + 7) << 3) + m（m = 8 会自动进位到指数）。分块 scale = amax / 448。',
    },
  ],
});
