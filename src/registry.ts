/**
 * The one list of katas. The CLI, the README table, the anatomy check and CI all read it;
 * nothing else branches on a kata's slug.
 */
export type Difficulty = 'easy' | 'medium' | 'hard';
export type KataKind = 'algorithm' | 'tensor';

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface Kata {
  readonly slug: string;
  readonly title: Bilingual;
  /** Time budget for the countdown, in minutes. */
  readonly minutes: number;
  readonly difficulty: Difficulty;
  /** Tensor katas load @tensorflow/tfjs; algorithm katas never do. */
  readonly kind: KataKind;
  readonly tags: readonly string[];
  /** Question numbers in shared/seed (the interview list) that this kata practises. */
  readonly seed: readonly number[];
  /** Progressive hints, weakest first. */
  readonly hints: readonly Bilingual[];
}

export const KATAS: readonly Kata[] = [
  {
    slug: 'merge-k-lists',
    title: { en: 'Merge k sorted linked lists', zh: '合并 K 个升序链表' },
    minutes: 15,
    difficulty: 'medium',
    kind: 'algorithm',
    tags: ['heap', 'linked-list', 'divide-and-conquer'],
    seed: [77],
    hints: [
      {
        en: 'Merging the lists one after another costs O(N·k). You need the smallest of k heads fast.',
        zh: '逐个两两合并的代价是 O(N·k)。你需要快速取得 k 个表头中的最小值。',
      },
      {
        en: 'A binary min-heap of the current heads gives the smallest in O(log k); push its successor back.',
        zh: '用二叉小顶堆保存当前各表头，O(log k) 取最小，再把它的后继放回堆中。',
      },
      {
        en: 'Alternative: merge pairs of lists in rounds (divide and conquer), log2(k) rounds of O(N) work. Skip null lists, and return null, not undefined, when nothing is left.',
        zh: '另一种做法：分治，按轮两两合并，共 log2(k) 轮，每轮 O(N)。跳过空链表；没有节点时返回 null 而不是 undefined。',
      },
    ],
  },
  {
    slug: 'max-product-subarray',
    title: { en: 'Maximum product subarray', zh: '乘积最大子数组' },
    minutes: 10,
    difficulty: 'medium',
    kind: 'algorithm',
    tags: ['dynamic-programming', 'greedy', 'array'],
    seed: [87],
    hints: [
      {
        en: 'A negative number turns the smallest product into the largest. Track both.',
        zh: '一个负数会让最小乘积变成最大乘积，所以最大值和最小值都要记录。',
      },
      {
        en: 'At each index the best product ending here is max(x, x·maxPrev, x·minPrev); the worst is the min of the same three.',
        zh: '以当前位置结尾的最大乘积是 max(x, x·maxPrev, x·minPrev)，最小乘积是这三者的最小值。',
      },
      {
        en: 'Zero resets both. Start from nums[0], not from 0 or 1, or [-2] answers wrongly. Empty input throws RangeError; return +0, never -0.',
        zh: '遇到 0 两者都重置。从 nums[0] 开始而不是从 0 或 1，否则 [-2] 会答错。空数组抛 RangeError；结果 0 必须是 +0 而非 -0。',
      },
    ],
  },
  {
    slug: 'max-island-area',
    title: { en: 'Max area of island', zh: '岛屿的最大面积' },
    minutes: 15,
    difficulty: 'medium',
    kind: 'algorithm',
    tags: ['graph', 'bfs', 'dfs', 'grid', 'union-find'],
    seed: [56],
    hints: [
      {
        en: 'Visit every land cell once; each unvisited land cell starts a new island.',
        zh: '每个陆地格子只访问一次；每遇到一个未访问的陆地格子就开始一个新岛屿。',
      },
      {
        en: 'Recursion on a 1000 x 1000 island overflows the stack: use an explicit stack or queue.',
        zh: '在 1000 x 1000 的岛屿上递归会栈溢出：用显式的栈或队列。',
      },
      {
        en: 'Keep visited cells in your own Uint8Array instead of writing 0s into the grid; the grid must stay unchanged.',
        zh: '用自己的 Uint8Array 记录已访问，不要往 grid 里写 0；grid 必须保持不变。',
      },
    ],
  },
  {
    slug: 'sqrt-gradient-descent',
    title: { en: 'Square root by gradient descent', zh: '梯度下降法求平方根' },
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
  },
  {
    slug: 'grouped-query-attention',
    title: { en: 'Grouped-query attention (GQA)', zh: '手写分组查询注意力（GQA）' },
    minutes: 20,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['attention', 'transformer', 'tensor', 'softmax', 'kv-cache'],
    seed: [75, 64, 44],
    hints: [
      {
        en: 'Query head h reads kv head floor(h / (Hq / Hkv)): consecutive query heads share one kv head. tf.tile on the head axis gives h % Hkv instead, which is wrong.',
        zh: '查询头 h 读取 kv 头 floor(h / (Hq / Hkv))：相邻的查询头共享一个 kv 头。在头这一维上用 tf.tile 得到的是 h % Hkv，是错的。',
      },
      {
        en: 'Reshape q to [B, Hkv, G·Tq, D] (or repeat each kv head G times with expandDims + tile + reshape, or tf.gather), matMul with k transposed, scale by 1/sqrt(D), tf.softmax (it subtracts the row max), matMul with v, all inside tf.tidy.',
        zh: '把 q reshape 成 [B, Hkv, G·Tq, D]（或用 expandDims + tile + reshape、tf.gather 把每个 kv 头重复 G 次），与转置的 k 做 matMul，乘以 1/sqrt(D)，用 tf.softmax（它会减去行最大值），再与 v 做 matMul，全部放在 tf.tidy 里。',
      },
      {
        en: 'Causal is bottom-right: query i sees key j iff j <= i + (Tk − Tq); mask with −Infinity before the softmax. In gqaSelfAttention, [B, T, H·Dh] → reshape [B, T, H, Dh] → transpose [0, 2, 1, 3]; a bare reshape to [B, H, T, Dh] mixes heads with time. Scale by 1/sqrt(Dh), not 1/sqrt(dModel).',
        zh: '因果掩码按右下角对齐：查询 i 能看到键 j 当且仅当 j <= i + (Tk − Tq)；在 softmax 前用 −Infinity 屏蔽。gqaSelfAttention 中 [B, T, H·Dh] → reshape 成 [B, T, H, Dh] → transpose [0, 2, 1, 3]；直接 reshape 成 [B, H, T, Dh] 会把头和时间混在一起。缩放用 1/sqrt(Dh)，不是 1/sqrt(dModel)。',
      },
    ],
  },
  {
    slug: 'rope',
    title: { en: 'Rotary position embedding (RoPE)', zh: '旋转位置编码（RoPE）' },
    minutes: 15,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['positional-encoding', 'attention', 'tensor', 'broadcasting'],
    seed: [55, 32, 88],
    hints: [
      {
        en: 'Each pair of features (a, b) is rotated by theta = pos · base^(−2i/D): out_a = a·cos − b·sin, out_b = b·cos + a·sin. Build a [T, D/2] table of angles once; every leading axis shares it.',
        zh: '每对特征 (a, b) 旋转角度 theta = pos · base^(−2i/D)：out_a = a·cos − b·sin，out_b = b·cos + a·sin。先构造一张 [T, D/2] 的角度表，所有前导维共用。',
      },
      {
        en: "'half' pairs x[i] with x[i+D/2]: split the last axis in two halves. 'interleaved' pairs x[2i] with x[2i+1]: reshape to [..., T, D/2, 2]. The same cos/sin table of shape [T, D/2] broadcasts in both cases.",
        zh: "'half' 把 x[i] 与 x[i+D/2] 配对：把最后一维切成两半。'interleaved' 把 x[2i] 与 x[2i+1] 配对：reshape 成 [..., T, D/2, 2]。两种情况都能广播同一张 [T, D/2] 的 cos/sin 表。",
      },
      {
        en: "Use positions when given (decode offset), else 0..T−1; the default style is 'half'. Check your sign on x = [1..8] at position 1: out[0] = 1·cos 1 − 5·sin 1 ≈ −3.667. Wrap it all in tf.tidy, return float32 of x's exact shape, and throw RangeError for rank < 2, odd D, a wrong positions length, base <= 0 or an unknown style.",
        zh: "给了 positions 就用它（解码偏移），否则用 0..T−1；默认 style 是 'half'。用 x = [1..8]、位置 1 检查符号：out[0] = 1·cos 1 − 5·sin 1 ≈ −3.667。全部放进 tf.tidy，返回与 x 形状完全相同的 float32 张量；秩小于 2、D 为奇数、positions 长度不对、base <= 0 或未知 style 时抛 RangeError。",
      },
    ],
  },
  {
    slug: 'masked-loss',
    title: { en: 'Masked cross-entropy and the SFT loss', zh: '带 mask 的交叉熵与 SFT 损失' },
    minutes: 15,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['loss', 'cross-entropy', 'masking', 'sft', 'numerical-stability'],
    seed: [55, 73],
    hints: [
      {
        en: 'Per token, nll = logsumexp(logits) − logits[target]. Weight it by the mask and divide by sum(mask) over the whole batch: not by B·T, and not per sequence.',
        zh: '每个 token 的 nll = logsumexp(logits) − logits[target]。乘以 mask 权重后，除以整个 batch 的 sum(mask)：不是除以 B·T，也不是逐序列平均。',
      },
      {
        en: 'Read mask and targets with dataSync() first: RangeError for a negative/NaN weight or an out-of-range target whose weight is positive; tf.scalar(0) when sum(mask) = 0. Replace masked-out targets (e.g. -100) by a valid index before any gather (tf.gather throws on -100; tf.oneHot needs V ≥ 2).',
        zh: '先用 dataSync() 读取 mask 和 targets：权重为负或 NaN、或权重为正处 target 越界时抛 RangeError；sum(mask) = 0 时返回 tf.scalar(0)。在任何 gather 之前把 mask 为 0 处的 target（如 -100）换成合法下标（tf.gather 遇到 -100 会抛错；tf.oneHot 要求 V ≥ 2）。',
      },
      {
        en: 'causalLmLoss: logits[:, 0:T−1] against labels[:, 1:T], mask = (label ≠ ignoreIndex), then reuse maskedCrossEntropy; T = 1 gives 0. Do the tensor work inside tf.tidy and return a scalar of shape [], not [1].',
        zh: 'causalLmLoss：用 logits[:, 0:T−1] 对应 labels[:, 1:T]，mask = (label ≠ ignoreIndex)，再复用 maskedCrossEntropy；T = 1 时为 0。张量运算放在 tf.tidy 中，返回形状为 [] 而不是 [1] 的标量。',
      },
    ],
  },
  {
    slug: 'decoder-block-forward',
    title: { en: 'Decoder block forward pass on random tensors', zh: '随机 tensor 的 Decoder Block 前向计算' },
    minutes: 20,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['transformer', 'attention', 'rmsnorm', 'swiglu', 'tensor'],
    seed: [26],
    hints: [
      {
        en: 'Pre-norm: normalise the input of each sub-layer, then add its output back. h = x + MHA(RMSNorm(x)), y = h + MLP(RMSNorm(h)). RMSNorm never subtracts the mean, and eps goes inside the square root.',
        zh: 'Pre-norm：先对每个子层的输入做归一化，再把子层输出加回残差。h = x + MHA(RMSNorm(x))，y = h + MLP(RMSNorm(h))。RMSNorm 不减均值，eps 放在根号里面。',
      },
      {
        en: 'Flatten to [B·T, D] for every projection. For the heads, reshape to [B, T, H, Dh] and then transpose to [B, H, T, Dh]; reshaping straight to [B, H, T, Dh] mixes tokens. Scale the scores by 1/sqrt(Dh), not 1/sqrt(D).',
        zh: '所有投影都先展平成 [B·T, D]。拆头时先 reshape 成 [B, T, H, Dh]，再 transpose 成 [B, H, T, Dh]；直接 reshape 成 [B, H, T, Dh] 会把不同 token 混在一起。得分乘以 1/sqrt(Dh)，不是 1/sqrt(D)。',
      },
      {
        en: 'Causal mask: add −Infinity where key s > query t before the softmax. The MLP is silu(n·wGate) ⊙ (n·wUp), then ·wDown, with silu(z) = z·sigmoid(z). Wrap everything in tf.tidy, reshape back to [B, T, D], and throw RangeError when D % nHeads !== 0 or a weight shape is wrong.',
        zh: '因果 mask：softmax 之前在 key s > query t 的位置加上 −Infinity。MLP 为 silu(n·wGate) ⊙ (n·wUp) 再乘 wDown，其中 silu(z) = z·sigmoid(z)。全部包在 tf.tidy 里，最后 reshape 回 [B, T, D]；D % nHeads !== 0 或权重形状不对时抛 RangeError。',
      },
    ],
  },
  {
    slug: 'lora-linear',
    title: {
      en: 'LoRA linear layer: forward, init, merge and parameter count',
      zh: 'LoRA 线性层：前向、初始化、合并与参数量',
    },
    minutes: 15,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['lora', 'fine-tuning', 'low-rank', 'tensor', 'parameter-count'],
    seed: [11, 27, 36],
    hints: [
      {
        en: 'y = x·W + bias + s·(x·A)·B with s = alpha/r (rsLoRA: alpha/√r) and r = a.shape[1]. In this [in, out] layout A is [dIn, r] and B is [r, dOut], so go through the rank-r bottleneck: reshape x to [-1, dIn], multiply by A, then by B.',
        zh: 'y = x·W + bias + s·(x·A)·B，其中 s = alpha/r（rsLoRA：alpha/√r），r = a.shape[1]。在 [in, out] 布局下 A 是 [dIn, r]、B 是 [r, dOut]，所以先把 x reshape 成 [-1, dIn]，乘 A，再乘 B，经过秩为 r 的瓶颈。',
      },
      {
        en: 'initLora: B must be all zeros (A·B = 0, so the layer starts as the pretrained one) and A seeded and non-zero (else no gradient ever flows). mergeLora is W + s·A·B (A·B, not B·A: it must be [dIn, dOut]); unmergeLora subtracts the same s·A·B.',
        zh: 'initLora：B 必须全零（A·B = 0，层一开始等于预训练层），A 由种子决定且非零（否则梯度永远为零）。mergeLora 是 W + s·A·B（是 A·B 而不是 B·A，结果必须是 [dIn, dOut]）；unmergeLora 减去同一个 s·A·B。',
      },
      {
        en: 'Count r·(dIn + dOut) per adapted matrix per layer: q [hidden, heads·headDim], k/v [hidden, kvHeads·headDim], o [heads·headDim, hidden], gate/up [hidden, intermediate], down [intermediate, hidden]; headDim defaults to hidden/heads; no bias, no W. Llama-2-7B q,v r=8 → 4,194,304. Wrap tensor work in tf.tidy and throw RangeError for a bad r, alpha ≤ 0, mismatched shapes or an unknown target.',
        zh: '每层每个被适配的矩阵计 r·(dIn + dOut)：q 为 [hidden, heads·headDim]，k/v 为 [hidden, kvHeads·headDim]，o 为 [heads·headDim, hidden]，gate/up 为 [hidden, intermediate]，down 为 [intermediate, hidden]；headDim 默认 hidden/heads；不计偏置和 W。Llama-2-7B q、v、r=8 → 4,194,304。张量运算放进 tf.tidy；r 非法、alpha ≤ 0、形状不一致或 target 未知时抛 RangeError。',
      },
    ],
  },
  {
    slug: 'sampling',
    title: { en: 'Sampling: temperature, top-k, top-p, repetition penalty', zh: '采样：温度、top-k、top-p 与重复惩罚' },
    minutes: 20,
    difficulty: 'medium',
    kind: 'algorithm',
    tags: ['decoding', 'sampling', 'probability', 'logits-processing'],
    seed: [59],
    hints: [
      {
        en: 'Follow HF generate order: repetition penalty first, then temperature (divide by t) → top-k → top-p, each only when its option is given. Removed tokens become -Infinity, so softmax gives them probability 0. Never modify the inputs: map to new arrays.',
        zh: '按 HF generate 的顺序：先重复惩罚，然后温度（除以 t）→ top-k → top-p，只在给出对应选项时执行。被移除的 token 设为 -Infinity，softmax 后概率为 0。不要修改输入：用 map 生成新数组。',
      },
      {
        en: 'Top-k: sort a copy descending, take the k-th value, keep every logit >= it (ties kept). Top-p: softmax (subtract the max first), sort ids by probability descending (a stable sort keeps the lower index first on ties), keep ids while the mass before them is < p, and at least minKeep.',
        zh: 'top-k：把副本降序排序，取第 k 个值，保留所有 >= 它的 logit（并列保留）。top-p：softmax（先减去最大值），按概率降序排序 id（稳定排序使并列时下标小的在前），当前面的累计质量 < p 时保留该 id，且至少保留 minKeep 个。',
      },
      {
        en: 'Penalty: one pass over a Set of the distinct previous ids: v < 0 ? v * penalty : v / penalty. Sampling: draw u = rng() exactly once, then walk the probabilities in vocabulary index order and return the first i with u < running sum.',
        zh: '惩罚：对 previous 中不同 id 组成的 Set 处理一次：v < 0 ? v * penalty : v / penalty。采样：只调用一次 u = rng()，再按词表下标顺序累加概率，返回第一个满足 u < 累计和的 i。',
      },
    ],
  },
  {
    slug: 'kl-divergence',
    title: { en: 'KL divergence and cross-entropy', zh: 'KL 散度与交叉熵' },
    minutes: 15,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['loss', 'kl-divergence', 'cross-entropy', 'entropy', 'numerical-stability'],
    seed: [42],
    hints: [
      {
        en: 'Work in log space: logSoftmax(x) = (x − max) − log Σ exp(x − max) over the last axis. Then H(p) = −Σ p log p, H(p, q) = −Σ p log q and KL(p‖q) = Σ p (log p − log q) = H(p, q) − H(p), each a sum over axis −1 (no keepDims).',
        zh: '在对数空间里计算：沿最后一维 logSoftmax(x) = (x − max) − log Σ exp(x − max)。然后 H(p) = −Σ p log p，H(p, q) = −Σ p log q，KL(p‖q) = Σ p (log p − log q) = H(p, q) − H(p)，都是沿 axis −1 求和（不保留维度）。',
      },
      {
        en: 'p = exp(logSoftmax): where p = 0 (a −Infinity logit) the product p·log p is 0·(−Infinity) = NaN, so select those terms away with tf.where(p > 0, …, 0) instead of multiplying. p > 0 where log q = −Infinity must stay +Infinity.',
        zh: 'p = exp(logSoftmax)：p = 0（logit 为 −Infinity）处 p·log p 是 0·(−Infinity) = NaN，所以用 tf.where(p > 0, …, 0) 把这些项选掉，而不是相乘。p > 0 而 log q = −Infinity 处结果必须保持 +Infinity。',
      },
      {
        en: "klDivLoss is PyTorch's kl_div: input = log q, target = p, pointwise p·(log p − input), so it is KL(p‖q). 'mean' (the default) divides by every element, 'batchmean' by input.shape[0], 'sum' sums, 'none' keeps the shape. Check the shapes, the reduction and target ≥ 0 (dataSync) before any tensor work; wrap the rest in tf.tidy.",
        zh: "klDivLoss 就是 PyTorch 的 kl_div：input = log q，target = p，逐元素 p·(log p − input)，所以它是 KL(p‖q)。'mean'（默认）除以元素总数，'batchmean' 除以 input.shape[0]，'sum' 求和，'none' 保持形状。在任何张量运算之前检查形状、reduction 以及 target ≥ 0（dataSync）；其余放在 tf.tidy 中。",
      },
    ],
  },
  {
    slug: 'norms',
    title: { en: 'LayerNorm, RMSNorm and BatchNorm', zh: 'LayerNorm、RMSNorm 与 BatchNorm' },
    minutes: 15,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['normalization', 'layer-norm', 'batch-norm', 'tensor', 'numerical-stability'],
    seed: [67],
    hints: [
      {
        en: 'All three normalise over the last axis or across it: LayerNorm and RMSNorm reduce each row over the last axis (keepDims), BatchNorm reduces each channel (the last axis) over every OTHER axis. tf.moments(x, axes, keepDims) gives the mean and the biased variance.',
        zh: '三者都围绕最后一维：LayerNorm 和 RMSNorm 对每一行在最后一维上归约（keepDims），BatchNorm 对每个通道（最后一维）在其余所有维上归约。tf.moments(x, axes, keepDims) 返回均值和有偏方差。',
      },
      {
        en: 'Normalise first, then apply gamma/beta: (x − mean)·rsqrt(var + eps)·γ + β, eps INSIDE the square root. RMSNorm subtracts nothing: x·rsqrt(mean(x²) + eps)·γ, default eps 1e-6. Check [1, 2, 3, 4] → ±1.341635, ±0.447212 (LN) and 0.365148, … (RMS).',
        zh: '先归一化再乘 γ 加 β：(x − mean)·rsqrt(var + eps)·γ + β，eps 在平方根里面。RMSNorm 不减均值：x·rsqrt(mean(x²) + eps)·γ，默认 eps 1e-6。用 [1, 2, 3, 4] 检查：LN 得 ±1.341635、±0.447212，RMS 得 0.365148, …。',
      },
      {
        en: 'BatchNorm: the forward uses the biased variance, but the running variance stores the UNBIASED one (var·n/(n − 1)); running ← (1 − momentum)·running + momentum·batch with momentum 0.1. Return NEW running tensors, dispose nothing you were given, wrap the work in tf.tidy, and throw RangeError for rank 0, a wrong gamma/beta length, eps < 0, momentum outside [0, 1] or one element per channel.',
        zh: 'BatchNorm：前向用有偏方差，但 running var 存的是无偏方差（var·n/(n − 1)）；running ← (1 − momentum)·running + momentum·batch，momentum 为 0.1。返回新的 running 张量，不要释放传入的任何张量，用 tf.tidy 包住计算；秩为 0、gamma/beta 长度不对、eps < 0、momentum 不在 [0, 1] 内或每个通道只有一个元素时抛 RangeError。',
      },
    ],
  },
  {
    slug: 'online-softmax',
    title: { en: 'Online softmax and tiled attention', zh: '在线 softmax 与分块注意力' },
    minutes: 25,
    difficulty: 'hard',
    kind: 'tensor',
    tags: ['attention', 'flash-attention', 'numerics', 'memory'],
    seed: [8, 80],
    hints: [
      {
        en: 'Keep a running max m (starting at −∞) and a running sum ℓ of e^{x−m}. When a block raises the max to m′, rescale the old sum by e^{m−m′} before adding the block.',
        zh: '维护当前最大值 m（初值 −∞）和 e^{x−m} 的累加和 ℓ。某个块把最大值提高到 m′ 时，先把旧的和乘以 e^{m−m′}，再加上这个块。',
      },
      {
        en: 'Attention: per query block keep m, ℓ and an unnormalised output O. For each key block, scale O by the same e^{m−m′} as ℓ, add e^{S−m′}·V, and divide by ℓ only at the very end.',
        zh: '注意力：每个查询块维护 m、ℓ 和未归一化的输出 O。每处理一个键块，O 与 ℓ 乘以同一个 e^{m−m′}，再加上 e^{S−m′}·V；最后才除以 ℓ。',
      },
      {
        en: 'Causal is bottom-right aligned: key j is visible to query i when j ≤ i + Tk − Tq, using absolute indices, not in-block ones. Skip key blocks a row cannot see, and release each block’s tensors (a tf.tidy per block) so memory stays linear in T.',
        zh: '因果掩码右下对齐：当 j ≤ i + Tk − Tq 时查询 i 可以看到键 j，用全局下标而不是块内下标。跳过整行都看不到的键块，并及时释放每个块的张量（每块一个 tf.tidy），使显存随 T 线性增长。',
      },
    ],
  },
  {
    slug: 'mha-kv-cache',
    title: { en: 'Multi-head attention with a KV cache', zh: '带 KV 缓存的多头注意力' },
    minutes: 25,
    difficulty: 'hard',
    kind: 'tensor',
    tags: ['attention', 'kv-cache', 'inference', 'rope'],
    seed: [86],
    hints: [
      {
        en: 'The new tokens sit at absolute positions L … L+T−1 (L = cache.length). Project q, k, v, split heads as [B, H, T, Dh] (reshape, then transpose), and write k, v into cache slots [L, L+T).',
        zh: '新 token 位于绝对位置 L … L+T−1（L = cache.length）。投影出 q、k、v，拆成 [B, H, T, Dh]（先 reshape 再 transpose），再把 k、v 写入缓存的 [L, L+T) 槽位。',
      },
      {
        en: 'Attend over slots [0, L+T) only, never all Tmax: query i sees slot j when j ≤ L + i. Scale scores by 1/√Dh, not 1/√D.',
        zh: '只在 [0, L+T) 的槽位上做注意力，不要用全部 Tmax：查询 i 能看到槽位 j 当且仅当 j ≤ L + i。分数乘以 1/√Dh，而不是 1/√D。',
      },
      {
        en: 'With RoPE, rotate q and k at their absolute positions L+i before caching k. Build the new cache with tf.concat/slice instead of mutating the old one, and keep the returned tensors out of your tf.tidy’s disposal.',
        zh: '使用 RoPE 时，在写入缓存之前按绝对位置 L+i 旋转 q 和 k。用 tf.concat/slice 构造新缓存，不要修改旧缓存；返回的张量不能被 tf.tidy 释放。',
      },
    ],
  },
  {
    slug: 'moe-router',
    title: { en: 'Mixture-of-experts router', zh: '混合专家（MoE）路由' },
    minutes: 25,
    difficulty: 'hard',
    kind: 'tensor',
    tags: ['moe', 'routing', 'load-balancing', 'top-k'],
    seed: [83],
    hints: [
      {
        en: 'Softmax over all E experts first, then take the top k (ties to the lower index). With normalize (the default), divide the k gates by their sum.',
        zh: '先在全部 E 个专家上做 softmax，再取 top k（并列取下标小者）。normalize（默认开启）时，把这 k 个门控值除以它们的和。',
      },
      {
        en: 'Capacity is ceil(k·T·cf / E). Fill it slot-major: every token’s first choice in token order, then every second choice. A dropped assignment contributes 0; do not renormalise after dropping.',
        zh: '容量为 ceil(k·T·cf / E)。按槽位优先填充：先按 token 顺序放所有第一选择，再放所有第二选择。被丢弃的分配贡献为 0，丢弃后不要重新归一化。',
      },
      {
        en: 'Aux loss = E·Σᵢ fᵢ·Pᵢ: fᵢ is the share of the T·k assignments (before dropping) that chose expert i, Pᵢ the mean full-softmax probability. It is 1 when perfectly balanced.',
        zh: '辅助损失 = E·Σᵢ fᵢ·Pᵢ：fᵢ 是（丢弃之前）T·k 个分配中选择专家 i 的比例，Pᵢ 是完整 softmax 概率的平均值。完全均衡时等于 1。',
      },
    ],
  },
  {
    slug: 'dpo-loss',
    title: { en: 'DPO loss from sequence log-probs', zh: '由序列对数概率计算 DPO 损失' },
    minutes: 20,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['loss', 'dpo', 'preference-optimization', 'rlhf', 'numerical-stability', 'masking'],
    seed: [37],
    hints: [
      {
        en: 'sequenceLogProbs: logits at position t predict labels[:, t+1]; sum log_softmax at the labels that are not ignoreIndex (mean over them when average). dpoLoss: everything depends only on h = (πc − πr) − (refc − refr).',
        zh: 'sequenceLogProbs：位置 t 的 logits 预测 labels[:, t+1]；对不等于 ignoreIndex 的 label 累加 log_softmax（average 时取平均）。dpoLoss：一切只依赖 h = (πc − πr) − (refc − refr)。',
      },
      {
        en: 'sigmoid: (1−ε)·softplus(−βh) + ε·softplus(βh), since −log σ(x) = softplus(−x) stays finite at βh = −1000; ipo: (h − 1/(2β))²; hinge: relu(1 − βh). β goes inside, on h; ε only touches sigmoid. Rewards are β(π − ref).',
        zh: 'sigmoid：(1−ε)·softplus(−βh) + ε·softplus(βh)，因为 −log σ(x) = softplus(−x)，βh = −1000 时仍然有限；ipo：(h − 1/(2β))²；hinge：relu(1 − βh)。β 乘在 h 上（在 sigmoid 里面）；ε 只影响 sigmoid。奖励为 β(π − ref)。',
      },
      {
        en: 'Read labels with dataSync() first: RangeError for a counted label outside [0, V), or an empty row when average; point ignored positions at a valid index with weight 0 before tf.gather. Validate β > 0, 0 ≤ ε < 0.5 and equal lengths, then do the tensor work in tf.tidy; loss = mean(losses), shape [].',
        zh: '先用 dataSync() 读取 labels：被计入的 label 越界、或 average 时某行没有被计入的 label，抛 RangeError；在 tf.gather 之前把被忽略的位置指向一个合法下标并令权重为 0。检查 β > 0、0 ≤ ε < 0.5 和长度一致，再在 tf.tidy 中做张量运算；loss = mean(losses)，形状为 []。',
      },
    ],
  },
  {
    slug: 'grpo-advantage',
    title: { en: 'GRPO group advantages and clipped loss', zh: 'GRPO 组内优势与截断损失' },
    minutes: 20,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['rlhf', 'grpo', 'ppo', 'kl', 'masking'],
    seed: [37, 70],
    hints: [
      {
        en: "Groups are contiguous runs of G rewards. Subtract each group's own mean, then divide by its unbiased std (n − 1) plus eps; a zero std gives 0.",
        zh: '分组是连续的 G 个奖励。减去本组均值，再除以本组无偏标准差（n − 1）加 eps；标准差为 0 时结果为 0。',
      },
      {
        en: 'Per token: r = exp(logp − oldLogp), loss = −min(r·A, clip(r, 1−ε, 1+ε_high)·A) + β·(exp(ref − logp) − (ref − logp) − 1). Broadcast A as [B, 1].',
        zh: '逐 token：r = exp(logp − oldLogp)，loss = −min(r·A, clip(r, 1−ε, 1+ε_high)·A) + β·(exp(ref − logp) − (ref − logp) − 1)。把 A 扩成 [B, 1] 来广播。',
      },
      {
        en: "Multiply by the mask. 'sequence': each row's masked sum ÷ its mask count, then the mean of the rows. 'token': total masked sum ÷ max(total count, 1). Wrap it all in tf.tidy.",
        zh: "乘以 mask。'sequence'：每行 mask 后的和除以该行 mask 个数，再对行取平均；'token'：总和除以 max(总个数, 1)。全部放进 tf.tidy。",
      },
    ],
  },
  {
    slug: 'grad-accumulation',
    title: { en: 'Gradient accumulation and checkpointing', zh: '梯度累积与梯度检查点' },
    minutes: 15,
    difficulty: 'medium',
    kind: 'algorithm',
    tags: ['training', 'memory', 'loss-normalisation', 'checkpointing'],
    seed: [46],
    hints: [
      {
        en: 'The full batch divides the summed token loss by the number of valid tokens in ALL micro-batches. Averaging per-micro-batch means weighs a 1-token micro-batch like a 1000-token one.',
        zh: '全批次把所有 token 损失之和除以「所有」微批次中的有效 token 数。对每个微批次的均值再取平均，会让 1 个 token 的微批次与 1000 个 token 的微批次同等权重。',
      },
      {
        en: "Count num_items_in_batch = Σ mask over every micro-batch first, then add each micro-batch's summed loss and gradient 2·m·(x·θ − y)·x divided by that one count. Zero valid tokens: loss 0, grad zeros.",
        zh: '先在所有微批次上统计 num_items_in_batch = Σ mask，再把每个微批次的损失和梯度 2·m·(x·θ − y)·x 之和除以这一个总数后累加。没有有效 token 时：loss 为 0，梯度全 0。',
      },
      {
        en: 'Checkpointing: ceil(L/k) + k is smallest near k = √L; scan k = 1..L and keep a new k only when it is strictly better, so ties go to the smallest k. Validate segment with Number.isInteger.',
        zh: '检查点：ceil(L/k) + k 在 k ≈ √L 附近最小；扫描 k = 1..L，只有严格更优时才更新，这样并列时取最小的 k。用 Number.isInteger 校验 segment。',
      },
    ],
  },
  {
    slug: 'training-memory',
    title: { en: 'Training memory: ZeRO and activations', zh: '训练显存估算：ZeRO 与激活值' },
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
        en: 'Multiply before dividing: (K·Ψ)/N, and 34sbh + 5as²b rather than sbh·(34 + 5as/h), so whole-byte answers stay exact. Throw RangeError for params ≤ 0, non-integer or < 1 gpus, unknown stage, k < 0.',
        zh: '先乘后除：(K·Ψ)/N，以及 34sbh + 5as²b 而不是 sbh·(34 + 5as/h)，整数结果才能精确。params ≤ 0、gpus 非正整数、未知 stage、k < 0 时抛 RangeError。',
      },
    ],
  },
  {
    slug: 'sft-packing-mask',
    title: { en: 'SFT loss masks and sequence packing', zh: 'SFT 损失掩码与序列打包' },
    minutes: 20,
    difficulty: 'medium',
    kind: 'tensor',
    tags: ['sft', 'packing', 'attention-mask', 'memory'],
    seed: [73, 80],
    hints: [
      {
        en: 'Labels are not shifted (the model shifts): prompt positions get ignoreIndex (−100), response positions keep their ids. When packing, also set each sequence’s first label to −100.',
        zh: '标签不做移位（由模型移位）：提示部分为 ignoreIndex（−100），回答部分保留 token id。打包时，还要把每条序列的第一个标签设为 −100。',
      },
      {
        en: 'Positions restart at 0 for every sequence; seqIds number the sequences; cuSeqlens is the running total of lengths starting with 0. mask[i][j] = 1 when seqIds agree and j ≤ i.',
        zh: '每条序列的位置都从 0 重新开始；seqIds 给序列编号；cuSeqlens 是长度的前缀和，以 0 开头。当 seqIds 相同且 j ≤ i 时 mask[i][j] = 1。',
      },
      {
        en: 'packedAttention: loop over the sequences given by cuSeqlens and run ordinary causal attention (scale 1/√d) on each slice, then concat. Nothing of size [T, T] is ever built.',
        zh: 'packedAttention：按 cuSeqlens 遍历每条序列，对每个切片做普通的因果注意力（缩放 1/√d），最后拼接。任何时候都不构造 [T, T] 的张量。',
      },
    ],
  },
  {
    slug: 'ring-allreduce',
    title: { en: 'Ring all-reduce and its traffic', zh: 'Ring All-Reduce 及其通信量' },
    minutes: 20,
    difficulty: 'medium',
    kind: 'algorithm',
    tags: ['distributed-training', 'communication', 'simulation'],
    seed: [52],
    hints: [
      {
        en: 'Split every buffer into N chunks as np.array_split does (the first S mod N chunks one longer). Reduce-scatter runs N−1 steps, then all-gather runs N−1 steps.',
        zh: '像 np.array_split 一样把每个缓冲区切成 N 块（前 S mod N 块多一个元素）。先做 N−1 步 reduce-scatter，再做 N−1 步 all-gather。',
      },
      {
        en: 'Reduce-scatter step s: worker i sends chunk (i−s) mod N to worker i+1, which adds it. All-gather step s: worker i sends chunk (i+1−s) mod N and the receiver overwrites. Compute a step’s messages from the state before the step.',
        zh: 'reduce-scatter 第 s 步：worker i 把第 (i−s) mod N 块发给 i+1，接收方累加。all-gather 第 s 步：worker i 发送第 (i+1−s) mod N 块，接收方覆盖。每一步的消息都基于该步之前的状态计算。',
      },
      {
        en: 'Each worker sends 2(N−1) chunks, about 2(N−1)/N·S elements in all; a parameter server’s root receives and sends (N−1)·S. Copy the inputs first: never modify the caller’s buffers.',
        zh: '每个 worker 共发送 2(N−1) 块，约 2(N−1)/N·S 个元素；参数服务器的根节点收发各 (N−1)·S。先复制输入：不要修改调用者的缓冲区。',
      },
    ],
  },
  {
    slug: 'half-precision',
    title: { en: 'fp16, bf16 and dynamic loss scaling', zh: 'fp16、bf16 与动态损失缩放' },
    minutes: 20,
    difficulty: 'hard',
    kind: 'algorithm',
    tags: ['numerics', 'mixed-precision', 'bit-manipulation', 'training'],
    seed: [82],
    hints: [
      {
        en: 'Read the float32 bits with a DataView (or Uint32Array over the same buffer). bf16 is the top 16 bits, rounded to nearest with ties to even; handle NaN before rounding so it never becomes Infinity.',
        zh: '用 DataView（或共享缓冲区的 Uint32Array）读取 float32 的位。bf16 取高 16 位，按就近舍入、平局取偶；在舍入之前先处理 NaN，避免它变成 Infinity。',
      },
      {
        en: 'fp16: 5 exponent bits (bias 15), 10 mantissa bits. Values ≥ 65520 round to Infinity (IEEE, no saturation); below 2⁻¹⁴ keep subnormals, rounding to multiples of 2⁻²⁴ with ties to even.',
        zh: 'fp16：5 位指数（偏置 15）、10 位尾数。≥ 65520 的值舍入为 Infinity（IEEE，不饱和）；小于 2⁻¹⁴ 时保留次正规数，按 2⁻²⁴ 的倍数舍入，平局取偶。',
      },
      {
        en: 'Scaler: on a non-finite gradient multiply the scale by backoff, reset the clean-step counter and skip the step; otherwise count the step and grow the scale after growthInterval clean steps in a row. unscale multiplies by 1/scale in float32 and returns a new array.',
        zh: '缩放器：出现非有限梯度时，scale 乘以 backoff，清空连续正常步计数并跳过该步；否则计数加一，连续 growthInterval 步正常后放大 scale。unscale 在 float32 中乘以 1/scale，并返回新数组。',
      },
    ],
  },
];

export function findKata(slug: string): Kata | undefined {
  return KATAS.find((kata) => kata.slug === slug);
}
