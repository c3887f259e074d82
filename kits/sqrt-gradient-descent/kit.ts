import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'sqrt-gradient-descent',
  title: {
    en: 'Square root by gradient descent',
    zh: '梯度下降法求平方根',
  },
  minutes: 10,
  difficulty: 'easy',
  kind: 'algorithm',
  tags: ['optimization', 'numerics'],
  seed: [56],
  hints: [
    {
      en: 'Minimise L(x) = (x² − a)²; dL/dx = 4x(x² − a). Starting at x = 0 the gradient is 0 and nothing moves.',
      zh: '最小化 L(x) = (x² − a)²，dL/dx = 4x(x² − a)。从 x = 0 出发梯度为 0，永远不动。',
    },
    {
      en: 'A fixed learning rate that works for a = 2 explodes for a = 1e12: scale the step by the curvature (≈ 8x²) or by a.',
      zh: '对 a = 2 合适的固定学习率在 a = 1e12 时会发散：按曲率（约 8x²）或按 a 缩放步长。',
    },
    {
      en: 'Stop on the relative change |Δx| / x, not an absolute one, or a = 1e-12 never converges; count steps and throw when maxSteps runs out.',
      zh: '用相对变化 |Δx| / x 判断收敛而不是绝对变化，否则 a = 1e-12 永远不收敛；记录步数，超过 maxSteps 就抛错。',
    },
  ],
});
