import { defineZoo } from '../../src/kit/zoo.ts';

const START = '  let x = Math.max(a, 1);';
const CHECK_A =
  '  if (!Number.isFinite(a) || a < 0) throw new RangeError(`sqrtGD: a must be a finite number >= 0, got ${a}`);';
const OUT_OF_STEPS =
  '  throw new Error(\n    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,\n  );';

export default defineZoo([
  {
    id: 'absolute-tolerance',
    hint: {
      en: 'How accurate is the answer when the root itself is about 1e-6?',
      zh: '当平方根本身只有约 1e-6 时，答案有多准？',
    },
    why: {
      en: 'Stops when |Δx| <= 1e-9, an absolute change that copies the accuracy figure: for a = 1e-12 the root is 1e-6, so that allows a relative change of 1e-3 and the answer is far from 1e-9 relative accuracy. The change must be compared with x.',
      zh: '用 |Δx| <= 1e-9 判停，照搬了精度要求，却是绝对变化：a = 1e-12 时平方根是 1e-6，这相当于允许 1e-3 的相对变化，答案离 1e-9 的相对精度差得很远。变化量必须与 x 相比。',
    },
    edits: [
      ['tolerance = 1e-12,', 'tolerance = 1e-9,'],
      [
        '    if (Math.abs(next - x) <= tolerance * next) return next;',
        '    if (Math.abs(next - x) <= tolerance) return next;',
      ],
    ],
  },
  {
    id: 'captured-sqrt',
    hint: {
      en: 'Read the top of the file: which functions does it take from Math, and when?',
      zh: '看看文件开头：它从 Math 里取了哪些函数，在什么时候取的？',
    },
    why: {
      en: 'Destructures sqrt from Math when the module loads and starts from 1.5·sqrt(a): a spy installed at call time never sees the call, but the answer still comes from the forbidden built-in (the suite scans the source for this).',
      zh: '在模块加载时从 Math 解构出 sqrt，并从 1.5·sqrt(a) 出发：调用时才装上的监视器看不到这次调用，但答案仍来自被禁止的内置函数（测试会扫描源码发现它）。',
    },
    edits: [
      [
        'type Options = { learningRate?: number; tolerance?: number; maxSteps?: number };',
        'const { sqrt } = Math;\n\ntype Options = { learningRate?: number; tolerance?: number; maxSteps?: number };',
      ],
      [START, '  let x = sqrt(a) * 1.5;'],
    ],
  },
  {
    id: 'fractional-power',
    hint: {
      en: 'Where does the starting point come from?',
      zh: '起点是从哪里来的？',
    },
    why: {
      en: 'Takes the starting point from a ** 0.5, which is a built-in square root in disguise: no Math call for a spy to see, and the descent has nothing left to do.',
      zh: '起点取自 a ** 0.5，这是换了个写法的内置开方：没有可供监视的 Math 调用，梯度下降也没什么可做的了。',
    },
    edits: [[START, '  let x = a ** 0.5;']],
  },
  {
    id: 'uses-math-sqrt',
    hint: {
      en: 'Where does the starting point come from?',
      zh: '起点是从哪里来的？',
    },
    why: {
      en: '"Warm-starts" from Math.sqrt(a), so the descent has nothing left to do: the answer comes from the built-in the kata forbids.',
      zh: '用 Math.sqrt(a) 做“热启动”，梯度下降无事可做：答案来自本题禁止的内置函数。',
    },
    edits: [[START, '  let x = Math.sqrt(a);']],
  },
  {
    id: 'infinity-returns-infinity',
    hint: {
      en: 'What does it do with a = Infinity?',
      zh: 'a = Infinity 时它怎么处理？',
    },
    why: {
      en: 'Checks only for NaN and negatives, and returns Infinity for a = Infinity as Math.sqrt does, instead of throwing RangeError for a non-finite a.',
      zh: '只检查 NaN 和负数，对 a = Infinity 像 Math.sqrt 一样返回 Infinity，而不是对非有限的 a 抛出 RangeError。',
    },
    edits: [
      [
        CHECK_A,
        '  if (Number.isNaN(a) || a < 0) throw new RangeError(`sqrtGD: a must be a finite number >= 0, got ${a}`);\n  if (a === Number.POSITIVE_INFINITY) return a;',
      ],
    ],
  },
  {
    id: 'negative-returns-nan',
    hint: {
      en: 'What does it do with a = -1?',
      zh: 'a = -1 时它怎么处理？',
    },
    why: {
      en: 'Mirrors Math.sqrt(-1) and returns NaN for a negative a instead of throwing RangeError, so the bad input flows on silently.',
      zh: '模仿 Math.sqrt(-1)，对负数 a 返回 NaN 而不是抛出 RangeError，非法输入就这样悄悄地流了下去。',
    },
    edits: [
      [
        CHECK_A,
        '  if (!Number.isFinite(a)) throw new RangeError(`sqrtGD: a must be a finite number >= 0, got ${a}`);\n  if (a < 0) return Number.NaN;',
      ],
    ],
  },
  {
    id: 'silent-max-steps',
    hint: {
      en: 'What happens when maxSteps runs out?',
      zh: 'maxSteps 用完时会发生什么？',
    },
    why: {
      en: 'When the step budget runs out it returns the last x as if it had converged, so a caller with maxSteps: 2 gets a wildly wrong root and no error.',
      zh: '步数预算用完时把最后的 x 当作已收敛返回，于是用 maxSteps: 2 调用的人拿到一个错得离谱的根，却没有任何错误。',
    },
    edits: [[OUT_OF_STEPS, '  return x;']],
  },
  {
    id: 'out-of-steps-range-error',
    hint: {
      en: 'Which error does running out of maxSteps raise, and is the input wrong then?',
      zh: '用完 maxSteps 时抛出的是哪种错误？那时输入有错吗？',
    },
    why: {
      en: 'Throws a RangeError when maxSteps runs out ("the step count is out of range"), but the input was valid: a RangeError means bad input, so a caller that handles bad input would swallow a convergence failure. The contract asks for a plain Error.',
      zh: '用完 maxSteps 时抛出 RangeError（“步数超出范围”），可输入本身是合法的：RangeError 表示非法输入，处理非法输入的调用方会把收敛失败一并吞掉。契约要求抛出普通的 Error。',
    },
    edits: [
      [
        '  throw new Error(\n    `sqrtGD(${a}) did not converge',
        '  throw new RangeError(\n    `sqrtGD(${a}) did not converge',
      ],
    ],
  },
  {
    id: 'zero-not-special',
    hint: {
      en: 'What does sqrtGD(0) return, exactly?',
      zh: 'sqrtGD(0) 究竟返回什么？',
    },
    why: {
      en: 'No special case for a = 0: the root is 0, the step halves x every time and the relative change |Δx| / x stays 1, so the loop runs on until x reaches the smallest double, 5e-324, where halving no longer changes it, and returns that instead of 0.',
      zh: '没有对 a = 0 做特殊处理：平方根是 0，每一步都把 x 减半，相对变化 |Δx| / x 一直是 1，于是循环一直跑到 x 变成最小的双精度数 5e-324（再减半也不变了），返回它而不是 0。',
    },
    edits: [['  if (a === 0) return 0;\n', '']],
  },
  {
    id: 'retries-not-counted',
    hint: {
      en: 'With a huge learning rate every first try overshoots: how many loop turns does one call take with maxSteps: 5?',
      zh: '学习率极大时，每一步第一次尝试都会冲过头：maxSteps: 5 时一次调用要转多少圈循环？',
    },
    why: {
      en: 'Does not count a rejected step (the loss rose, the rate is halved and the step tried again) toward maxSteps, since "x did not move": with learningRate 1e300 it halves the rate about 1000 times before any step is accepted, so maxSteps: 5 no longer bounds the work, and a rate that never works would loop much longer still.',
      zh: '被拒绝的一步（损失上升、学习率减半、重试）不计入 maxSteps，理由是“x 没动”：learningRate 为 1e300 时，要把学习率减半约 1000 次才会有一步被接受，于是 maxSteps: 5 不再限制工作量；如果学习率怎么都不行，循环还会跑得更久。',
    },
    edits: [
      [
        '      rate /= 2; // rejected (also when next is NaN): shrink the rate, try again from x\n      continue;',
        '      rate /= 2; // rejected (also when next is NaN): shrink the rate, try again from x\n      step -= 1; // x did not move, so this was not a step\n      continue;',
      ],
    ],
  },
  {
    id: 'zero-skips-option-check',
    hint: {
      en: 'Try a = 0 with a bad option.',
      zh: '试试 a = 0 配上一个非法选项。',
    },
    why: {
      en: 'Returns 0 for a = 0 before looking at the options, as an early exit: sqrtGD(0, { maxSteps: 0 }) or sqrtGD(0, { lr: 1 }) answers 0 where the contract asks for the options to be checked first, whatever a is.',
      zh: '把 a = 0 当作提前返回，在检查选项之前就返回 0：sqrtGD(0, { maxSteps: 0 }) 或 sqrtGD(0, { lr: 1 }) 得到 0，而契约要求无论 a 是多少都先检查选项。',
    },
    edits: [
      [
        '  const { learningRate, tolerance, maxSteps } = checkOptions(options);',
        '  if (a === 0) return 0;\n  const { learningRate, tolerance, maxSteps } = checkOptions(options);',
      ],
      ['  if (a === 0) return 0;\n\n', '\n'],
    ],
  },
  {
    id: 'zero-accepted',
    hint: {
      en: 'Try tolerance: 0 and learningRate: 0.',
      zh: '试试 tolerance: 0 和 learningRate: 0。',
    },
    why: {
      en: 'Checks value >= 0 where the contract asks for > 0: learningRate 0 never moves x (a zero step looks like convergence, so the starting point comes back), and tolerance 0 asks for an exact fixed point that gradient descent may never reach. Both must throw RangeError.',
      zh: '检查写成了 value >= 0，而契约要求 > 0：learningRate 为 0 时 x 永远不动（零步长看起来像已收敛，于是原样返回起点），tolerance 为 0 则要求一个梯度下降可能永远达不到的精确不动点。两者都必须抛出 RangeError。',
    },
    edits: [['  if (!(Number.isFinite(value) && value > 0)) {', '  if (!(Number.isFinite(value) && value >= 0)) {']],
  },
  {
    id: 'non-integer-max-steps',
    hint: {
      en: 'Try maxSteps: 2.5 or Infinity.',
      zh: '试试 maxSteps: 2.5 或 Infinity。',
    },
    why: {
      en: 'Checks only maxSteps >= 1, so 2.5 and Infinity are accepted: a fractional budget has no meaning, and Infinity lifts the promise never to loop forever. The contract asks for an integer >= 1, else RangeError.',
      zh: '只检查 maxSteps >= 1，于是 2.5 和 Infinity 都被接受：小数步数没有意义，Infinity 则取消了“绝不死循环”的保证。契约要求整数且 >= 1，否则抛出 RangeError。',
    },
    edits: [['  if (!(Number.isInteger(value) && value >= 1)) {', '  if (!(value >= 1)) {']],
  },
  {
    id: 'unknown-option-ignored',
    hint: {
      en: 'Misspell an option name: { maxstep: 2 }.',
      zh: '把选项名拼错：{ maxstep: 2 }。',
    },
    why: {
      en: 'Reads the three options it knows and ignores every other name, so a typo such as { maxstep: 2 } or { lr: 0.1 } silently runs with the defaults: the caller believes the budget or the rate was set. The contract asks for a TypeError.',
      zh: '只读取它认识的三个选项，忽略其他名字，于是 { maxstep: 2 } 或 { lr: 0.1 } 这样的拼写错误悄悄地用默认值运行：调用者以为自己设好了步数或学习率。契约要求抛出 TypeError。',
    },
    edits: [
      [
        '  for (const name of Object.keys(options)) {\n    if (!OPTION_NAMES.includes(name)) {\n      throw new TypeError(`sqrtGD: unknown option "${name}" (the options are ${OPTION_NAMES.join(\', \')})`);\n    }\n  }\n',
        '',
      ],
    ],
  },
  {
    id: 'range-error-for-wrong-type',
    hint: {
      en: "Which error does learningRate: '0.5' raise?",
      zh: "learningRate: '0.5' 抛出的是哪种错误？",
    },
    why: {
      en: "Relies on Number.isFinite alone, which is false for a string or null as for NaN: learningRate '0.5' or tolerance null throws a RangeError where the contract asks for a TypeError (a value of the wrong type is a TypeError, a number out of range a RangeError).",
      zh: "只依赖 Number.isFinite，它对字符串和 null 与对 NaN 一样返回 false：learningRate 为 '0.5' 或 tolerance 为 null 时抛出 RangeError，而契约要求 TypeError（类型不对是 TypeError，数值越界才是 RangeError）。",
    },
    edits: [
      [
        "function positive(name: string, value: unknown): number {\n  if (typeof value !== 'number') throw new TypeError(`sqrtGD: ${name} must be a number, got ${typeof value}`);\n",
        'function positive(name: string, value: unknown): number {\n',
      ],
      [
        '  if (!(Number.isFinite(value) && value > 0)) {\n    throw new RangeError(`sqrtGD: ${name} must be a finite number > 0, got ${value}`);\n  }\n  return value;',
        '  if (!(Number.isFinite(value) && (value as number) > 0)) {\n    throw new RangeError(`sqrtGD: ${name} must be a finite number > 0, got ${value}`);\n  }\n  return value as number;',
      ],
    ],
  },
  {
    id: 'global-isfinite',
    hint: {
      en: "Try a = '4', a string.",
      zh: "试试字符串 a = '4'。",
    },
    why: {
      en: "Checks a with the global isFinite, which converts its argument first: '4' passes, the arithmetic converts it again, and sqrtGD('4') answers 2 where the contract asks for a TypeError (Number.isFinite does not convert).",
      zh: "用全局的 isFinite 检查 a，它会先转换参数：'4' 能通过，后面的算术又把它转换一次，于是 sqrtGD('4') 返回 2，而契约要求抛出 TypeError（Number.isFinite 不做转换）。",
    },
    edits: [
      ["  if (typeof a !== 'number') throw new TypeError(`sqrtGD: a must be a number, got ${typeof a}`);\n", ''],
      [
        CHECK_A,
        '  if (!isFinite(a) || a < 0) throw new RangeError(`sqrtGD: a must be a finite number >= 0, got ${a}`);',
      ],
    ],
  },
  {
    id: 'accepts-negative-x',
    hint: {
      en: 'Try a learning rate well above 1, such as 3.5, with a small a.',
      zh: '用一个远大于 1 的学习率（比如 3.5）配一个很小的 a 试试。',
    },
    why: {
      en: 'Treats the sign of x as irrelevant because L(x) = (x² − a)² is even: it accepts any step that lowers the loss and measures the relative change against |x|. With learningRate 3.5 the first step from x = 1 for a = 1e-8 jumps to about −0.75, where the loss is lower, and the descent converges to −1e-4, which it returns. A step must also keep x positive.',
      zh: '因为 L(x) = (x² − a)² 是偶函数，就认为 x 的符号无所谓：只要损失下降就接受这一步，并用 |x| 衡量相对变化。learningRate 为 3.5、a = 1e-8 时，从 x = 1 出发的第一步跳到约 −0.75，那里的损失更低，下降最终收敛到 −1e-4 并把它返回。每一步还必须保持 x 为正。',
    },
    edits: [
      ['    if (!(next > 0 && nextLoss <= loss)) {', '    if (!(nextLoss <= loss)) {'],
      [
        '    if (Math.abs(next - x) <= tolerance * next) return next;',
        '    if (Math.abs(next - x) <= tolerance * Math.abs(next)) return next;',
      ],
    ],
  },
  {
    id: 'start-at-zero',
    base: 'alt-newton',
    hint: {
      en: 'What is the gradient at the starting point?',
      zh: '起点处的梯度是多少？',
    },
    why: {
      en: 'Starts at x = 0, "the natural initial guess": the gradient 4x(x² − a) is 0 there, so no step ever moves x away from 0, every step is rejected for not keeping x positive, and every call runs out of maxSteps. Start at a positive x such as max(a, 1).',
      zh: '从 x = 0 出发，“最自然的初值”：那里的梯度 4x(x² − a) 为 0，任何一步都无法让 x 离开 0，每一步都因 x 不为正而被拒绝，于是每次调用都会用完 maxSteps。应当从正数出发，比如 max(a, 1)。',
    },
    edits: [['  let x = (a + 1) / 2;', '  let x = 0;']],
  },
  {
    id: 'fixed-learning-rate',
    base: 'alt-newton',
    hint: {
      en: 'Compare a = 2 with a = 1e12 and a = 1e-12: does one learning rate suit all three?',
      zh: '比较 a = 2、a = 1e12 和 a = 1e-12：同一个学习率适合这三者吗？',
    },
    why: {
      en: 'Uses a fixed learning rate of 0.01 on the raw gradient 4x(x² − a), not scaled by the curvature: fine for a = 2, but the gradient grows like x³, so for a = 1e12 every first try overshoots far below zero and the rate must shrink by about 2^-120 before a step is accepted, after which x crawls; for a = 1e-12 the gradient near the root is tiny and x crawls too. Both run out of maxSteps.',
      zh: '对原始梯度 4x(x² − a) 使用固定学习率 0.01，没有按曲率缩放：对 a = 2 没问题，但梯度按 x³ 增长，a = 1e12 时每一步的第一次尝试都冲到远低于零的地方，学习率要缩小约 2^-120 倍才有一步被接受，之后 x 就慢慢爬；a = 1e-12 时根附近的梯度极小，x 同样在爬。两者都会用完 maxSteps。',
    },
    edits: [
      ['const DEFAULTS = { learningRate: 1,', 'const DEFAULTS = { learningRate: 0.01,'],
      ['    const next = x - (rate * gradient) / curvature;', '    const next = x - rate * gradient;'],
    ],
  },
  {
    id: 'null-option-is-default',
    base: 'alt-newton',
    hint: {
      en: 'Try { tolerance: null }.',
      zh: '试试 { tolerance: null }。',
    },
    why: {
      en: 'Fills in the defaults with ??, which replaces null as well as undefined: { tolerance: null } silently runs with the default tolerance where the contract asks for a TypeError (only a missing or undefined option means the default).',
      zh: '用 ?? 填默认值，它把 null 也当成 undefined 替换掉：{ tolerance: null } 悄悄地用默认容差运行，而契约要求抛出 TypeError（只有缺省或 undefined 的选项才取默认值）。',
    },
    edits: [['given[name] === undefined ? DEFAULTS[name] : given[name]', 'given[name] ?? DEFAULTS[name]']],
  },
]);
