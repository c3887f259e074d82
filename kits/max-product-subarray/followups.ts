import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why keep the smallest product as well as the largest?',
      zh: '为什么除了最大乘积，还要记录最小乘积？',
    },
    a: {
      en: 'A negative factor swaps them: the most negative product ending at i, times a negative x, is the largest product ending at i + 1. Kadane with the maximum alone answers 3 for [-2, 3, -4] instead of 24.',
      zh: '负数会把两者对调：以 i 结尾的最小（最负）乘积乘以负数 x，就是以 i + 1 结尾的最大乘积。只记录最大值的 Kadane 对 [-2, 3, -4] 给出 3 而不是 24。',
    },
  },
  {
    q: {
      en: 'For n = 2·10^4, how many subarrays does the brute force try, and how many steps does the one-pass scan take?',
      zh: 'n = 2·10^4 时，暴力法要试多少个子数组？一次扫描又要多少步？',
    },
    a: {
      en: 'n(n + 1)/2 = 200010000 subarrays (about 2·10^8), against n = 20000 steps for the scan: ten thousand times more work.',
      zh: 'n(n + 1)/2 = 200010000 个子数组（约 2·10^8），而扫描只要 n = 20000 步：工作量相差一万倍。',
    },
    numbers: [{ text: '200010000', equals: 200010000, compute: () => (20_000 * 20_001) / 2 }],
  },
  {
    q: {
      en: 'Can the products overflow? When would you switch to BigInt or logarithms?',
      zh: '乘积会溢出吗？什么时候该换成 BigInt 或者取对数？',
    },
    a: {
      en: 'With |nums[i]| ≤ 10 a product stays exact in a double while it is below 2^53 ≈ 9.007·10^15, i.e. at most 15 factors of 10. Past that, BigInt keeps it exact at O(digits) per multiply; summing log|x| (and counting signs) compares magnitudes but loses exactness, fine when only the position of the best subarray is wanted.',
      zh: '|nums[i]| ≤ 10 时，乘积只要小于 2^53 ≈ 9.007·10^15 就能在 double 中精确表示，也就是最多 15 个 10 相乘。再大就需要 BigInt（每次乘法 O(位数)）保持精确；对 log|x| 求和（另外统计符号）可以比较大小但失去精确性，只需要最优子数组的位置时可以这样做。',
    },
  },
  {
    q: {
      en: 'How does the prefix/suffix method work, and why is it correct?',
      zh: '前缀/后缀乘积的方法是怎么做的？为什么正确？',
    },
    a: {
      en: 'The best subarray has no zero (unless the answer is 0) and, inside its zero-free run, an even number of negatives; dropping everything before the first or after the last negative keeps it best, so it is a prefix or a suffix of the run. Scan prefix products from the left and suffix products from the right, restarting after each zero: two products per index, O(n).',
      zh: '最优子数组不含 0（除非答案就是 0），并且在它所在的无零区间里含有偶数个负数；去掉第一个负数之前或最后一个负数之后的部分仍然最优，所以它一定是该区间的前缀或后缀。从左算前缀乘积、从右算后缀乘积，遇到 0 重新开始：每个位置两个乘积，O(n)。',
    },
  },
]);
