import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Your step is x − (x − a/x)/2. What method is that, and how many steps does a = 1e12 take?',
      zh: '你的一步是 x − (x − a/x)/2。这是什么方法？a = 1e12 要多少步？',
    },
    a: {
      en: "Dividing the gradient 4x(x² − a) by the curvature 8x² (its value at the root) with rate 1 gives (x + a/x)/2: Heron's method, Newton's method on x² − a. Far from the root it halves x, so from x = 1e12 down to 1e6 takes about log2(1e6) = 20 steps; after that the number of correct digits doubles each step, so a handful more reach 1e-12. A raw gradient step with a fixed rate would need a rate of about 1/(8a) near the root, a different one for every a.",
      zh: '把梯度 4x(x² − a) 除以曲率 8x²（它在根处的值）、学习率取 1，就得到 (x + a/x)/2：这是 Heron 方法，也就是对 x² − a 用牛顿法。离根很远时每步把 x 减半，所以从 x = 1e12 降到 1e6 约需 log2(1e6) = 20 步；之后每步正确位数翻倍，再走几步就到 1e-12。用固定学习率的原始梯度步，在根附近需要约 1/(8a) 的学习率，每个 a 都不一样。',
    },
    numbers: [{ text: '20', equals: 20, compute: () => Math.round(Math.log2(1e12 / 1e6)) }],
  },
  {
    q: {
      en: 'Where do square roots by iteration show up in LLM code?',
      zh: '在大模型代码里，哪里会用迭代法求平方根？',
    },
    a: {
      en: 'In every normalisation layer and in Adam. RMSNorm (Llama) multiplies by rsqrt(mean(x²) + eps), LayerNorm divides by sqrt(var + eps), and Adam divides by sqrt(v̂) + eps. GPUs compute rsqrt with a fast hardware approximation, often refined by one Newton step y ← y(1.5 − 0.5·s·y²), the same idea as the famous fast inverse square root. The eps also keeps the root away from 0, where the relative error and the gradient of sqrt blow up.',
      zh: '每个归一化层和 Adam 里都有。RMSNorm（Llama）乘以 rsqrt(mean(x²) + eps)，LayerNorm 除以 sqrt(var + eps)，Adam 除以 sqrt(v̂) + eps。GPU 用快速的硬件近似计算 rsqrt，常再用一步牛顿迭代 y ← y(1.5 − 0.5·s·y²) 修正，和著名的“快速平方根倒数”同一个思路。eps 还让被开方数远离 0，因为在 0 附近相对误差和 sqrt 的梯度都会爆炸。',
    },
  },
  {
    q: {
      en: 'Why must a rejected step (the loss rose, you halved the rate) count toward maxSteps?',
      zh: '为什么被拒绝的一步（损失上升、学习率减半）也必须计入 maxSteps？',
    },
    a: {
      en: "Because maxSteps is the promise that the call ends: if only accepted steps count, a rate that never works (a NaN loss, a step that never keeps x positive) keeps halving forever, and a rate of 1e300 costs about 1000 hidden halvings. Training loops do the same with mixed precision: PyTorch's GradScaler skips the optimizer step when gradients overflow and halves the loss scale (backoff_factor 0.5), doubling it again after 2000 clean steps (growth_interval), and those skipped iterations still use up data and wall time.",
      zh: '因为 maxSteps 是“调用一定会结束”的保证：如果只有被接受的步才计数，一个怎么都不行的学习率（损失为 NaN，或每一步都无法让 x 保持为正）会无休止地减半下去，1e300 的学习率也要付出约 1000 次看不见的减半。训练循环在混合精度下也是这样：PyTorch 的 GradScaler 在梯度溢出时跳过这次优化器更新并把损失缩放减半（backoff_factor 0.5），连续 2000 步正常后再翻倍（growth_interval），而被跳过的迭代照样消耗了数据和时间。',
    },
    numbers: [
      { text: '1000', equals: 1000, compute: () => Math.round(Math.log2(1e300) / 100) * 100 },
      { text: '2000', equals: 2000, compute: () => 2000 }, // GradScaler's default growth_interval
    ],
  },
  {
    q: {
      en: 'Why is tolerance 0 rejected, and what is the smallest tolerance that makes sense in float64?',
      zh: '为什么不接受 tolerance 为 0？在 float64 下最小有意义的容差是多少？',
    },
    a: {
      en: "Adjacent doubles are about 2.2e-16 apart relative to their size (2^-52, Number.EPSILON), so near the root the iteration can only land on a fixed point or bounce between two neighbouring doubles; with tolerance 0 a 2-cycle never stops. A relative tolerance of a few times 2.2e-16 is the floor; 1e-12 leaves room, and Heron's quadratic convergence makes the error after the last step far smaller than the last change.",
      zh: '相邻两个 double 的相对间距约为 2.2e-16（2^-52，即 Number.EPSILON），所以在根附近迭代只能落在某个不动点上，或在两个相邻的 double 之间来回跳；tolerance 为 0 时，这种 2-周期永远停不下来。相对容差的下限是 2.2e-16 的几倍；1e-12 留有余地，而 Heron 方法的二次收敛使最后一步之后的误差远小于最后一次的变化量。',
    },
    numbers: [{ text: '2.2e-16', equals: 2.2e-16, compute: () => Math.round(Number.EPSILON * 1e17) / 1e17 }],
  },
]);
