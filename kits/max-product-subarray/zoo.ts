import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'brute-force',
    hint: {
      en: 'Right answers: count how often it reads nums[i] when n = 2·10^4.',
      zh: '答案都对：数一数 n = 2·10^4 时它读取 nums[i] 多少次。',
    },
    why: {
      en: 'Tries every subarray: O(n²) reads, about 2·10^8 for n = 2·10^4, where one O(n) pass suffices.',
      zh: '枚举所有子数组：O(n²) 次读取，n = 2·10^4 时约 2·10^8 次，而一次 O(n) 扫描就够了。',
    },
    file: 'zoo/brute-force.ts',
  },
  {
    id: 'copy-then-brute-force',
    hint: {
      en: 'Right answers, and it reads nums only once: count the work it does on its copy.',
      zh: '答案都对，而且只读一遍 nums：数一数它在副本上做了多少工作。',
    },
    why: {
      en: 'Copies nums once, then tries every subarray of the copy: the input is read n times, but the work is still O(n²).',
      zh: '先把 nums 复制一份，再枚举副本的所有子数组：输入只读了 n 次，但工作量仍是 O(n²)。',
    },
    file: 'zoo/copy-then-brute-force.ts',
  },
  {
    id: 'empty-returns-minus-infinity',
    hint: { en: 'What does it do with an empty array?', zh: '空数组时它做了什么？' },
    why: {
      en: 'Starts from best = -Infinity with high = low = 1 and never checks the length, so [] returns -Infinity instead of throwing RangeError.',
      zh: '从 best = -Infinity、high = low = 1 开始且不检查长度，于是 [] 返回 -Infinity，而不是抛出 RangeError。',
    },
    edits: [
      [
        "  if (nums.length === 0) {\n    throw new RangeError('nums must hold at least one element, got an empty array');\n  }\n",
        '',
      ],
      [
        '  const first = checked(nums, 0);\n  let best = first;\n  let high = first; // largest product of a subarray ending here\n  let low = first; // smallest product of a subarray ending here',
        '  let best = -Infinity;\n  let high = 1;\n  let low = 1;',
      ],
      ['for (let i = 1;', 'for (let i = 0;'],
    ],
  },
  {
    id: 'no-empty-check',
    hint: { en: 'What does it do with an empty array?', zh: '空数组时它做了什么？' },
    why: {
      en: 'Reads nums[0] without checking the length: for [] that is undefined, so the element check throws a TypeError where the contract asks for a RangeError.',
      zh: '不检查长度就读取 nums[0]：对 [] 它是 undefined，于是元素检查抛出 TypeError，而契约要求的是 RangeError。',
    },
    edits: [
      [
        "  if (nums.length === 0) {\n    throw new RangeError('nums must hold at least one element, got an empty array');\n  }\n",
        '',
      ],
    ],
  },
  {
    id: 'int32-overflow',
    hint: { en: 'Try a product larger than 2^31.', zh: '试试超过 2^31 的乘积。' },
    why: {
      en: 'Multiplies with Math.imul (a habit from C/Java int arithmetic), which wraps at 2^32: forty 2s give 0 instead of 2^40.',
      zh: '用 Math.imul 做乘法（C/Java 整数运算的习惯），它在 2^32 处回绕：四十个 2 得到 0 而不是 2^40。',
    },
    edits: [
      [
        '    const a = high * x;\n    const b = low * x;',
        '    const a = Math.imul(high, x);\n    const b = Math.imul(low, x);',
      ],
    ],
  },
  {
    id: 'max-only',
    hint: { en: 'What happens to a product after a second negative number?', zh: '遇到第二个负数后，乘积会怎样？' },
    why: {
      en: "Adapts Kadane's maximum-sum scan and tracks only the running maximum, forgetting that a negative factor turns the smallest product into the largest: [-2,3,-4] gives 3, not 24.",
      zh: '照搬 Kadane 最大子段和，只记录当前最大值，忘了负数会让最小乘积变成最大：[-2,3,-4] 得到 3 而不是 24。',
    },
    edits: [
      [
        '    const a = high * x;\n    const b = low * x;\n    high = Math.max(x, a, b);\n    low = Math.min(x, a, b);',
        '    high = Math.max(x, high * x);',
      ],
    ],
  },
  {
    id: 'no-element-check',
    hint: { en: "Try ['2', '3'] and [NaN, 2].", zh: "试试 ['2', '3'] 和 [NaN, 2]。" },
    why: {
      en: "Trusts the type annotation and never checks the elements: ['2','3'] is coerced to 6 and [NaN, 2] answers NaN, silent wrong answers where the contract asks for a TypeError and a RangeError.",
      zh: "相信类型标注，从不检查元素：['2','3'] 被隐式转换得到 6，[NaN, 2] 返回 NaN——契约要求抛出 TypeError 和 RangeError 的地方给出了无声的错误答案。",
    },
    edits: [
      [
        "  const x: unknown = nums[i];\n  if (typeof x !== 'number') throw new TypeError(`maxProduct: nums[${i}] must be a number, got ${typeof x}`);\n  if (!Number.isInteger(x)) throw new RangeError(`maxProduct: nums[${i}] must be a finite integer, got ${x}`);\n  return x;",
        '  return Number(nums[i]);',
      ],
    ],
  },
  {
    id: 'or-zero-coercion',
    hint: { en: 'Try a product larger than 2^31.', zh: '试试超过 2^31 的乘积。' },
    why: {
      en: 'Truncates each product with `| 0` (an "integer hint" from asm.js-style code), which keeps only the low 32 bits once a product passes 2^31.',
      zh: '用 `| 0` 截断每个乘积（asm.js 风格的“整数提示”），乘积超过 2^31 后只剩低 32 位。',
    },
    edits: [
      [
        '    const a = high * x;\n    const b = low * x;',
        '    const a = (high * x) | 0;\n    const b = (low * x) | 0;',
      ],
    ],
  },
  {
    id: 'prefix-negative-zero',
    base: 'alt-prefix-suffix',
    hint: { en: 'Look at the sign of a zero answer.', zh: '看看答案为 0 时它的符号。' },
    why: {
      en: 'The prefix/suffix scan keeps the first product it sees, and a negative prefix times 0 is -0: the answer -0 leaks out where the contract asks for +0.',
      zh: '前缀/后缀乘积扫描保留最先看到的乘积，而负的前缀乘以 0 得到 -0：契约要求 +0 的地方漏出了 -0。',
    },
    edits: [
      [
        '    best = Math.max(best, prefix, suffix);',
        '    if (prefix > best) best = prefix;\n    if (suffix > best) best = suffix;',
      ],
      ['  return best === 0 ? 0 : best; // a product through a zero can be -0', '  return best;'],
    ],
  },
  {
    id: 'prefix-no-reset-on-zero',
    base: 'alt-prefix-suffix',
    hint: {
      en: 'What do the running products hold after the scan passes a zero?',
      zh: '扫描经过 0 之后，累积乘积里还剩什么？',
    },
    why: {
      en: 'The prefix/suffix scan without restarting after a zero: once a product hits 0 it stays 0, so [2,0,3] answers 2 instead of 3 only by luck of the suffix, and [3,0,-2,-4] answers 3 instead of 8.',
      zh: '前缀/后缀扫描在遇到 0 后没有重新开始：乘积一旦为 0 就一直是 0，[3,0,-2,-4] 得到 3 而不是 8。',
    },
    edits: [['    if (prefix === 0) prefix = 1;\n    if (suffix === 0) suffix = 1;\n', '']],
  },
  {
    id: 'starts-from-zero',
    hint: { en: 'Try an array whose every product is negative.', zh: '试试所有乘积都为负的数组。' },
    why: {
      en: 'Initialises the best product to 0 instead of nums[0], as if the empty subarray were allowed: [-2] answers 0.',
      zh: '把最大乘积初始化为 0 而不是 nums[0]，仿佛允许空子数组：[-2] 得到 0。',
    },
    edits: [['  let best = first;', '  let best = 0;']],
  },
  {
    id: 'swap-without-temp',
    hint: { en: 'Which value of high does the new low use?', zh: '新的 low 用的是哪个 high？' },
    why: {
      en: 'Overwrites high before computing low, so low is built from the new high instead of the old one: [-1,-2,-3] returns 12, a product no subarray has, instead of 6.',
      zh: '先覆盖 high 再计算 low，于是 low 用的是新的 high 而不是旧的：[-1,-2,-3] 返回 12（没有任何子数组的乘积是 12），而不是 6。',
    },
    edits: [
      [
        '    const a = high * x;\n    const b = low * x;\n    high = Math.max(x, a, b);\n    low = Math.min(x, a, b);',
        '    high = Math.max(x, high * x, low * x);\n    low = Math.min(x, high * x, low * x);',
      ],
    ],
  },
]);
