import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'For Llama-2-7B with LoRA r = 8 on q and v, how many parameters train, and how much optimizer memory does that save against full fine-tuning with Adam?',
      zh: '对 Llama-2-7B 的 q、v 做 r = 8 的 LoRA，有多少参数要训练？和用 Adam 全量微调相比，优化器相关的内存省了多少？',
    },
    a: {
      en: '4194304 trainable parameters out of 6742609920, 0.0622%. With fp32 Adam each trainable parameter costs about 16 bytes (weight, gradient, two moments): 67108864 bytes (64 MiB) for the adapters against 107814649856 bytes (about 100.4 GiB) for all 6738415616 base weights. The frozen base still has to be held for the forward and backward passes, in bf16 or, with QLoRA, in 4 bits.',
      zh: '在 6742609920 个参数中只训练 4194304 个，占 0.0622%。fp32 的 Adam 每个可训练参数约 16 字节（权重、梯度、两个动量）：适配器共 67108864 字节（64 MiB），而全部 6738415616 个基座权重要 107814649856 字节（约 100.4 GiB）。冻结的基座仍要放在显存里做前向和反向，用 bf16，或者像 QLoRA 那样用 4 比特。',
    },
    numbers: [
      { text: '4194304', equals: 4_194_304, compute: () => 32 * 2 * 8 * (4096 + 4096) },
      {
        text: '0.0622%',
        equals: 0.0622,
        compute: () => Math.round((4_194_304 / (6_738_415_616 + 4_194_304)) * 1e6) / 1e4,
      },
      { text: '67108864', equals: 67_108_864, compute: () => 4_194_304 * (4 + 4 + 4 + 4) },
      { text: '107814649856', equals: 107_814_649_856, compute: () => 6_738_415_616 * 16 },
    ],
  },
  {
    q: {
      en: 'Per token, what does the adapter add to a 4096 × 4096 projection with r = 8, and why not form ΔW = A·B in the forward pass?',
      zh: '对一个 4096 × 4096、r = 8 的投影，适配器给每个 token 增加多少计算？为什么前向时不先算出 ΔW = A·B？',
    },
    a: {
      en: 'Through the bottleneck, (x·A)·B costs 2·r·(dIn + dOut) = 131072 FLOPs per token, 0.390625% of the 33554432 FLOPs of x·W. Forming A·B costs 2·dIn·dOut·r = 268435456 FLOPs and a dIn × dOut temporary: as much as the bottleneck for 2048 tokens, and in training the gradient must flow into A and B anyway. Merging does form ΔW, once, for inference.',
      zh: '经过瓶颈计算 (x·A)·B，每个 token 需要 2·r·(dIn + dOut) = 131072 FLOPs，只占 x·W 的 33554432 FLOPs 的 0.390625%。先算 A·B 需要 2·dIn·dOut·r = 268435456 FLOPs 和一个 dIn × dOut 的临时矩阵，相当于 2048 个 token 走瓶颈的开销；训练时梯度本来就要流到 A 和 B。只有合并时才会算一次 ΔW，供推理使用。',
    },
    numbers: [
      { text: '131072', equals: 131_072, compute: () => 2 * 8 * (4096 + 4096) },
      { text: '0.390625%', equals: 0.390625, compute: () => ((2 * 8 * (4096 + 4096)) / (2 * 4096 * 4096)) * 100 },
      { text: '33554432', equals: 33_554_432, compute: () => 2 * 4096 * 4096 },
      { text: '268435456', equals: 268_435_456, compute: () => 2 * 4096 * 4096 * 8 },
      { text: '2048', equals: 2048, compute: () => (2 * 4096 * 4096 * 8) / (2 * 8 * (4096 + 4096)) },
    ],
  },
  {
    q: {
      en: 'Why is the update scaled by alpha / r, and what does rsLoRA change? Give s for r = 64, alpha = 16.',
      zh: '为什么更新量要乘以 alpha / r？rsLoRA 改了什么？给出 r = 64、alpha = 16 时的 s。',
    },
    a: {
      en: 'The LoRA paper divides by r so that one alpha can be kept when r changes, without retuning the learning rate. The rsLoRA paper (Kalajdzievski 2023, PEFT use_rslora) shows that with alpha / r the adapter’s updates shrink as r grows, so large ranks learn slowly and do no better than small ones, and that alpha / √r is the factor that keeps them stable in r. For r = 64, alpha = 16: s = 0.25 with alpha / r, s = 2 with rsLoRA.',
      zh: 'LoRA 论文除以 r，是为了改变 r 时可以沿用同一个 alpha，不必重新调学习率。rsLoRA 论文（Kalajdzievski 2023，PEFT 的 use_rslora）指出，用 alpha / r 时适配器的更新量随 r 增大而变小，大秩学得慢，效果也不比小秩好；而 alpha / √r 才是让它不随 r 变化的系数。r = 64、alpha = 16 时：alpha / r 给出 s = 0.25，rsLoRA 给出 s = 2。',
    },
    numbers: [
      { text: 's = 0.25', equals: 0.25, compute: () => 16 / 64 },
      { text: 's = 2', equals: 2, compute: () => 16 / Math.sqrt(64) },
    ],
  },
  {
    q: {
      en: 'When do you merge an adapter, and when do you keep it separate? Does unmerge give W back exactly?',
      zh: '什么时候把适配器合并进权重，什么时候保持分离？unmerge 能精确还原 W 吗？',
    },
    a: {
      en: 'Merge for serving a single adapter: W + s·A·B is one plain matmul, no extra latency. Keep adapters separate to serve many of them on one base model (S-LoRA and Punica batch requests that use different adapters), to switch adapters, or when the base is quantized (QLoRA’s 4-bit NF4 base would have to be dequantized to merge). In floating point (W + ΔW) − ΔW is W only up to round-off, worse in fp16 or bf16, so keep the original W rather than unmerging repeatedly.',
      zh: '只服务一个适配器时合并：W + s·A·B 之后只是一次普通矩阵乘法，没有额外延迟。要在同一个基座上服务很多适配器时保持分离（S-LoRA、Punica 会把使用不同适配器的请求批在一起），要切换适配器时也一样；基座被量化时（QLoRA 的 4 比特 NF4 基座）合并需要先反量化。在浮点数里 (W + ΔW) − ΔW 只在舍入误差内等于 W，fp16、bf16 下更差，所以应保留原始 W，而不是反复 unmerge。',
    },
  },
]);
