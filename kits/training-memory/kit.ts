import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'training-memory',
  title: {
    en: 'Training memory: ZeRO and activations',
    zh: '训练显存估算：ZeRO 与激活值',
  },
  minutes: 15,
  difficulty: 'medium',
  kind: 'algorithm',
  tags: ['memory', 'zero', 'distributed-training', 'mixed-precision', 'numerics'],
  seed: [15, 17, 21, 34],
  hints: [
    {
      en: 'Mixed-precision Adam keeps 2Ψ bytes of fp16 weights, 2Ψ of fp16 grads and KΨ of optimizer state (K = 12: fp32 master, m, v): 16Ψ per GPU with plain data parallelism.',
      zh: '混合精度 Adam：fp16 权重 2Ψ 字节、fp16 梯度 2Ψ、优化器状态 KΨ（K = 12：fp32 主权重、m、v），普通数据并行每张 GPU 共 16Ψ。',
    },
    {
      en: 'Stage 1 divides only the optimizer by N, stage 2 also the grads, stage 3 also the weights. Communication is 2Ψ for stages 0–2 and 3Ψ for ZeRO-3.',
      zh: 'stage 1 只把优化器状态除以 N，stage 2 再加梯度，stage 3 再加权重。通信量 stage 0–2 为 2Ψ，ZeRO-3 为 3Ψ。',
    },
    {
      en: 'Multiply before dividing: (K·Ψ)/N, and 34sbh + 5as²b rather than sbh·(34 + 5as/h), so whole-byte answers stay exact. Check every argument first: TypeError for a non-number, a non-object or an unknown key; RangeError for a count that is not an integer >= 1, a bad k, stage or recompute.',
      zh: '先乘后除：(K·Ψ)/N，以及 34sbh + 5as²b 而不是 sbh·(34 + 5as/h)，整数结果才能精确。先检查每个参数：不是数字、不是对象或有未知键时抛 TypeError；计数不是 >= 1 的整数、k、stage 或 recompute 不合法时抛 RangeError。',
    },
  ],
});
