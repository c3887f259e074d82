import { defineFollowups } from '../../src/kit/followups.ts';

// Mixtral 8x7B: d_model 4096, SwiGLU hidden 14336, 32 layers, 8 experts (top-2), 32 query and 8
// key/value heads of 128, a 32000-token vocabulary with untied input and output embeddings.
const d = 4096;
const hidden = 14336;
const layers = 32;
const expertParams = 3 * d * hidden; // gate, up and down projections of one expert
const attentionParams = 2 * d * d + 2 * d * (8 * 128); // q and o, k and v (GQA)
const embeddings = 2 * 32000 * d;
const billions = (n: number) => Math.round(n / 1e8) / 10;

export default defineFollowups([
  {
    q: {
      en: 'Mixtral 8x7B routes every token to 2 of 8 experts. How many parameters does it have, and how many does one token use?',
      zh: 'Mixtral 8x7B 把每个 token 送到 8 个专家中的 2 个。它一共有多少参数？一个 token 实际用到多少？',
    },
    a: {
      en: 'One SwiGLU expert is 3 · 4096 · 14336 = 176160768 weights per layer, so the 8 experts of 32 layers hold about 45.1B; attention (GQA, 8 key/value heads) and the embeddings add about 1.6B, 46.7B in all. A token passes through 2 experts per layer: about 12.9B active parameters. Memory scales with the total, compute per token with the active count: that is the point of an MoE.',
      zh: '一个 SwiGLU 专家每层有 3 · 4096 · 14336 = 176160768 个权重，32 层 8 个专家共约 45.1B；注意力（GQA，8 个 key/value 头）和词嵌入再加约 1.6B，总计 46.7B。每个 token 每层经过 2 个专家：激活参数约 12.9B。显存随总参数量增长，每个 token 的计算量随激活参数量增长，这正是 MoE 的意义所在。',
    },
    numbers: [
      { text: '176160768', equals: 176160768, compute: () => expertParams },
      { text: '45.1B', equals: 45.1, compute: () => billions(8 * layers * expertParams) },
      {
        text: '46.7B',
        equals: 46.7,
        compute: () => billions(8 * layers * expertParams + layers * attentionParams + embeddings),
      },
      {
        text: '12.9B',
        equals: 12.9,
        compute: () => billions(2 * layers * expertParams + layers * attentionParams + embeddings),
      },
      { text: '1.6B', equals: 1.6, compute: () => billions(layers * attentionParams + embeddings) },
    ],
  },
  {
    q: {
      en: 'Why a capacity at all, and what does it cost? Take 4096 tokens, 8 experts, top-2 and a capacity factor of 1.25.',
      zh: '为什么要有容量限制？代价是什么？以 4096 个 token、8 个专家、top-2、容量因子 1.25 为例。',
    },
    a: {
      en: 'With expert parallelism every expert gets a fixed-size buffer, so the all-to-all exchange and the expert matmuls have static shapes: ceil(2 · 4096 · 1.25 / 8) = 1280 slots per expert here, 25% above a perfectly even load of 1024. Assignments beyond that are dropped and reach the next layer only through the residual connection; a larger factor drops less but pads more. Dropless MoE (block-sparse kernels, as in MegaBlocks) removes the limit at the price of variable shapes.',
      zh: '在专家并行中，每个专家有一个固定大小的缓冲区，于是 all-to-all 交换和专家的矩阵乘法都是静态形状：这里每个专家 ceil(2 · 4096 · 1.25 / 8) = 1280 个位置，比完全均匀时的 1024 多 25%。超出的分配被丢弃，只能经残差连接进入下一层；容量因子越大丢得越少，但填充的空位越多。无丢弃 MoE（如 MegaBlocks 的块稀疏算子）取消了这个限制，代价是形状可变。',
    },
    numbers: [
      { text: '1280', equals: 1280, compute: () => Math.ceil((2 * 4096 * 1.25) / 8) },
      { text: '1024', equals: 1024, compute: () => (2 * 4096) / 8 },
      { text: '25%', equals: 25, compute: () => (1280 / 1024 - 1) * 100 },
    ],
  },
  {
    q: {
      en: 'Why does the load-balancing loss multiply a hard fraction fᵢ by a soft mean probability Pᵢ? Why not just use one of them?',
      zh: '负载均衡损失为什么要把硬的比例 fᵢ 乘以软的平均概率 Pᵢ？为什么不只用其中一个？',
    },
    a: {
      en: 'fᵢ counts top-k choices, a step function with no gradient; Pᵢ is differentiable but says nothing about where tokens actually went. In E · Σ fᵢPᵢ the counts act as constant weights, so the gradient pushes down the probability of the experts that are overloaded right now. It is minimal (1) at uniform routing. Switch Transformers adds it with a small coefficient, 10^-2, so it balances the load without overriding the task loss.',
      zh: 'fᵢ 统计的是 top-k 选择，是阶跃函数，没有梯度；Pᵢ 可导，但不反映 token 实际去了哪里。在 E · Σ fᵢPᵢ 中计数相当于常数权重，梯度于是压低当前过载专家的概率。路由均匀时它取最小值 1。Switch Transformers 以很小的系数 10^-2 加入这一项，让它平衡负载而不压过任务损失。',
    },
  },
  {
    q: {
      en: 'How does DeepSeek-V3 balance its experts without this auxiliary loss?',
      zh: 'DeepSeek-V3 不用这个辅助损失，是怎样平衡各专家负载的？',
    },
    a: {
      en: 'It adds a per-expert bias to the routing scores used only to pick the top-k experts (the gates still come from the unbiased scores). After each step the bias of an overloaded expert is lowered and that of an underloaded one raised by a fixed speed γ, so the balance is steered without a loss term whose gradient competes with the language-modelling objective; only a very small sequence-wise balance loss remains. Its scores are sigmoids normalised over the chosen experts, not a softmax over all of them.',
      zh: '它给每个专家加一个偏置，只在挑选 top-k 专家时加到路由分数上（门控值仍用不带偏置的分数计算）。每一步之后，过载专家的偏置按固定速度 γ 调低，负载不足的调高，这样不需要一个梯度会与语言建模目标相争的损失项就能引导负载均衡；只保留了一个非常小的序列级均衡损失。它的分数是 sigmoid，并在选中的专家上归一化，而不是在全部专家上做 softmax。',
    },
  },
]);
