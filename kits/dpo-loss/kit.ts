import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'dpo-loss',
  title: {
    en: 'DPO loss from sequence log-probs',
    zh: '由序列对数概率计算 DPO 损失',
  },
  minutes: 20,
  difficulty: 'medium',
  kind: 'tensor',
  tags: ['loss', 'dpo', 'preference-optimization', 'rlhf', 'numerical-stability', 'masking'],
  seed: [37],
  hints: [
    {
      en: 'sequenceLogProbs: logits at position t predict labels[:, t+1]; sum log_softmax at the labels that are not ignoreIndex (mean over them when average). dpoLoss: everything depends only on h = (πc − πr) − (refc − refr).',
      zh: 'sequenceLogProbs：位置 t 的 logits 预测 labels[:, t+1]；对不等于 ignoreIndex 的 label 累加 log_softmax（average 时取平均）。dpoLoss：一切只依赖 h = (πc − πr) − (refc − refr)。',
    },
    {
      en: 'sigmoid: (1−ε)·softplus(−βh) + ε·softplus(βh), since −log σ(x) = softplus(−x) stays finite at βh = −1000; ipo: (h − 1/(2β))²; hinge: relu(1 − βh). β goes inside, on h; ε only touches sigmoid. Rewards are β(π − ref).',
      zh: 'sigmoid：(1−ε)·softplus(−βh) + ε·softplus(βh)，因为 −log σ(x) = softplus(−x)，βh = −1000 时仍然有限；ipo：(h − 1/(2β))²；hinge：relu(1 − βh)。β 乘在 h 上（在 sigmoid 里面）；ε 只影响 sigmoid。奖励为 β(π − ref)。',
    },
    {
      en: 'Read labels with dataSync() first: RangeError for a counted label outside [0, V), or an empty row when average; point ignored positions at a valid index with weight 0 before tf.gather. Validate β > 0, 0 ≤ ε < 0.5 and equal lengths, then do the tensor work in tf.tidy; loss = mean(losses), shape [].',
      zh: '先用 dataSync() 读取 labels：被计入的 label 越界、或 average 时某行没有被计入的 label，抛 RangeError；在 tf.gather 之前把被忽略的位置指向一个合法下标并令权重为 0。检查 β > 0、0 ≤ ε < 0.5 和长度一致，再在 tf.tidy 中做张量运算；loss = mean(losses)，形状为 []。',
    },
  ],
});
