import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'counts-skipped-steps',
    hint: {
      en: 'Replay interval 2 with inf flags [F, T, F]: should the scale grow on the third step?',
      zh: '用 interval 2 回放溢出标记 [F, T, F]：第三步时 scale 应该增长吗？',
    },
    why: {
      en: 'Grows the scale every growthInterval steps since the last growth, skipped steps included: the counter is bumped before foundInf is looked at and an overflow does not reset it. GradScaler grows only after growthInterval clean steps in a row, so with interval 2, [F, T, F] backs off and must not grow right after.',
      zh: '每隔 growthInterval 步（从上次增长算起，跳过的步也算）就增长一次：在看 foundInf 之前就给计数器加一，溢出也不清零。GradScaler 只在连续 growthInterval 个正常步之后才增长，所以 interval 为 2 时，[F, T, F] 回退之后不能紧接着增长。',
    },
    edits: [
      [
        "    if (typeof foundInf !== 'boolean') {\n      throw new TypeError(`update: foundInf must be a boolean, got ${typeof foundInf}`);\n    }\n    if (foundInf) {\n      this.#scale *= this.#backoffFactor;\n      this.#cleanSteps = 0;\n      return { skipped: true };\n    }\n    this.#cleanSteps += 1;\n    if (this.#cleanSteps === this.#growthInterval) {",
        "    if (typeof foundInf !== 'boolean') {\n      throw new TypeError(`update: foundInf must be a boolean, got ${typeof foundInf}`);\n    }\n    this.#cleanSteps += 1;\n    if (foundInf) {\n      this.#scale *= this.#backoffFactor;\n      return { skipped: true };\n    }\n    if (this.#cleanSteps >= this.#growthInterval) {",
      ],
    ],
  },
  {
    id: 'divides-by-scale',
    hint: {
      en: 'Unscale by a scale that is not a power of two, such as 3, and compare the last bit of every result.',
      zh: '用不是 2 的幂的 scale（比如 3）做 unscale，逐个比较结果的最后一位。',
    },
    why: {
      en: "Divides each gradient by the scale in float64 instead of multiplying by the float32 reciprocal fround(1/scale), as PyTorch's inv_scale does. The two agree for powers of two, but with scale 3 some results differ in the last float32 bit.",
      zh: '在 float64 中用每个梯度除以 scale，而不是像 PyTorch 的 inv_scale 那样乘以 float32 的倒数 fround(1/scale)。scale 为 2 的幂时两者一致，但 scale 为 3 时有些结果在 float32 的最后一位上不同。',
    },
    edits: [
      [
        '      out[i] = g * inv; // the float64 product of two float32 values is exact; the store rounds once',
        '      out[i] = g / this.#scale;',
      ],
    ],
  },
  {
    id: 'flushes-subnormals',
    hint: {
      en: 'What does fp16 give for 1e-5, which is below the least normal 2^-14?',
      zh: '1e-5 小于最小正规数 2^-14，fp16 会给出什么？',
    },
    why: {
      en: 'Flushes fp16 subnormals to ±0 (everything below 2^-14), as hardware FTZ/DAZ modes do: 1e-5 gives 0 instead of 1.0013580322265625e-5 (0x00A8), losing exactly the small gradients loss scaling is there to keep.',
      zh: '把 fp16 次正规数清零为 ±0（所有小于 2^-14 的值），就像硬件的 FTZ/DAZ 模式：1e-5 得到 0 而不是 1.0013580322265625e-5（0x00A8），丢掉的恰恰是损失缩放要保住的小梯度。',
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
      en: 'Unscale a gradient list that holds a NaN. Is the step skipped?',
      zh: 'unscale 一个含 NaN 的梯度列表，这一步会被跳过吗？',
    },
    why: {
      en: 'foundInf only looks for ±Infinity (g === Infinity || g === -Infinity). A NaN gradient, from 0 · Infinity or Infinity − Infinity in the backward pass, slips through, and the optimizer step applies it and poisons the weights.',
      zh: 'foundInf 只检查 ±Infinity（g === Infinity || g === -Infinity）。反向传播中 0 · Infinity 或 Infinity − Infinity 产生的 NaN 梯度漏了过去，优化器照样更新，权重被污染。',
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
      en: 'Convert the float32 NaN with bits 0x7F800001 to fp16. Is it still a NaN?',
      zh: '把位模式为 0x7F800001 的 float32 NaN 转成 fp16，它还是 NaN 吗？',
    },
    why: {
      en: 'Keeps only the top 10 payload bits of a NaN (mantissa >>> 13) with no care for what is lost: a float32 NaN whose payload sits in the low bits (0x7F800001) gets mantissa 0, which is the fp16 pattern of +Infinity.',
      zh: 'NaN 只保留载荷的高 10 位（mantissa >>> 13），不管丢掉了什么：载荷在低位的 float32 NaN（0x7F800001）尾数变成 0，而这正是 fp16 中 +Infinity 的位模式。',
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
      en: 'Start at initScale 1e300 with growthFactor 1e10 and interval 1. What is the scale after one clean step?',
      zh: '从 initScale 1e300、growthFactor 1e10、interval 1 开始，一个正常步之后 scale 是多少？',
    },
    why: {
      en: "Applies every growth without PyTorch's isfinite check, so a scale that grows past the largest double becomes Infinity, and every later unscale multiplies by 1/Infinity = 0: all gradients vanish.",
      zh: '每次增长都不做 PyTorch 那样的 isfinite 检查，scale 一旦超过最大的 double 就变成 Infinity，之后每次 unscale 都乘以 1/Infinity = 0：梯度全部消失。',
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
      en: 'What is new DynamicLossScaler().scale?',
      zh: 'new DynamicLossScaler().scale 是多少？',
    },
    why: {
      en: "Uses Keras' LossScaleOptimizer default initial scale 2**15 instead of PyTorch GradScaler's 2**16. The growth interval 2000 and the factors 2 and 0.5 agree, which makes the mix-up easy.",
      zh: '用了 Keras LossScaleOptimizer 的默认初始 scale 2**15，而不是 PyTorch GradScaler 的 2**16。两者的增长间隔 2000 以及因子 2 和 0.5 都一样，所以很容易混淆。',
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
      en: 'What are fp16Bits(-0) and bf16Bits(-1e-40)?',
      zh: 'fp16Bits(-0) 和 bf16Bits(-1e-40) 分别是多少？',
    },
    why: {
      en: "Returns +0 for every zero (an early 'if (x === 0) return 0', which is true for -0 too): -0 gives 0x0000 instead of 0x8000, and tiny negatives that round to zero lose their sign, so r(−x) = −r(x) fails at zero.",
      zh: "所有零都返回 +0（提前写了 'if (x === 0) return 0'，而它对 -0 也成立）：-0 得到 0x0000 而不是 0x8000，舍入为零的极小负数也丢掉了符号，于是 r(−x) = −r(x) 在零处不成立。",
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
      en: 'Convert the float32 NaN with bits 0x7F800001 to bf16.',
      zh: '把位模式为 0x7F800001 的 float32 NaN 转成 bf16。',
    },
    why: {
      en: 'Rounds bf16 with the popular (bits + 0x7FFF + lsb) >>> 16 trick and no NaN check: a NaN whose payload sits in the low bits carries into the exponent, so 0x7F800001 becomes 0x7F80 = +Infinity (and 0x7FFFFFFF wraps to 0x8000 = -0).',
      zh: '用流行的 (bits + 0x7FFF + lsb) >>> 16 技巧舍入 bf16，却不先判断 NaN：载荷在低位的 NaN 会进位到指数，于是 0x7F800001 变成 0x7F80 = +Infinity（0x7FFFFFFF 则回绕成 0x8000 = -0）。',
    },
    edits: [
      [
        '  if ((b & 0x7fffffff) > 0x7f800000) return ((b >>> 16) & 0x8000) | 0x7fc0; // NaN: quiet, never Infinity\n  return shiftRoundEven(b, 16) & 0xffff; // >>> keeps b unsigned; a carry from 0x7f7f gives 0x7f80 = Infinity',
        '  return ((b + 0x7fff + ((b >>> 16) & 1)) >>> 16) & 0xffff;',
      ],
    ],
  },
  {
    id: 'overflow-before-rounding',
    hint: {
      en: 'Convert 65510 to fp16. It is above 65504, but is it above the overflow threshold?',
      zh: '把 65510 转成 fp16。它大于 65504，但超过溢出阈值了吗？',
    },
    why: {
      en: 'Tests for overflow before rounding (|x| > 65504 → Infinity): 65505 … 65519.99 become Infinity although they round to 65504; only |x| >= 65520, halfway to 2^16, overflows.',
      zh: '在舍入之前判断溢出（|x| > 65504 → Infinity）：65505 … 65519.99 变成了 Infinity，而它们本应舍入为 65504；只有 |x| >= 65520（到 2^16 的中点）才溢出。',
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
      en: 'Where does 1 + 2^-11, exactly halfway between two fp16 values, go?',
      zh: '1 + 2^-11 恰好在两个 fp16 值的正中间，它会舍入到哪里？',
    },
    why: {
      en: 'Rounds half away from zero (add half a unit, then truncate), the schoolbook rule: an exact tie always goes up, so bf16 of 1 + 2^-8 gives 1.0078125 and fp16 of 1 + 2^-11 gives 1.0009765625 instead of the even neighbour 1.',
      zh: '按四舍五入（加半个单位再截断）的课本规则舍入：恰好的平局总是向上，于是 bf16 的 1 + 2^-8 得到 1.0078125，fp16 的 1 + 2^-11 得到 1.0009765625，而不是偶数邻居 1。',
    },
    edits: [
      [
        '  return dropped > half || (dropped === half && (kept & 1) === 1) ? kept + 1 : kept;',
        '  return dropped >= half ? kept + 1 : kept;',
      ],
    ],
  },
  {
    id: 'rounds-float64-directly',
    base: 'alt-arithmetic',
    hint: {
      en: 'Call fp16Bits(1 + 2^-11 + 2^-40): which float32 is that, and where does it round?',
      zh: '调用 fp16Bits(1 + 2^-11 + 2^-40)：它对应哪个 float32，又该舍入到哪里？',
    },
    why: {
      en: 'fp16Bits and bf16Bits round the float64 argument straight to 16 bits, skipping Math.fround. 1 + 2^-11 + 2^-40 lies just above the tie and gives 0x3C01, but its float32 is 1 + 2^-11, a tie that goes to 0x3C00: the contract is a float32 input rounded twice.',
      zh: 'fp16Bits 和 bf16Bits 把 float64 参数直接舍入到 16 位，跳过了 Math.fround。1 + 2^-11 + 2^-40 略高于平局点，得到 0x3C01；但它的 float32 是 1 + 2^-11，这是平局，应得到 0x3C00：契约规定输入先舍入为 float32，再舍入一次。',
    },
    edits: [
      [
        "  return roundBits(Math.fround(numberArgument('fp16Bits', x)), FP16);",
        "  return roundBits(numberArgument('fp16Bits', x), FP16);",
      ],
      [
        "  return roundBits(Math.fround(numberArgument('bf16Bits', x)), BF16);",
        "  return roundBits(numberArgument('bf16Bits', x), BF16);",
      ],
    ],
  },
  {
    id: 'saturates-at-65504',
    hint: {
      en: 'What does fp16 give for 65520 and for 1e6?',
      zh: 'fp16 对 65520 和 1e6 给出什么？',
    },
    why: {
      en: "Saturates fp16 overflow at ±65504, as a saturating cast does (TensorRT, 'clip then astype' recipes): 65520 and 1e6 give 65504 instead of IEEE's ±Infinity, which hides exactly the overflow the loss scaler must see.",
      zh: 'fp16 溢出时饱和到 ±65504，就像饱和转换那样（TensorRT、“先 clip 再 astype”的做法）：65520 和 1e6 得到 65504，而不是 IEEE 的 ±Infinity，恰好掩盖了损失缩放器需要发现的溢出。',
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
      en: 'Replay interval 3 with inf flags [F, F, T, F]: when may the scale grow next?',
      zh: '用 interval 3 回放溢出标记 [F, F, T, F]：scale 下一次最早什么时候能增长？',
    },
    why: {
      en: 'An overflow backs the scale off but does not reset the clean-step counter, so clean steps before the overflow still count toward the next growth: with interval 3, [F, F, T, F] grows on the fourth step. PyTorch sets growth_tracker = 0 on every overflow.',
      zh: '溢出时 scale 回退了，但连续正常步计数没有清零，溢出之前的正常步仍计入下一次增长：interval 为 3 时，[F, F, T, F] 在第四步就增长了。PyTorch 每次溢出都把 growth_tracker 置 0。',
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
      en: 'Compare bf16 of 0.1 with the nearest bf16 value: which way did it go?',
      zh: '把 0.1 的 bf16 结果和最近的 bf16 值比较：它往哪个方向舍入了？',
    },
    why: {
      en: 'Rounds by truncation (drops the extra mantissa bits, i.e. rounds toward zero), the first bit trick everyone writes: bf16 of 0.1 gives 0.099609375 instead of 0.10009765625, and 65519 in fp16 still comes out 65504, so overflow tests alone miss it.',
      zh: '用截断（直接丢掉多余的尾数位，即向零舍入）来舍入，这是大家最先写出的位技巧：0.1 的 bf16 得到 0.099609375 而不是 0.10009765625；fp16 中 65519 仍得到 65504，所以只测溢出发现不了。',
    },
    edits: [['  return dropped > half || (dropped === half && (kept & 1) === 1) ? kept + 1 : kept;', '  return kept;']],
  },
  {
    id: 'unscale-in-place',
    hint: {
      en: 'Look at the gradients you passed to unscale after it returns.',
      zh: 'unscale 返回之后，看看你传进去的梯度数组。',
    },
    why: {
      en: "Writes the unscaled gradients back into its input and returns that same array, as PyTorch's in-place unscale_ does; the prompt asks for a new array and an untouched input.",
      zh: '把 unscale 后的梯度写回输入数组并返回同一个数组（PyTorch 原地操作的 unscale_ 就是这样）；而题目要求返回新数组、不修改输入。',
    },
    edits: [['    const out = new Float32Array(grads.length);', '    const out = grads;']],
  },
  {
    id: 'unscale-multiplies-by-scale',
    hint: {
      en: 'Unscale [65536] at the default scale: should it give 1?',
      zh: '在默认 scale 下 unscale [65536]：结果应该是 1 吗？',
    },
    why: {
      en: 'Multiplies the gradients by the scale again instead of by 1/scale. The backward pass already multiplied them once, so they come out scale² too large: 65536 at scale 2^16 gives 2^32 instead of 1.',
      zh: '又把梯度乘了一次 scale，而不是乘以 1/scale。反向传播已经乘过一次了，于是结果大了 scale² 倍：scale 为 2^16 时 65536 得到 2^32 而不是 1。',
    },
    edits: [
      [
        '      out[i] = g * inv; // the float64 product of two float32 values is exact; the store rounds once',
        '      out[i] = g * this.#scale;',
      ],
    ],
  },
  {
    id: 'accepts-plain-arrays',
    hint: {
      en: 'Call toFp16([0.1, 0.5]) with a plain array.',
      zh: '用普通数组调用 toFp16([0.1, 0.5])。',
    },
    why: {
      en: 'Never checks that x is a Float32Array and reads its float32 bits through x.buffer: a number[] has no buffer (every result is garbage from an empty view), and a Float64Array is read as the halves of doubles. Silent nonsense where the prompt asks for a TypeError.',
      zh: '不检查 x 是否为 Float32Array，就通过 x.buffer 读取 float32 位：number[] 没有 buffer（结果全来自一个空视图，毫无意义），Float64Array 则被当成 double 的两半来读。题目要求抛 TypeError 的地方给出了无声的垃圾结果。',
    },
    edits: [
      ["  checkedArray('toFp16: x', x);\n", ''],
      ["  checkedArray('toBf16: x', x);\n", ''],
    ],
  },
  {
    id: 'string-options-coerced',
    hint: {
      en: "Construct the scaler with { backoffFactor: '0.5' }.",
      zh: "用 { backoffFactor: '0.5' } 构造缩放器。",
    },
    why: {
      en: "Checks the ranges of the options but not their types: comparisons coerce, so { backoffFactor: '0.5' } passes '0.5' > 0 && '0.5' < 1 and is kept as a string, and a config file's { growthFactor: '2' } is treated like a number (or hits a RangeError), where the prompt asks for a TypeError.",
      zh: "只检查选项的范围，不检查类型：比较运算会隐式转换，于是 { backoffFactor: '0.5' } 通过了 '0.5' > 0 && '0.5' < 1，以字符串的形式被保留下来；配置文件里的 { growthFactor: '2' } 也被当成数字（或者撞上 RangeError），而题目要求抛出 TypeError。",
    },
    edits: [
      [
        "    for (const name of OPTION_NAMES) {\n      const value: unknown = o[name];\n      if (value !== undefined && typeof value !== 'number') {\n        throw new TypeError(`${name} must be a number, got ${typeof value} ${String(value)}`);\n      }\n    }\n",
        '',
      ],
    ],
  },
  {
    id: 'fractional-interval-accepted',
    hint: {
      en: 'Construct the scaler with { growthInterval: 2.5 }.',
      zh: '用 { growthInterval: 2.5 } 构造缩放器。',
    },
    why: {
      en: 'Checks growthInterval >= 1 but not that it is an integer: with 2.5 the count of clean steps (1, 2, 3, …) never equals the interval, so the scale silently never grows, where the prompt asks for a RangeError.',
      zh: '只检查 growthInterval >= 1，不检查它是不是整数：取 2.5 时连续正常步计数（1、2、3……）永远不会等于它，scale 就静默地永远不再增长，而题目要求抛出 RangeError。',
    },
    edits: [
      ['    if (!(Number.isInteger(growthInterval) && growthInterval >= 1)) {', '    if (!(growthInterval >= 1)) {'],
    ],
  },
  {
    id: 'update-coerces-flag',
    hint: {
      en: "Call update('false') or update(0).",
      zh: "调用 update('false') 或 update(0)。",
    },
    why: {
      en: "Tests foundInf by truthiness without checking it is a boolean: update('false') (a flag read from a log or an environment variable) counts as an overflow and skips a clean step, and update(0) counts as clean, where the prompt asks for a TypeError.",
      zh: "按真假值判断 foundInf，不检查它是否为布尔值：update('false')（从日志或环境变量读来的标记）被当成溢出，跳过了一个正常步；update(0) 则被当成正常步。题目要求的是抛出 TypeError。",
    },
    edits: [
      [
        "    // A truthy 'false' or 1 would skip a clean step (or count an overflow) without a word.\n    if (typeof foundInf !== 'boolean') {\n      throw new TypeError(`update: foundInf must be a boolean, got ${typeof foundInf}`);\n    }\n",
        '',
      ],
    ],
  },
  {
    id: 'rounds-in-place',
    hint: {
      en: 'Look at the array you passed to toFp16 after it returns.',
      zh: 'toFp16 返回之后，看看你传进去的数组。',
    },
    why: {
      en: 'Writes the rounded values back into the input and returns it, to save an allocation: the values are right, but the caller’s float32 weights are destroyed, where the prompt asks for a new array and an untouched input (a master copy in float32 is the whole point of mixed precision).',
      zh: '为了省一次分配，把舍入结果写回输入并返回它：数值是对的，但调用方的 float32 权重被毁掉了，而题目要求返回新数组、不修改输入（混合精度训练的意义正在于保留一份 float32 主副本）。',
    },
    edits: [
      [
        '  const out = new Float32Array(x.length);\n  for (let i = 0; i < x.length; i++) out[i] = fp16Value',
        '  const out = x;\n  for (let i = 0; i < x.length; i++) out[i] = fp16Value',
      ],
    ],
  },
  {
    id: 'ignores-byte-offset',
    hint: {
      en: 'Round a subarray that does not start at the beginning of its buffer.',
      zh: '对一个不从缓冲区开头开始的 subarray 做舍入。',
    },
    why: {
      en: 'Reads the float32 bits with new Uint32Array(x.buffer), forgetting x.byteOffset: for a view such as whole.subarray(2, 4) it rounds the first elements of the whole buffer instead of its own, a silent wrong answer for every tensor slice.',
      zh: '用 new Uint32Array(x.buffer) 读取 float32 位，忘了 x.byteOffset：对 whole.subarray(2, 4) 这样的视图，它舍入的是整个缓冲区开头的元素而不是视图自己的元素，对每个张量切片都会静默出错。',
    },
    edits: [
      [
        "  checkedArray('toFp16: x', x);\n  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);",
        "  checkedArray('toFp16: x', x);\n  const bits = new Uint32Array(x.buffer);",
      ],
      [
        "  checkedArray('toBf16: x', x);\n  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);",
        "  checkedArray('toBf16: x', x);\n  const bits = new Uint32Array(x.buffer);",
      ],
    ],
  },
]);
