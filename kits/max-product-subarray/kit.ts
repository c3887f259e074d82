import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'max-product-subarray',
  title: {
    en: 'Maximum product subarray',
    zh: '乘积最大子数组',
  },
  minutes: 10,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['dynamic-programming', 'greedy', 'array'],
  seed: [87],
  hints: [
    {
      en: 'A negative number turns the smallest product into the largest. Track both.',
      zh: '一个负数会让最小乘积变成最大乘积，所以最大值和最小值都要记录。',
    },
    {
      en: 'At each index the best product ending here is max(x, x·maxPrev, x·minPrev); the worst is the min of the same three.',
      zh: '以当前位置结尾的最大乘积是 max(x, x·maxPrev, x·minPrev)，最小乘积是这三者的最小值。',
    },
    {
      en: 'Zero resets both. Start from nums[0], not from 0 or 1, or [-2] answers wrongly. Empty input throws RangeError; return +0, never -0.',
      zh: '遇到 0 两者都重置。从 nums[0] 开始而不是从 0 或 1，否则 [-2] 会答错。空数组抛 RangeError；结果 0 必须是 +0 而非 -0。',
    },
  ],
});
