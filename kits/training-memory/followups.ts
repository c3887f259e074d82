import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Can you fine-tune a 7B model with Adam on one 80 GB GPU? On eight?',
      zh: '能在一张 80 GB 的 GPU 上用 Adam 微调 7B 模型吗？八张呢？',
    },
    a: {
      en: 'Not on one: the model states alone are 16Ψ = 112 GB, before any activation. On eight GPUs plain data parallelism still needs 112 GB on each; ZeRO-2 needs 2Ψ + 14Ψ/8 = 26.25 GB and ZeRO-3 16Ψ/8 = 14 GB per GPU, leaving room for activations.',
      zh: '一张不行：光是模型状态就有 16Ψ = 112 GB，还没算激活值。八张 GPU 上普通数据并行每张仍需 112 GB；ZeRO-2 每张需要 2Ψ + 14Ψ/8 = 26.25 GB，ZeRO-3 需要 16Ψ/8 = 14 GB，给激活值留出了空间。',
    },
    numbers: [
      { text: '112 GB', equals: 112, compute: () => (16 * 7e9) / 1e9 },
      { text: '26.25 GB', equals: 26.25, compute: () => (2 * 7e9 + (14 * 7e9) / 8) / 1e9 },
      { text: '14 GB', equals: 14, compute: () => (16 * 7e9) / 8 / 1e9 },
    ],
  },
  {
    q: {
      en: 'Where do 34 and 5as/h come from, and which term dominates for a GPT-3 175B layer?',
      zh: '34 和 5as/h 是怎么来的？对 GPT-3 175B 的一层来说哪一项占主导？',
    },
    a: {
      en: 'Per layer in fp16: attention keeps 11sbh (QKV input, Q and K, V, the projection input, a dropout mask) plus 5as²b (softmax output 2as²b, its dropout mask as²b, dropout output 2as²b); the MLP keeps 19sbh and the two layer norms 4sbh: 34sbh + 5as²b. For s = 2048, h = 12288, a = 96, 5as/h = 80 against 34, so the attention scores are 70% of the layer, exactly what selective recomputation drops.',
      zh: 'fp16 下每层：注意力保存 11sbh（QKV 输入、Q 和 K、V、输出投影的输入、一个 dropout 掩码）加上 5as²b（softmax 输出 2as²b、其 dropout 掩码 as²b、dropout 输出 2as²b）；MLP 保存 19sbh，两个 layer norm 保存 4sbh：合计 34sbh + 5as²b。s = 2048、h = 12288、a = 96 时 5as/h = 80，而另一项是 34，所以注意力分数占这一层的 70%，这正是选择性重计算省掉的部分。',
    },
    numbers: [
      { text: '80', equals: 80, compute: () => (5 * 96 * 2048) / 12288 },
      { text: '70%', equals: 70, compute: () => Math.round((80 / (34 + 80)) * 100) },
    ],
  },
  {
    q: {
      en: 'Why does ZeRO-3 move 1.5× the data of plain data parallelism, and how much is that per step for Ψ = 7.5e9 in fp16?',
      zh: '为什么 ZeRO-3 的通信量是普通数据并行的 1.5 倍？Ψ = 7.5e9、fp16 时每步是多少？',
    },
    a: {
      en: 'Plain DP all-reduces the gradients, a reduce-scatter plus an all-gather: 2Ψ. ZeRO-3 all-gathers the sharded weights in the forward pass and again in the backward pass, and reduce-scatters the gradients: 3Ψ. For 7.5e9 parameters that is 22.5e9 elements, 45 GB of fp16 traffic per GPU per step (30 GB without ZeRO-3).',
      zh: '普通 DP 对梯度做 all-reduce，即一次 reduce-scatter 加一次 all-gather：2Ψ。ZeRO-3 在前向时 all-gather 一次切分的权重，反向时再 all-gather 一次，并对梯度做 reduce-scatter：3Ψ。对 7.5e9 参数就是 22.5e9 个元素，每张 GPU 每步 45 GB 的 fp16 通信量（不用 ZeRO-3 时为 30 GB）。',
    },
    numbers: [
      { text: '45 GB', equals: 45, compute: () => (3 * 7.5e9 * 2) / 1e9 },
      { text: '30 GB', equals: 30, compute: () => (2 * 7.5e9 * 2) / 1e9 },
    ],
  },
  {
    q: {
      en: 'What is K for other optimizers, and what does it do to plain data parallelism?',
      zh: '换成别的优化器时 K 是多少？对普通数据并行意味着什么？',
    },
    a: {
      en: 'K counts optimizer bytes per parameter. Adam with an fp32 master copy: 4 + 4 + 4 = 12, so 16Ψ in all. 8-bit Adam keeps m and v in one byte each: K = 4 + 1 + 1 = 6, so 10Ψ. SGD with momentum: K = 4 + 4 = 8, so 12Ψ. Only the optimizer part shrinks, which is also all that ZeRO-1 shards.',
      zh: 'K 是优化器每个参数占用的字节数。带 fp32 主权重的 Adam：4 + 4 + 4 = 12，合计 16Ψ。8-bit Adam 的 m 和 v 各占 1 字节：K = 4 + 1 + 1 = 6，合计 10Ψ。带动量的 SGD：K = 4 + 4 = 8，合计 12Ψ。变小的只有优化器那一部分，而 ZeRO-1 切分的也只有这一部分。',
    },
    numbers: [
      { text: '10Ψ', equals: 10, compute: () => 2 + 2 + (4 + 1 + 1) },
      { text: '12Ψ', equals: 12, compute: () => 2 + 2 + (4 + 4) },
    ],
  },
  {
    q: {
      en: 'Why validate so strictly in a calculator like this?',
      zh: '这样一个计算器为什么要这么严格地校验？',
    },
    a: {
      en: "Because its answers are used to size clusters, and a silent default is the costliest bug: { gpu: 8 } read as 1 GPU reports 8× the memory at stage 3, recompute: 'fulll' read as 'none' reports the largest activation figure, and a missing heads gives NaN that turns every sum into NaN. Rejecting unknown keys and values costs two lines and makes each typo an error at the call that made it.",
      zh: "因为它的结果会被用来规划集群，而悄无声息的默认值是代价最大的错误：{ gpu: 8 } 被当作 1 张 GPU，stage 3 时报告的显存多了 8 倍；recompute: 'fulll' 被当作 'none'，报告的是最大的激活值；缺少 heads 得到 NaN，让之后的每个和都变成 NaN。拒绝未知的键和值只要两行代码，却能让每个笔误都在出错的那次调用处暴露。",
    },
  },
]);
