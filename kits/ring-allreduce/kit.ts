import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: 'ring-allreduce',
  title: {
    en: 'Ring all-reduce and its traffic',
    zh: 'Ring All-Reduce 及其通信量',
  },
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
});
