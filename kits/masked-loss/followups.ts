import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'How much memory do the logits take for Llama-3-8B (vocabulary 128256) with 8 sequences of 4096 tokens, and how do trainers avoid it?',
      zh: 'Llama-3-8B（词表 128256）训练 8 条 4096 token 的序列时，logits 要占多少内存？训练框架怎么避免？',
    },
    a: {
      en: 'B·T·V = 8·4096·128256 = 4202692608 logits; in float32 that is 16810770432 bytes, 15.65625 GiB, before the softmax gradient of the same size (HF upcasts the logits to float32 before the loss). Fused or chunked cross-entropy (Liger kernel, Cut Cross-Entropy) multiplies a chunk of hidden states by the unembedding, takes the loss and its gradient for that chunk and drops its logits, so the full [B·T, V] tensor never exists.',
      zh: 'B·T·V = 8·4096·128256 = 4202692608 个 logits；float32 下是 16810770432 字节，即 15.65625 GiB，反向时 softmax 的梯度还要同样大小（HF 在算损失前会把 logits 升到 float32）。融合或分块的交叉熵（Liger kernel、Cut Cross-Entropy）每次只把一块 hidden state 乘以输出嵌入矩阵，算出这块的损失和梯度后就丢掉它的 logits，完整的 [B·T, V] 张量从不出现。',
    },
    numbers: [
      { text: '4202692608', equals: 4_202_692_608, compute: () => 8 * 4096 * 128_256 },
      { text: '16810770432', equals: 16_810_770_432, compute: () => 8 * 4096 * 128_256 * 4 },
      { text: '15.65625', equals: 15.65625, compute: () => (8 * 4096 * 128_256 * 4) / 2 ** 30 },
    ],
  },
  {
    q: {
      en: 'What is the gradient of this loss with respect to the logits, and what do the masked-out tokens receive?',
      zh: '这个损失对 logits 的梯度是什么？被 mask 掉的 token 得到什么梯度？',
    },
    a: {
      en: 'For token (b, t): ∂loss/∂logits[b][t] = mask[b][t] / sum(mask) · (softmax(logits[b][t]) − onehot(target)). A weight of 0 gives an exact zero gradient, which is why the target there may be anything, and sum(mask) = 0 must give 0 rather than 0/0: a NaN loss gives NaN gradients, and one NaN step poisons the weights and the Adam moments.',
      zh: '对 token (b, t)：∂loss/∂logits[b][t] = mask[b][t] / sum(mask) · (softmax(logits[b][t]) − onehot(target))。权重为 0 时梯度恰好为 0，所以那里的 target 可以是任意值；sum(mask) = 0 时必须返回 0 而不是 0/0：NaN 损失会带来 NaN 梯度，一步 NaN 就会污染权重和 Adam 的动量。',
    },
  },
  {
    q: {
      en: 'With gradient accumulation over two micro-batches, one with 10 counted tokens of mean nll 1.0 and one with 1000 of mean nll 2.0, what does averaging the two micro-batch losses give, and what is the per-token loss?',
      zh: '用梯度累积跑两个 micro-batch：一个有 10 个被计入的 token、平均 nll 为 1.0，另一个有 1000 个、平均 nll 为 2.0。把两个 micro-batch 的损失取平均得到多少？按 token 计算的损失又是多少？',
    },
    a: {
      en: 'Averaging the means gives 1.5; the per-token loss of the whole batch is (10·1.0 + 1000·2.0) / 1010 = 1.9901. Each micro-batch must return its sum and be divided by the number of counted tokens in the whole accumulated batch. HF Trainer fixed exactly this in October 2024 by passing num_items_in_batch to the loss, which then sums with reduction="sum" and divides once; that count must be taken over labels[:, 1:], the labels the shift keeps.',
      zh: '对两个平均值再取平均得到 1.5；整个 batch 按 token 的损失是 (10·1.0 + 1000·2.0) / 1010 = 1.9901。每个 micro-batch 应返回总和，再除以整个累积 batch 中被计入的 token 数。HF Trainer 在 2024 年 10 月正是这样修复的：把 num_items_in_batch 传给损失函数，用 reduction="sum" 求和后统一相除；这个计数必须在移位后保留的 labels[:, 1:] 上统计。',
    },
    numbers: [
      { text: '1.9901', equals: 1.9901, compute: () => Math.round(((10 * 1 + 1000 * 2) / 1010) * 1e4) / 1e4 },
      { text: '1.5', equals: 1.5, compute: () => (1 + 2) / 2 },
    ],
  },
  {
    q: {
      en: 'Why do SFT datasets put -100 in the labels of the prompt, and why is the shift inside the loss rather than in the data?',
      zh: 'SFT 数据为什么把 prompt 部分的 label 设为 -100？为什么移位放在损失函数里而不是在数据里？',
    },
    a: {
      en: 'The model should learn to produce the answer, not to predict the user’s prompt, so the collator copies input_ids to labels and overwrites the prompt and the padding with -100, PyTorch’s default ignore_index. HF keeps labels aligned with input_ids (labels = input_ids is valid) and shifts inside the model’s loss: logits[..., :-1] against labels[..., 1:]. So labels[:, 0] is dropped and never checked, and a collator that shifts the labels itself as well gets a model trained to predict two tokens ahead.',
      zh: '模型要学的是生成回答，而不是预测用户的 prompt，所以 collator 把 input_ids 复制成 labels，再把 prompt 和 padding 覆盖成 -100（PyTorch 默认的 ignore_index）。HF 让 labels 与 input_ids 对齐（labels = input_ids 就是合法的），在模型的损失里移位：logits[..., :-1] 对应 labels[..., 1:]。因此 labels[:, 0] 被丢弃、从不检查；如果 collator 自己也移了一次，模型学到的就是预测后面第二个 token。',
    },
  },
]);
