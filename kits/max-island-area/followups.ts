import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'How much extra memory does your solution use on a 1000 x 1000 grid, and how could you shrink it?',
      zh: '在 1000 x 1000 的网格上，你的解法额外用了多少内存？怎样能省下来？',
    },
    a: {
      en: 'One visited flag per cell is 1000000 bytes as a Uint8Array, and an explicit DFS stack can hold every cell of a snake-shaped island: 4000000 bytes as an Int32Array of cell indexes. A bitset cuts the flags to 125000 bytes; a BFS queue with a head index still needs room for every cell pushed, but the live frontier of a BFS is only O(R + C) on a compact island. Sinking cells in the grid itself needs no flags at all, which is why editorials do it, but the contract forbids changing the grid.',
      zh: '每个格子一个已访问标记，用 Uint8Array 是 1000000 字节；显式的 DFS 栈在蛇形岛上可能装下所有格子：用 Int32Array 存格子下标是 4000000 字节。改用位图，标记只要 125000 字节；带头指针的 BFS 队列仍要给每个入队的格子留位置，但在紧凑的岛上 BFS 的活跃前沿只有 O(R + C)。直接在网格里“沉岛”完全不需要标记，所以题解常这么写，但本题契约禁止修改网格。',
    },
    numbers: [
      { text: '1000000', equals: 1_000_000, compute: () => 1000 * 1000 },
      { text: '4000000', equals: 4_000_000, compute: () => 1000 * 1000 * Int32Array.BYTES_PER_ELEMENT },
      { text: '125000', equals: 125_000, compute: () => (1000 * 1000) / 8 },
    ],
  },
  {
    q: {
      en: 'When would you use union-find instead of a flood fill?',
      zh: '什么时候用并查集而不是灌水（flood fill）？',
    },
    a: {
      en: 'When land arrives over time (cells turned into land one by one, LeetCode 305) or the grid streams in row by row: union-find joins a new cell with its land neighbours in near-constant amortised time (path compression and union by size) and keeps every island size up to date, where a flood fill would start over. It also needs only the previous row of labels in memory. For one static grid a flood fill is simpler and just as fast.',
      zh: '当陆地是随时间逐个出现的（格子一个个变成陆地，LeetCode 305），或者网格按行流式到来时：并查集把新格子与相邻陆地合并，均摊时间接近常数（路径压缩加按大小合并），并随时保持每座岛的面积，而灌水就得重来。它还只需把上一行的标签留在内存里。对一张静态网格，灌水更简单，也一样快。',
    },
  },
  {
    q: {
      en: 'Where does this show up around ML models, and does the connectivity matter there?',
      zh: '这在机器学习模型周边的什么地方会用到？连通性的定义在那里重要吗？',
    },
    a: {
      en: "Connected-component labelling cleans up segmentation masks: Segment Anything's automatic mask generator, with min_mask_region_area set, removes small islands and fills small holes in each mask via cv2.connectedComponentsWithStats with 8-connectivity, and document-layout and OCR pipelines group pixels or boxes the same way. The connectivity changes the answer: under 8-connectivity a diagonal chain is one region, under 4-connectivity (this kata) it is many, so it must match what the downstream code expects.",
      zh: '连通域标记用来清理分割掩码：Segment Anything 的自动掩码生成器在设置了 min_mask_region_area 时，会用 cv2.connectedComponentsWithStats（8 连通）去掉每个掩码里的小岛、填上小洞；文档版面分析和 OCR 流水线也用同样的办法把像素或框分组。连通性会改变结果：8 连通下一条对角链是一个区域，4 连通（本题）下则是许多个，所以必须和下游代码的假设一致。',
    },
  },
  {
    q: {
      en: 'The grid is a 10^5 x 10^5 satellite mask that does not fit in memory. What changes?',
      zh: '如果网格是 10^5 x 10^5 的卫星图掩码，内存放不下，该怎么办？',
    },
    a: {
      en: 'Label it in tiles: flood-fill (or union-find) each tile independently, keeping per tile the area of every local island and the labels on its four borders, then merge across tile seams with a union-find over the local labels, adding their areas. Tiles can be processed in parallel or streamed from disk; only the border labels and one area per label stay in memory. That is how parallel connected-component labelling works, e.g. on GPUs.',
      zh: '分块标记：对每一块独立灌水（或用并查集），每块只保留各个局部岛的面积和四条边上的标签，然后用一个以局部标签为元素的并查集沿着块与块的接缝合并，把面积相加。各块可以并行处理，也可以从磁盘流式读入；内存里只需留下边界标签和每个标签的面积。并行连通域标记（比如在 GPU 上）就是这样做的。',
    },
  },
]);
