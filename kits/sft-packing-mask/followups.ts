import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'What does a dense mask cost for a batch of 8 packs of 8192 tokens with 32 heads, against cu_seqlens?',
      zh: '8 个打包、每个 8192 个 token、32 个头时，稠密掩码要多少内存？cu_seqlens 呢？',
    },
    a: {
      en: 'Expanded to [B, H, T, T] in fp32 it is 8·32·8192²·4 B = 64 GiB, more than most GPUs hold, and the score matrix it masks is just as large. Flattened into one row of 65536 tokens, varlen attention needs only cu_seqlens, one int32 per sequence plus one, and never materialises a score block larger than one sequence.',
      zh: '展开成 fp32 的 [B, H, T, T] 要 8·32·8192²·4 B = 64 GiB，超过大多数 GPU 的显存，而它所屏蔽的分数矩阵同样大。把它们展平成一行 65536 个 token 后，变长注意力只需要 cu_seqlens：每条序列一个 int32，再加一个；它从不构造比单条序列更大的分数块。',
    },
    numbers: [
      { text: '64 GiB', equals: 64, compute: () => (8 * 32 * 8192 * 8192 * 4) / 2 ** 30 },
      { text: '65536', equals: 65536, compute: () => 8 * 8192 },
    ],
  },
  {
    q: {
      en: 'How much attention compute does packing save over padding each sequence to the longest one?',
      zh: '与把每条序列都填充到最长序列相比，打包能省多少注意力计算？',
    },
    a: {
      en: 'Attention costs about l² per sequence. For four sequences of 100, 200, 300 and 400 tokens, varlen attention does Σ l² = 300000 score entries; padding all four to 400 does 640000, and one dense causal mask over the 1000-token pack computes 1000000 and throws most away. The MLP and projections save the padded tokens too, in proportion to T.',
      zh: '注意力对每条序列的代价约为 l²。对长度为 100、200、300、400 的四条序列，变长注意力计算 Σ l² = 300000 个分数；把四条都填充到 400 要计算 640000 个；在 1000 个 token 的打包上用一个稠密因果掩码则要计算 1000000 个，其中大部分被丢弃。MLP 和各投影层也省下了填充 token 的计算，与 T 成正比。',
    },
    numbers: [
      { text: '300000', equals: 300000, compute: () => [100, 200, 300, 400].reduce((s, l) => s + l * l, 0) },
      { text: '640000', equals: 640000, compute: () => 4 * 400 * 400 },
      { text: '1000000', equals: 1000000, compute: () => (100 + 200 + 300 + 400) ** 2 },
    ],
  },
  {
    q: {
      en: 'Why must position ids restart in every sequence, and how does transformers use them?',
      zh: '为什么每条序列的位置都必须重新开始？transformers 是怎么用它们的？',
    },
    a: {
      en: 'RoPE rotates q and k by their positions, so a sequence packed at offset 1500 would otherwise be trained at positions it never has at inference. With flash attention 2 and no attention mask, transformers also rebuilds cu_seqlens from the positions that are 0 (prepare_fa2_from_position_ids), so restarting positions is what tells the kernel where each sequence begins.',
      zh: 'RoPE 按位置旋转 q 和 k，否则一条打包在偏移 1500 处的序列会在推理时从不出现的位置上被训练。在使用 flash attention 2 且没有注意力掩码时，transformers 还会根据值为 0 的位置重建 cu_seqlens（prepare_fa2_from_position_ids），所以正是位置的重新开始告诉了 kernel 每条序列从哪里开始。',
    },
  },
  {
    q: {
      en: 'Masking each first label drops a target per sequence. How much is lost, and is it a real loss?',
      zh: '把每条序列的第一个标签遮蔽掉，每条序列就少一个目标。损失了多少？这是真正的损失吗？',
    },
    a: {
      en: 'One target per sequence: 67 of 2048 for the suite’s pack of 16- to 61-token sequences, about 3.3%. It is not a real loss: unpacked, the first token of a sequence has no target either, since nothing before it predicts it. Keeping it would train the model to predict a sequence’s start from an unrelated previous sequence.',
      zh: '每条序列一个目标：测试中由 16 到 61 个 token 的序列组成的打包，2048 个里少了 67 个，约 3.3%。这不是真正的损失：不打包时，序列的第一个 token 同样没有目标，因为它前面没有东西来预测它。保留它反而会让模型学着从一条无关的上一序列去预测下一序列的开头。',
    },
    numbers: [{ text: '3.3%', equals: 3.3, compute: () => Math.round((67 / 2048) * 1000) / 10 }],
  },
]);
