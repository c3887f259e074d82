import { defineFollowups } from '../../src/kit/followups.ts';

const V = 128_256; // Llama 3's vocabulary
const B = 4;

export default defineFollowups([
  {
    q: {
      en: 'Why does beam search need a length penalty at all, and what do lengthPenalty 0, 1 and 2 do?',
      zh: '束搜索为什么需要长度惩罚？lengthPenalty 为 0、1、2 时分别起什么作用？',
    },
    a: {
      en: 'Every token adds a log-prob ≤ 0, so the raw sum (lengthPenalty 0) always prefers stopping early: a short hypothesis that hits EOS beats any longer one that is as likely per token. Dividing by len (1) compares average log-probs per token; 2 favours long outputs even more, and a negative value favours short ones. GNMT (Wu et al., 2016) used ((5 + len) / 6)^α instead; HF divides by len ** length_penalty, len counting the generated tokens with the EOS.',
      zh: '每个 token 都加上一个 ≤ 0 的 log-prob，所以原始 sum（lengthPenalty 0）总是偏向早停：一个很快遇到 EOS 的短假设，胜过每个 token 同样可能的任何长假设。除以 len（1）比较的是每个 token 的平均 log-prob；2 更偏向长输出，负值则偏向短输出。GNMT（Wu 等，2016）用的是 ((5 + len) / 6)^α；HF 除以 len ** length_penalty，len 是生成的 token 数，包含 EOS。',
    },
  },
  {
    q: {
      en: "With Llama 3's vocabulary of 128256 tokens and 4 beams, what does one position cost, and why does HF not sort all candidates?",
      zh: '对 Llama 3 的 128256 个 token 的词表、4 个束，每个位置的代价是多少？HF 为什么不对所有候选排序？',
    },
    a: {
      en: 'There are 4·128256 = 513024 candidates per position; sorting them costs about 9731000 comparisons. HF only needs the best 2·num_beams = 8 of them: torch.topk over the flattened num_beams·V scores is a selection, O(B·V) work on a GPU (a size-8 heap would cost about B·V·log2 8 ≈ 1539000 comparisons on a CPU). The 2·num_beams is what guarantees num_beams unfinished candidates even if every beam picked EOS.',
      zh: '每个位置有 4·128256 = 513024 个候选；全部排序约需 9731000 次比较。HF 只需要其中最好的 2·num_beams = 8 个：在展平的 num_beams·V 个分数上做 torch.topk 是一次选择，在 GPU 上是 O(B·V) 的工作（在 CPU 上用大小为 8 的堆约需 B·V·log2 8 ≈ 1539000 次比较）。取 2·num_beams 个，正是为了即使每个束都选了 EOS，也仍有 num_beams 个未结束的候选。',
    },
    numbers: [
      { text: '513024', equals: 513_024, compute: () => B * V },
      { text: '9731000', equals: 9_731_000, compute: () => Math.round((B * V * Math.log2(B * V)) / 1000) * 1000 },
      { text: '1539000', equals: 1_539_000, compute: () => Math.round((B * V * Math.log2(2 * B)) / 1000) * 1000 },
    ],
  },
  {
    q: {
      en: 'HF also has early_stopping=False (its default) and "never". How do they differ from the True you implemented?',
      zh: 'HF 还有 early_stopping=False（默认值）和 "never"。它们和你实现的 True 有什么不同？',
    },
    a: {
      en: 'True stops as soon as num_beams hypotheses are finished, even if a running beam could still beat one of them. False keeps going while the best running beam, scored at its current length (sum / cur_len ** length_penalty), would beat the worst finished one: a heuristic, wrong when a positive penalty rewards growing longer. "never" scores the running beam at max_length when length_penalty > 0, so it stops only when no improvement is possible: the canonical algorithm (with length_penalty 0).',
      zh: 'True 一有 num_beams 个假设结束就停，即使某个运行中的束还能胜过其中之一。False 在最好的运行束按当前长度打分（sum / cur_len ** length_penalty）仍能胜过最差的已结束假设时继续：这是一种启发式，当正的惩罚奖励变长时会出错。"never" 在 length_penalty > 0 时按 max_length 给运行束打分，只有在不可能再改进时才停：这才是经典算法（配合 length_penalty 0）。',
    },
  },
  {
    q: {
      en: 'In a real model each beam has a KV cache. What happens to it when beams are reordered, and what does it cost?',
      zh: '真实模型里每个束都有自己的 KV cache。束重新排列时它怎么处理？代价是多少？',
    },
    a: {
      en: "After each position the kept candidates come from arbitrary parent beams, so the cache is gathered along the batch dimension by the parents' indices (HF's cache.reorder_cache(beam_idx)); a parent chosen twice is copied. Memory grows with the number of beams: Llama 2 7B keeps 2·32 layers·4096·2 bytes = 524288 bytes (0.5 MiB) per token, so 4 beams of 2048 tokens hold 4 GiB of cache. Paged attention shares the common prefix blocks of beams copy-on-write instead.",
      zh: '每个位置之后，被保留的候选来自任意的父束，所以要按父束下标沿 batch 维度重新收集 cache（HF 的 cache.reorder_cache(beam_idx)）；被选中两次的父束会被复制。内存随束数增长：Llama 2 7B 每个 token 保存 2·32 层·4096·2 字节 = 524288 字节（0.5 MiB），4 个束、每个 2048 个 token 就有 4 GiB 的 cache。paged attention 则用写时复制让各束共享公共前缀的块。',
    },
    numbers: [
      { text: '524288', equals: 524_288, compute: () => 2 * 32 * 4096 * 2 },
      { text: '4 GiB', equals: 4, compute: () => (2 * 32 * 4096 * 2 * 4 * 2048) / 2 ** 30 },
    ],
  },
  {
    q: {
      en: 'Why do chat models mostly sample instead of using beam search?',
      zh: '为什么聊天模型大多用采样而不是束搜索？',
    },
    a: {
      en: "Beam search maximises likelihood, and the most likely open-ended text is bland and repetitive (Holtzman et al., 2019, 'The Curious Case of Neural Text Degeneration'); its beams also tend to differ in a token or two. It shines where one right answer exists: translation, speech recognition, constrained decoding. Diverse beam search (num_beam_groups with a diversity penalty) or sampling with top-p and a repetition penalty are the usual fixes.",
      zh: '束搜索最大化似然，而开放式文本中最可能的往往平淡且重复（Holtzman 等，2019，《The Curious Case of Neural Text Degeneration》）；而且各个束往往只差一两个 token。它适合有唯一正确答案的场景：翻译、语音识别、受约束的解码。常见的改进是多样化束搜索（num_beam_groups 配合多样性惩罚），或者用 top-p 采样加重复惩罚。',
    },
  },
]);
