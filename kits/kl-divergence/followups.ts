import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'A distillation script calls F.kl_div(student_log_probs, teacher_probs) on logits of shape [B, V] and keeps the default reduction. What does it compute, and what should it be?',
      zh: '一个蒸馏脚本在形状为 [B, V] 的 logits 上调用 F.kl_div(student_log_probs, teacher_probs)，并保留默认的 reduction。它算的是什么？应该是什么？',
    },
    a: {
      en: "The default 'mean' divides the sum by every element, B·V, so it is the KL per sample divided by V once more: for B = 4 and V = 32000 it divides by 128000 where 'batchmean' divides by 4. The loss and its gradient shrink by V, which silently changes the effective learning rate or the distillation weight. PyTorch warns about it and recommends 'batchmean', the true KL per sample. The argument order is also a trap: kl_div(log q, p) is KL(p‖q), teacher first.",
      zh: "默认的 'mean' 把总和除以全部元素个数 B·V，于是得到的是每个样本的 KL 再除以一次 V：B = 4、V = 32000 时它除以 128000，而 'batchmean' 只除以 4。损失和梯度都缩小了 V 倍，悄悄改变了有效学习率或蒸馏损失的权重。PyTorch 会对此发出警告，并推荐使用 'batchmean'（真正的每样本 KL）。参数顺序也是陷阱：kl_div(log q, p) 算的是 KL(p‖q)，教师分布在前。",
    },
    numbers: [{ text: '128000', equals: 128000, compute: () => 4 * 32000 }],
  },
  {
    q: {
      en: 'Forward or reverse KL: which direction does knowledge distillation minimise, and which one is the KL penalty in RLHF?',
      zh: '前向还是反向 KL：知识蒸馏最小化的是哪个方向？RLHF 中的 KL 惩罚又是哪个方向？',
    },
    a: {
      en: "Classic distillation minimises KL(teacher‖student), the forward KL: it equals the cross-entropy with the teacher's soft labels minus the teacher's entropy, a constant, so the student must cover every mode of the teacher. The RLHF penalty is KL(π‖π_ref), the reverse KL, estimated on samples of the policy as log π(y) − log π_ref(y) per token: the policy may drop modes of the reference but is punished for putting mass where the reference has little. On-policy distillation methods such as MiniLLM and GKD also use the reverse (or a mixed) direction, because sampling from the student is then what the loss needs.",
      zh: '经典蒸馏最小化 KL(teacher‖student)，即前向 KL：它等于以教师软标签计算的交叉熵减去教师的熵（一个常数），所以学生必须覆盖教师的每个峰。RLHF 的惩罚项是 KL(π‖π_ref)，即反向 KL，在策略的采样上按每个 token 的 log π(y) − log π_ref(y) 估计：策略可以丢掉参考模型的某些峰，但在参考模型概率很小的地方放质量会受罚。MiniLLM、GKD 等在线（on-policy）蒸馏方法也用反向（或混合）方向，因为这时损失需要的正是从学生采样。',
    },
  },
  {
    q: {
      en: 'You distil into a model with a 128256-token vocabulary (Llama 3) on 8192 tokens per step. How much memory do the float32 logits take, and what do you do about it?',
      zh: '要蒸馏到词表大小为 128256（Llama 3）的模型，每步 8192 个 token。float32 的 logits 占多少内存？该怎么处理？',
    },
    a: {
      en: 'One [8192, 128256] float32 tensor is 8192 · 128256 · 4 = 4202692608 bytes, about 3.91 GiB, and teacher logits, student logits, their log-softmaxes and the gradient each need one. So the loss is computed in chunks of rows (each chunk recomputed in the backward pass), log-softmax is fused with the loss so the probabilities are never stored (as fused cross-entropy kernels do), or only the teacher’s top-k logits per token are kept.',
      zh: '一个 [8192, 128256] 的 float32 张量是 8192 · 128256 · 4 = 4202692608 字节，约 3.91 GiB，而教师 logits、学生 logits、它们的 log-softmax 以及梯度各需要一个。因此要按行分块计算损失（反向传播时重新计算每一块），把 log-softmax 和损失融合在一起而不存概率（融合交叉熵算子就是这样做的），或者每个 token 只保留教师的 top-k logits。',
    },
    numbers: [
      { text: '4202692608', equals: 4202692608, compute: () => 8192 * 128256 * 4 },
      { text: '3.91', equals: 3.91, compute: () => Math.round(((8192 * 128256 * 4) / 2 ** 30) * 100) / 100 },
    ],
  },
  {
    q: {
      en: 'Why is log(softmax(x)) not good enough in float32? At what logit gap does it break?',
      zh: '为什么在 float32 中 log(softmax(x)) 不够好？logits 相差多少时会出问题？',
    },
    a: {
      en: "A probability exp(x − max)/Σ below float32's least subnormal 2^−149 rounds to 0, i.e. once a logit is more than about 103.28 (149 · ln 2) below its row's maximum; log 0 = −∞, and then p·(log p − log q) is 0·(−∞) = NaN or a spurious +∞ where the true KL is finite. Computing (x − max) − log Σ exp(x − max) keeps every log-probability finite and exact to float32 rounding, and the p = 0 terms are selected away instead of multiplied.",
      zh: '概率 exp(x − max)/Σ 一旦小于 float32 的最小次正规数 2^−149 就会舍入为 0，也就是某个 logit 比所在行最大值低约 103.28（149 · ln 2）以上时；log 0 = −∞，于是 p·(log p − log q) 变成 0·(−∞) = NaN，或者在真实 KL 有限的地方出现虚假的 +∞。按 (x − max) − log Σ exp(x − max) 计算，每个对数概率都保持有限、误差只有 float32 的舍入，p = 0 的项则直接选掉而不是相乘。',
    },
    numbers: [{ text: '103.28', equals: 103.28, compute: () => Math.round(149 * Math.LN2 * 100) / 100 }],
  },
]);
