import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why is the ring called bandwidth-optimal, and what does it cost in latency at 1024 GPUs?',
      zh: '为什么说环形算法带宽最优？在 1024 张 GPU 上它的延迟代价是什么？',
    },
    a: {
      en: 'Every worker must receive the other workers’ share of its own chunk and then the other N − 1 finished chunks, (N−1)/N·S each way, so 2(N−1)/N·S per worker is the lower bound, and the ring meets it for any N. But it takes 2(N−1) sequential steps: 2046 latency hops at N = 1024, which is why NCCL switches to trees (O(log N) steps) or hierarchical rings for small messages and large N.',
      zh: '每个 worker 都必须收到其他 worker 对自己那一块的贡献，再收到其余 N − 1 个已完成的块，两个方向各 (N−1)/N·S，所以每个 worker 2(N−1)/N·S 是下界，而环对任意 N 都能达到它。但它需要 2(N−1) 个串行步骤：N = 1024 时是 2046 次延迟跳转，这就是 NCCL 在消息小、N 大时改用树（O(log N) 步）或分层环的原因。',
    },
    numbers: [{ text: '2046', equals: 2046, compute: () => 2 * (1024 - 1) }],
  },
  {
    q: {
      en: 'How long does all-reducing 7B fp16 gradients take on 8 GPUs with 100 GB/s links?',
      zh: '8 张 GPU、每条链路 100 GB/s 时，对 7B 参数的 fp16 梯度做 all-reduce 要多久？',
    },
    a: {
      en: 'The buffer is Φ = 14 GB; each GPU sends and receives 2·7/8 · 14 GB = 24.5 GB, so about 0.245 s at 100 GB/s if bandwidth is the only cost. DDP hides most of it by all-reducing gradient buckets as soon as the backward pass has produced them, overlapping communication with the rest of the backward.',
      zh: '缓冲区 Φ = 14 GB；每张 GPU 收发各 2·7/8 · 14 GB = 24.5 GB，只考虑带宽的话，100 GB/s 下约需 0.245 s。DDP 把梯度分成若干桶，反向传播一算出某个桶就立即对它做 all-reduce，让通信与剩下的反向计算重叠，从而隐藏了大部分时间。',
    },
    numbers: [
      { text: '24.5 GB', equals: 24.5, compute: () => ((2 * (8 - 1)) / 8) * 14 },
      { text: '0.245 s', equals: 0.245, compute: () => (((2 * (8 - 1)) / 8) * 14e9) / 100e9 },
    ],
  },
  {
    q: {
      en: 'The ring adds chunk c starting at worker c. Does the order of the additions matter in training?',
      zh: '环从 worker c 开始累加第 c 块。加法顺序在训练中重要吗？',
    },
    a: {
      en: 'Floating-point addition is not associative, so each chunk’s sum depends on where the ring starts: [1e16, −1e16, 1] gives 1 in chunk 0 and 0 in the others. All workers still agree bit for bit, because the all-gather copies one result everywhere, and that is what keeps the replicas in sync. But changing N, the algorithm (ring or tree) or the chunking changes the bits, so runs are reproducible only with the same topology and NCCL settings.',
      zh: '浮点加法不满足结合律，所以每块的和取决于环从哪里开始：[1e16, −1e16, 1] 在第 0 块得到 1，在其他块得到 0。所有 worker 之间仍逐位一致，因为 all-gather 把同一个结果复制到每个 worker，这正是各副本保持同步的原因。但改变 N、算法（环或树）或分块方式都会改变结果的位，所以只有在相同的拓扑和 NCCL 设置下运行才能复现。',
    },
  },
  {
    q: {
      en: 'Compare the ring with a single parameter server at N = 64.',
      zh: '在 N = 64 时比较环和单个参数服务器。',
    },
    a: {
      en: 'The parameter server’s root receives and sends (N − 1)·Φ = 63Φ, a hot spot whose link sets the pace; the ring sends 2·63/64 Φ = 1.96875Φ per GPU, spread evenly over all links. Sharded parameter servers (each server owns 1/N of the parameters) remove the hot spot and then move the same 2(N−1)/N·Φ per worker as the ring.',
      zh: '参数服务器的根节点收发各 (N − 1)·Φ = 63Φ，是一个热点，它的链路决定了整体速度；环每张 GPU 只发送 2·63/64 Φ = 1.96875Φ，均匀分布在所有链路上。分片的参数服务器（每个服务器负责 1/N 的参数）消除了热点，此时每个 worker 的通信量与环相同，也是 2(N−1)/N·Φ。',
    },
    numbers: [
      { text: '63Φ', equals: 63, compute: () => 64 - 1 },
      { text: '1.96875Φ', equals: 1.96875, compute: () => (2 * (64 - 1)) / 64 },
    ],
  },
]);
