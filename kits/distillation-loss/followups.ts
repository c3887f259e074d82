import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why multiply the soft term by T²? What happens to its gradient without it?',
      zh: '为什么软损失要乘以 T²？不乘的话它的梯度会怎样？',
    },
    a: {
      en: 'The gradient of the soft cross-entropy with respect to a student logit z_i is (q_i − p_i)/T. For large T, expanding the softmaxes around their mean gives q_i − p_i ≈ (z_i − v_i)/(N·T) for logits z, v of zero mean over N classes, so the gradient is about (z_i − v_i)/(N·T²): it shrinks as 1/T². Multiplying by T² keeps the relative weight of the soft and hard terms the same when you tune T. At T = 4 the unscaled soft gradient is 16 times weaker, and α would no longer mean what it says.',
      zh: '软交叉熵对学生 logit z_i 的梯度是 (q_i − p_i)/T。T 较大时，把 softmax 在均值附近展开，对 N 个类别、均值为 0 的 logits z、v 有 q_i − p_i ≈ (z_i − v_i)/(N·T)，所以梯度约为 (z_i − v_i)/(N·T²)：按 1/T² 缩小。乘以 T² 后，调整 T 时软、硬两项的相对权重保持不变。T = 4 时，不缩放的软梯度弱了 16 倍，α 也就不再是它名义上的权重。',
    },
    numbers: [{ text: '16', equals: 16, compute: () => 4 * 4 }],
  },
  {
    q: {
      en: 'Forward or reverse KL for distilling a language model: what is the difference in behaviour, and what does each need to sample from?',
      zh: '蒸馏语言模型时用前向还是反向 KL：行为上有什么区别？各自需要从谁采样？',
    },
    a: {
      en: "Forward KL(p_teacher‖q_student) is mass-covering: the student pays wherever the teacher has mass it lacks, so a small student spreads itself over every mode and may put mass where the teacher has none (bland or hallucinated continuations). It is an expectation under the teacher, so it works on fixed data or teacher samples (sequence-level KD). Reverse KL(q‖p) is mode-seeking: the student may drop modes but is punished for mass where the teacher has little. It is an expectation under the student, so it wants student samples: MiniLLM optimises it with a policy gradient, and TRL's GKDTrainer mixes on-policy student generations (lmbda) with a generalized JSD (beta = 0 forward, beta = 1 reverse).",
      zh: '前向 KL(p_teacher‖q_student) 是 mass-covering：教师有质量而学生没有的地方学生都要付出代价，所以小模型会把自己摊到每个峰上，还可能在教师没有质量的地方放质量（平淡或幻觉式的续写）。它是教师分布下的期望，所以在固定数据或教师采样上就能计算（序列级 KD）。反向 KL(q‖p) 是 mode-seeking：学生可以丢掉一些峰，但在教师概率很小的地方放质量会受罚。它是学生分布下的期望，因此需要学生的采样：MiniLLM 用策略梯度优化它，TRL 的 GKDTrainer 混合学生的在线生成（lmbda）和广义 JSD（beta = 0 为前向，beta = 1 为反向）。',
    },
  },
  {
    q: {
      en: "A colleague computes the KD term with KLDivLoss(reduction='batchmean') on [B, T, V] logits of shape [8, 1024, V], padding included. What goes wrong?",
      zh: "一位同事在形状为 [8, 1024, V] 的 [B, T, V] logits 上直接用 KLDivLoss(reduction='batchmean') 计算蒸馏项，padding 也包含在内。哪里出了问题？",
    },
    a: {
      en: "Two things. 'batchmean' divides by input.size(0) = B = 8, the number of sequences, so the loss is a sum over 1024 tokens per sequence rather than a mean per token: 1024 times larger than the token mean, and its scale changes with the sequence length. And padding and prompt positions enter the KL: the student is trained to copy the teacher on pad tokens. Flatten to [B·T, V], select the positions whose label is not −100 (distiller.py's masked_select, TRL's labels != -100), then divide the sum by their number.",
      zh: "有两个问题。'batchmean' 除以 input.size(0) = B = 8，即序列数，于是损失是每个序列 1024 个 token 的和而不是每个 token 的平均：比 token 平均大 1024 倍，而且尺度随序列长度变化。另外 padding 和 prompt 位置也进入了 KL：学生被训练去模仿教师在 pad token 上的输出。应该展平成 [B·T, V]，选出标签不是 −100 的位置（distiller.py 的 masked_select，TRL 的 labels != -100），再用求和除以这些位置的个数。",
    },
    numbers: [{ text: '1024', equals: 1024, compute: () => (8 * 1024) / 8 }],
  },
  {
    q: {
      en: 'Storing teacher logits offline for distillation: how big are they, and how do people cut that down?',
      zh: '离线存储教师 logits 用于蒸馏：它们有多大？大家怎么缩小它？',
    },
    a: {
      en: 'Full logits are V numbers per token: for a 128256-token vocabulary in bfloat16 that is 128256 · 2 = 256512 bytes per token, so a billion tokens need about 233 TiB. So one keeps only the teacher’s top-k logits per token (k of 8 to 128; the tail mass is renormalised or lumped into one bucket), or computes the teacher online next to the student. With top-k the forward KL only needs the teacher’s support; the reverse KL needs the student’s log-probabilities on the same k tokens plus a tail term.',
      zh: '完整的 logits 是每个 token V 个数：128256 的词表用 bfloat16 存储，每个 token 要 128256 · 2 = 256512 字节，十亿个 token 大约需要 233 TiB。所以通常每个 token 只保留教师的 top-k logits（k 取 8 到 128，尾部概率重新归一化或合并成一个桶），或者在学生旁边在线计算教师。用 top-k 时前向 KL 只需要教师的支撑集；反向 KL 需要学生在同样 k 个 token 上的对数概率，再加一个尾部项。',
    },
    numbers: [
      { text: '256512', equals: 256512, compute: () => 128256 * 2 },
      { text: '233', equals: 233, compute: () => Math.round((1e9 * 128256 * 2) / 2 ** 40) },
    ],
  },
]);
