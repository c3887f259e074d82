import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'ppo-gae',
  title: {
    en: 'PPO: GAE advantages and the clipped loss',
    zh: 'PPO：GAE 优势与截断损失',
  },
  minutes: 25,
  difficulty: 'hard',
  kind: 'tensor',
  tags: ['rlhf', 'ppo', 'gae', 'masking'],
  seed: [37, 91],
  hints: [
    {
      en: 'Scan backwards from t = T − 1 with V_T = lastValue and A_T = 0. dones[t] = 1 ends the episode with step t: multiply both the bootstrap γ·V_{t+1} and the trace γλ·A_{t+1} by (1 − dones[t]), the flag of the same step, not of t + 1.',
      zh: '从 t = T − 1 倒着扫，V_T = lastValue、A_T = 0。dones[t] = 1 表示 episode 在第 t 步结束：自举项 γ·V_{t+1} 和迹 γλ·A_{t+1} 都要乘以 (1 − dones[t])，也就是同一步的标志，而不是 t + 1 的。',
    },
    {
      en: 'returns = advantages + values. Per token: r = exp(logProbs − oldLogProbs), pg = max(−A·r, −A·clip(r, 1 − ε, 1 + ε)), vf = 0.5·max((v − R)², (clip(v, v_old ± ε_v) − R)²): the value is clipped around oldValues.',
      zh: 'returns = advantages + values。逐 token：r = exp(logProbs − oldLogProbs)，pg = max(−A·r, −A·clip(r, 1 − ε, 1 + ε))，vf = 0.5·max((v − R)², (clip(v, v_old ± ε_v) − R)²)：价值截断是围绕 oldValues 的。',
    },
    {
      en: 'One masked mean for everything: sum(x·mask)/sum(mask). loss = pg + vfCoef·vf − entCoef·entropy; clipFraction counts −A·clip(r) > −A·r; approxKL is (r − 1) − log r. Read the mask once (0/1 and non-empty), then do the rest inside tf.tidy.',
      zh: '所有项用同一个 masked 均值：sum(x·mask)/sum(mask)。loss = pg + vfCoef·vf − entCoef·entropy；clipFraction 统计 −A·clip(r) > −A·r；approxKL 是 (r − 1) − log r。先读一次 mask（检查 0/1 与非空），其余都放进 tf.tidy。',
    },
  ],
});
