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
    tags: ['graph', 'bfs', 'grid'],
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
];

export function findKata(slug: string): Kata | undefined {
  return KATAS.find((kata) => kata.slug === slug);
}
