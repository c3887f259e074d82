import { defineZoo } from '../../src/kit/zoo.ts';

const BIAS = '  const biasCorrection1 = 1 - beta1 ** t;\n  const biasCorrection2Sqrt = Math.sqrt(1 - beta2 ** t);';
const UPDATE = '      return p * decay - (stepSize * mj) / denom; // decoupled decay first, then the Adam update';
const DECAY = '  const decay = 1 - lr * weightDecay;';
const COSINE = '  return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * progress));';
const CLIP_TAIL =
  '  const coef = max / (totalNorm + CLIP_EPS);\n  if (coef >= 1) return { grads: grads.map((tensor) => [...tensor]), totalNorm }; // never scales up\n  return { grads: grads.map((tensor) => tensor.map((g) => g * coef)), totalNorm };';

export default defineZoo([
  {
    id: 'no-bias-correction',
    hint: {
      en: 'Look at the very first step from a fresh state: how far does p move?',
      zh: '看看从全新状态出发的第一步：p 移动了多远？',
    },
    why: {
      en: 'Divides raw m by √v + eps without the bias corrections 1 − β1^t and 1 − β2^t. The moments start at 0, so early steps are off by √(1 − β2^t)/(1 − β1^t): the first step moves p by lr·0.1/√0.001 ≈ 3.16·lr instead of lr.',
      zh: '直接用 m / (√v + eps)，没有偏差修正 1 − β1^t 和 1 − β2^t。动量从 0 开始，所以前几步偏差为 √(1 − β2^t)/(1 − β1^t)：第一步让 p 移动 lr·0.1/√0.001 ≈ 3.16·lr，而不是 lr。',
    },
    edits: [[BIAS, '  const biasCorrection1 = 1;\n  const biasCorrection2Sqrt = 1;']],
  },
  {
    id: 'eps-inside-sqrt',
    hint: { en: 'Try a gradient about the size of eps.', zh: '试试和 eps 差不多大的梯度。' },
    why: {
      en: 'Computes √(v̂ + eps) instead of √v̂ + eps (the RMSprop / some TF variants). For |g| >> √eps the two agree, but for g = 1e-8 the denominator is ≈ 1e-4 instead of 2e-8, so the step is 5000 times too small (−1e-4 instead of −0.5).',
      zh: '算成了 √(v̂ + eps) 而不是 √v̂ + eps（RMSprop 和某些 TF 变体的写法）。|g| 远大于 √eps 时两者一致，但 g = 1e-8 时分母约为 1e-4 而不是 2e-8，步长小了 5000 倍（得到 −1e-4 而不是 −0.5）。',
    },
    edits: [
      [
        '      const denom = Math.sqrt(vj) / biasCorrection2Sqrt + eps; // eps outside the square root',
        '      const denom = Math.sqrt(vj / (biasCorrection2Sqrt * biasCorrection2Sqrt) + eps);',
      ],
    ],
  },
  {
    id: 'l2-weight-decay',
    hint: { en: 'Is the decay applied to p, or mixed into the gradient?', zh: '衰减是作用在 p 上，还是混进了梯度里？' },
    why: {
      en: 'Adds wd·p to the gradient (Adam with L2 regularisation, torch.optim.Adam(weight_decay=…)) instead of shrinking p by 1 − lr·wd. Adam then normalises the decay away: p = 1, g = 0.5, lr 0.1 gives 0.900000002 instead of 0.899000002. That difference is the whole point of AdamW.',
      zh: '把 wd·p 加进了梯度（带 L2 正则的 Adam，即 torch.optim.Adam(weight_decay=…)），而不是把 p 乘以 1 − lr·wd。Adam 随后的归一化把衰减抵消掉了：p = 1、g = 0.5、lr 0.1 得到 0.900000002 而不是 0.899000002。这个差别正是 AdamW 的意义所在。',
    },
    edits: [
      [DECAY, '  const decay = 1;'],
      ['      const gj = g[j] as number;', '      const gj = (g[j] as number) + weightDecay * p;'],
    ],
  },
  {
    id: 'decay-without-lr',
    hint: { en: 'Set lr = 0: should the parameters still shrink?', zh: '令 lr = 0：参数还应该缩小吗？' },
    why: {
      en: 'Multiplies p by 1 − wd instead of 1 − lr·wd (the paper’s schedule multiplier η_t is dropped), so the decay is 1000 times stronger at lr 1e-3 and p shrinks even when lr = 0 (the first warmup step).',
      zh: '把 p 乘以 1 − wd 而不是 1 − lr·wd（丢掉了学习率这个因子），于是在 lr 1e-3 时衰减强了 1000 倍，而且 lr = 0 时（预热的第一步）p 也会缩小。',
    },
    edits: [[DECAY, '  const decay = 1 - weightDecay;']],
  },
  {
    id: 'decay-after-update',
    hint: {
      en: 'Use a large lr·wd and compare with the formula term by term.',
      zh: '取较大的 lr·wd，与公式逐项对比。',
    },
    why: {
      en: 'Applies the Adam update first and decays the result, (p − lr·u)·(1 − lr·wd), instead of decaying p first: the update itself is shrunk too, off by lr²·wd·u (p = 2, g = 0.5, lr 0.5, wd 0.5: 1.125 instead of 1.00000001).',
      zh: '先做 Adam 更新、再对结果衰减，即 (p − lr·u)·(1 − lr·wd)，而不是先衰减 p：更新量本身也被缩小了，偏差为 lr²·wd·u（p = 2、g = 0.5、lr 0.5、wd 0.5 时得到 1.125 而不是 1.00000001）。',
    },
    edits: [[UPDATE, '      return (p - (stepSize * mj) / denom) * decay;']],
  },
  {
    id: 'step-counted-from-zero',
    hint: { en: 'What is t on the first step from a fresh state?', zh: '从全新状态出发的第一步，t 是多少？' },
    why: {
      en: 'Uses the old counter in the bias corrections (t = state.step) and increments it only for the returned state: on the first step 1 − β1^0 = 0, so the update is 0/0 = NaN; later steps use t − 1.',
      zh: '偏差修正里用了旧的计数（t = state.step），只在返回的状态里才加 1：第一步 1 − β1^0 = 0，更新量是 0/0 = NaN；之后每步都用了 t − 1。',
    },
    edits: [
      [
        '  const t = step + 1; // PyTorch increments the step before using it: the first update has t = 1',
        '  const t = step;',
      ],
      ['state: { step: t, m: newM, v: newV }', 'state: { step: step + 1, m: newM, v: newV }'],
    ],
  },
  {
    id: 'betas-swapped-in-bias-correction',
    hint: { en: 'Which β belongs to which moment?', zh: '哪个 β 对应哪个动量？' },
    why: {
      en: 'Corrects m with 1 − β2^t and v with 1 − β1^t: on the first step m̂ is blown up by 1/0.001 and v̂ by only 1/0.1, so the first update is about 1000·lr instead of lr.',
      zh: '用 1 − β2^t 修正 m、用 1 − β1^t 修正 v：第一步 m̂ 被放大 1/0.001 倍，v̂ 只放大 1/0.1 倍，于是第一步更新约为 1000·lr 而不是 lr。',
    },
    edits: [
      [BIAS, '  const biasCorrection1 = 1 - beta2 ** t;\n  const biasCorrection2Sqrt = Math.sqrt(1 - beta1 ** t);'],
    ],
  },
  {
    id: 'per-tensor-clipping',
    hint: { en: 'Clip [[3], [4]] to norm 1: what comes out?', zh: '把 [[3], [4]] 裁剪到范数 1：结果是什么？' },
    why: {
      en: 'Clips every tensor by its own norm instead of one global norm over all of them: [[3], [4]] with maxNorm 1 becomes ≈ [[1], [1]] (norm √2 > 1) instead of [[0.6], [0.8]], and the direction of the full gradient changes.',
      zh: '每个张量按自己的范数裁剪，而不是对所有张量算一个全局范数：[[3], [4]]、maxNorm 1 变成约 [[1], [1]]（范数 √2 > 1），而不是 [[0.6], [0.8]]，整个梯度的方向也变了。',
    },
    edits: [
      [
        CLIP_TAIL,
        '  const clipped = grads.map((tensor) => {\n    const own = Math.sqrt(tensor.reduce((s, g) => s + g * g, 0));\n    const coef = max / (own + CLIP_EPS);\n    return coef >= 1 ? [...tensor] : tensor.map((g) => g * coef);\n  });\n  return { grads: clipped, totalNorm };',
      ],
    ],
  },
  {
    id: 'clip-scales-up',
    hint: { en: 'Clip a gradient that is already small.', zh: '裁剪一个本来就很小的梯度。' },
    why: {
      en: 'Always multiplies by maxNorm/(norm + 1e-6), also when it is above 1: every gradient below the limit is blown up to norm maxNorm (normalisation, not clipping).',
      zh: '无论 maxNorm/(norm + 1e-6) 是否大于 1 都乘上去：低于上限的梯度都被放大到范数 maxNorm（这是归一化，不是裁剪）。',
    },
    edits: [
      ['  if (coef >= 1) return { grads: grads.map((tensor) => [...tensor]), totalNorm }; // never scales up\n', ''],
    ],
  },
  {
    id: 'clip-without-epsilon',
    hint: { en: 'Clip [[3, 4]] to maxNorm 5 exactly.', zh: '把 [[3, 4]] 恰好裁剪到 maxNorm 5。' },
    why: {
      en: 'Uses maxNorm/norm without PyTorch’s + 1e-6: the common textbook form, but a gradient at exactly the limit is then left alone where clip_grad_norm_ scales it by 5/5.000001, and every clipped gradient differs by about 1e-6/norm.',
      zh: '用了 maxNorm/norm，没有 PyTorch 的 + 1e-6：这是常见的教科书写法，但恰好在上限上的梯度就保持不变，而 clip_grad_norm_ 会把它乘以 5/5.000001，每个被裁剪的梯度也都差约 1e-6/norm。',
    },
    edits: [['  const coef = max / (totalNorm + CLIP_EPS);', '  const coef = max / totalNorm;']],
  },
  {
    id: 'warmup-off-by-one',
    hint: { en: 'What is the rate of the very first step (step 0)?', zh: '第一步（step 0）的学习率是多少？' },
    why: {
      en: 'Warms up with (step + 1)/W, the common "never train with lr 0" fix, but transformers’ schedule gives exactly 0 at step 0 and reaches baseLr only at step W: lrAt(0) is 1e-4 instead of 0 and lrAt(9) already baseLr.',
      zh: '预热写成了 (step + 1)/W，这是常见的“不要用 lr 0 训练”的改法，但 transformers 的调度在 step 0 恰好为 0，到 step W 才达到 baseLr：lrAt(0) 得到 1e-4 而不是 0，lrAt(9) 就已经是 baseLr。',
    },
    edits: [
      [
        '  if (k < warmup) return (baseLr * k) / Math.max(1, warmup);',
        '  if (k < warmup) return (baseLr * (k + 1)) / Math.max(1, warmup);',
      ],
    ],
  },
  {
    id: 'cosine-ignores-floor',
    hint: { en: 'Where does the schedule end when minLr > 0?', zh: 'minLr > 0 时调度最后停在哪里？' },
    why: {
      en: 'Decays the cosine from baseLr all the way to 0 (get_cosine_schedule_with_warmup) and forgets minLr: lrAt(totalSteps) is 0 instead of minLr.',
      zh: '余弦从 baseLr 一直衰减到 0（get_cosine_schedule_with_warmup），忘了 minLr：lrAt(totalSteps) 为 0 而不是 minLr。',
    },
    edits: [[COSINE, '  return baseLr * 0.5 * (1 + Math.cos(Math.PI * progress));']],
  },
  {
    id: 'floor-as-clamp',
    hint: { en: 'Check the middle of the decay, not just its end.', zh: '检查衰减的中点，而不仅仅是终点。' },
    why: {
      en: 'Decays to 0 and clamps at minLr, max(minLr, cosine): it ends at minLr, but the curve is the wrong one, flat at the floor for the whole tail: halfway it gives 5e-4 instead of minLr + (baseLr − minLr)/2 = 5.5e-4.',
      zh: '先衰减到 0 再在 minLr 处截断，即 max(minLr, cosine)：终点是 minLr，但曲线不对，整个尾部都贴着下限：中点得到 5e-4，而不是 minLr + (baseLr − minLr)/2 = 5.5e-4。',
    },
    edits: [[COSINE, '  return Math.max(minLr, baseLr * 0.5 * (1 + Math.cos(Math.PI * progress)));']],
  },
  {
    id: 'progress-over-total-steps',
    hint: {
      en: 'Does the schedule reach minLr at totalSteps when there is a warmup?',
      zh: '有预热时，调度在 totalSteps 处到达 minLr 了吗？',
    },
    why: {
      en: 'Measures progress as (step − W)/T instead of (step − W)/(T − W): the cosine never finishes, so with a warmup the last rate stays above minLr (and the decay is stretched).',
      zh: '把进度算成 (step − W)/T 而不是 (step − W)/(T − W)：余弦永远走不完，有预热时最后的学习率始终高于 minLr（衰减也被拉长了）。',
    },
    edits: [
      [
        '  const progress = (k - warmup) / Math.max(1, total - warmup);',
        '  const progress = (k - warmup) / Math.max(1, total);',
      ],
    ],
  },
  {
    id: 'updates-in-place',
    hint: { en: 'Call it with frozen inputs.', zh: '用冻结（frozen）的输入调用它。' },
    why: {
      en: 'Writes the new values into the caller’s params (as PyTorch’s param.addcdiv_ does), but this contract is pure: the caller keeps the old parameters (to compare, to retry a step), and frozen inputs throw.',
      zh: '把新值写回调用者的 params（就像 PyTorch 的 param.addcdiv_ 那样），但本题的契约是纯函数：调用者还要保留旧参数（用来比较、重试一步），而冻结的输入会直接抛错。',
    },
    edits: [[UPDATE, '      tensor[j] = p * decay - (stepSize * mj) / denom;\n      return tensor[j] as number;']],
  },
  {
    id: 'null-option-means-default',
    hint: { en: 'Pass weightDecay: null.', zh: '传入 weightDecay: null。' },
    why: {
      en: 'Reads the option with ?? instead of checking for undefined, so weightDecay: null silently means the default 0.01, where the contract asks for a TypeError (only a missing or undefined option takes its default).',
      zh: '用 ?? 读取选项，而不是判断 undefined，于是 weightDecay: null 悄悄变成默认值 0.01，而契约要求抛出 TypeError（只有缺省或为 undefined 的选项才取默认值）。',
    },
    edits: [['o.weightDecay === undefined ? 0.01 : o.weightDecay', 'o.weightDecay ?? 0.01']],
  },
  {
    id: 'no-finite-check',
    hint: { en: 'Put a NaN in the gradients.', zh: '往梯度里放一个 NaN。' },
    why: {
      en: 'Checks that every value is a number but not that it is finite: a NaN or Infinity gradient silently turns the norm and every parameter into NaN (PyTorch’s error_if_nonfinite exists for this), where the contract asks for a RangeError.',
      zh: '只检查了每个值是 number，没检查是否有限：梯度中的 NaN 或 Infinity 会悄悄把范数和所有参数都变成 NaN（PyTorch 的 error_if_nonfinite 正是为此而设），而契约要求抛出 RangeError。',
    },
    edits: [['  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);\n', '']],
  },
  {
    id: 'epsilon-hat-not-scaled',
    base: 'alt-fused',
    hint: { en: 'In the fused form, what must happen to eps?', zh: '在合并后的写法里，eps 应该怎么处理？' },
    why: {
      en: 'Folds the bias corrections into one step size α_t = lr·√(1 − β2^t)/(1 − β1^t) (Kingma & Ba’s efficient form, as TensorFlow does) but keeps the plain eps in √v + eps: that is TF’s "epsilon hat", not PyTorch’s eps, which must become eps·√(1 − β2^t). Near g ≈ eps the first step is 0.03 instead of 0.5.',
      zh: '把偏差修正合并成一个步长 α_t = lr·√(1 − β2^t)/(1 − β1^t)（Kingma 与 Ba 的高效写法，TensorFlow 就这样做），却在 √v + eps 里保留了原来的 eps：这是 TF 的 “epsilon hat”，不是 PyTorch 的 eps，后者应变为 eps·√(1 − β2^t)。g ≈ eps 时第一步为 0.03 而不是 0.5。',
    },
    edits: [['  const epsHat = eps * bc2Sqrt;', '  const epsHat = eps;']],
  },
  {
    id: 'power-by-loop',
    base: 'alt-fused',
    hint: {
      en: 'Resume from a state at step 10^6: how much work is one step?',
      zh: '从 step 10^6 的状态继续：一步要做多少工作？',
    },
    why: {
      en: 'Computes β1^t and β2^t by multiplying t times: correct values, but one step costs O(t) on top of O(N), 10^6 extra steps of work when resuming a long run, where `beta ** t` is one operation.',
      zh: '用 t 次乘法计算 β1^t 和 β2^t：值是对的，但每一步在 O(N) 之外还要多花 O(t)，从长训练的断点恢复时多出 10^6 步工作，而 `beta ** t` 只是一次运算。',
    },
    edits: [
      [
        '  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);\n  const alpha = (lr * bc2Sqrt) / (1 - beta1 ** t);',
        '  let beta1t = 1;\n  let beta2t = 1;\n  for (let i = 0; i < t; i++) {\n    beta1t *= beta1;\n    beta2t *= beta2;\n  }\n  const bc2Sqrt = Math.sqrt(1 - beta2t);\n  const alpha = (lr * bc2Sqrt) / (1 - beta1t);',
      ],
    ],
  },
]);
