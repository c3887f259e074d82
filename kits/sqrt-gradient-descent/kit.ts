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
      en: 'Stop on the relative change |x_new − x_old| / x_new, not an absolute one, or a = 1e-12 never converges; count every step you try (a rejected one too) and throw a plain Error when maxSteps runs out. Check the options first: unknown names and non-numbers are TypeErrors, numbers out of range RangeErrors.',
      zh: '用相对变化 |x_new − x_old| / x_new 判断收敛而不是绝对变化，否则 a = 1e-12 永远不收敛；每尝试一步都要计数（被拒绝的也算），超过 maxSteps 就抛出普通的 Error。先检查选项：未知的名字和非数字是 TypeError，越界的数值是 RangeError。',
    },
  ],
});
