import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'Why learn the log of the scale and clamp it at 100, instead of fixing the temperature?',
      zh: '为什么学习 scale 的对数并把它截断在 100，而不是把温度固定下来？',
    },
    a: {
      en: 'The temperature sets how peaked the softmax over the batch is, and the best value changes during training, so CLIP learns it; parameterising it as exp(logitScale) keeps the scale positive and makes the updates multiplicative. Left alone, the loss keeps rewarding a sharper softmax on pairs already ranked right, so the scale grows and training becomes unstable; CLIP and open_clip cap it at 100 (temperature 0.01). The init ln(1/0.07) = 2.659 is a temperature of 0.07, a scale of 14.29.',
      zh: '温度决定 batch 上 softmax 的尖锐程度，而最佳取值在训练中会变化，所以 CLIP 把它作为参数学习；写成 exp(logitScale) 能保证 scale 为正，更新也是乘性的。如果不加限制，损失会在已经排对的样本对上不断奖励更尖的 softmax，scale 一直增大，训练变得不稳定；CLIP 和 open_clip 把它限制在 100（温度 0.01）。初始值 ln(1/0.07) = 2.659 对应温度 0.07，即 scale 14.29。',
    },
    numbers: [
      { text: '2.659', equals: 2.659, compute: () => Math.round(Math.log(1 / 0.07) * 1000) / 1000 },
      { text: '14.29', equals: 14.29, compute: () => Math.round((1 / 0.07) * 100) / 100 },
    ],
  },
  {
    q: {
      en: 'How does the batch size matter, and what changes when training on many GPUs?',
      zh: 'batch 大小有什么影响？在多卡上训练时有什么变化？',
    },
    a: {
      en: "Every other item of the batch is a negative, so a bigger batch gives more and harder negatives, and the chance level rises with it: embeddings that cannot tell the items apart score ln N, ln 32768 = 10.397 for CLIP's batch of 32768. With data parallelism each GPU all-gathers the other GPUs' embeddings (open_clip's gather_with_grad) so its local rows are scored against the global batch; the logits matrix is N_local × N_global, and the labels are shifted by rank · N_local. SigLIP replaces the softmax with an independent sigmoid per pair so it needs no global normalisation.",
      zh: 'batch 中其他每个样本都是负样本，所以 batch 越大，负样本越多、越难；随机水平也随之升高：无法区分样本的嵌入得到 ln N，CLIP 的 batch 为 32768，ln 32768 = 10.397。数据并行时每张卡都 all-gather 其他卡的嵌入（open_clip 的 gather_with_grad），让本地的行和全局 batch 比较；logits 矩阵为 N_local × N_global，标签要平移 rank · N_local。SigLIP 把 softmax 换成每一对独立的 sigmoid，因此不需要全局归一化。',
    },
    numbers: [{ text: '10.397', equals: 10.397, compute: () => Math.round(Math.log(32768) * 1000) / 1000 }],
  },
  {
    q: {
      en: 'Why is the loss symmetric, and what would one direction alone learn?',
      zh: '为什么损失是对称的？只用一个方向会学到什么？',
    },
    a: {
      en: "The image → text term asks each image to pick its caption among the batch's texts, the text → image term asks each caption to pick its image. With only one, the model can let several texts crowd near one image (a hub) as long as each image still ranks its own caption first; the other direction penalises that. Retrieval is used both ways (text search for images, zero-shot classification scores an image against class prompts), so both are trained.",
      zh: 'image → text 项要求每张图像在 batch 的文本中挑出自己的描述，text → image 项要求每条描述挑出自己的图像。如果只用一个方向，只要每张图像仍然把自己的描述排第一，模型就可以让好几条文本挤在同一张图像附近（形成 hub）；另一个方向会惩罚这种情况。检索是双向使用的（用文本搜图像；零样本分类是拿一张图像去比各个类别的提示词），所以两个方向都要训练。',
    },
  },
  {
    q: {
      en: 'How is InfoNCE related to mutual information, and how does MoCo get more negatives than the batch?',
      zh: 'InfoNCE 和互信息有什么关系？MoCo 是怎样获得比 batch 更多的负样本的？',
    },
    a: {
      en: "Van den Oord et al. show I(x; c) ≥ ln N − L_InfoNCE, so with N candidates the bound can never exceed ln N: more negatives allow a tighter estimate. MoCo keeps a queue of keys from past batches (65536 of them) encoded by a slowly updated momentum encoder, concatenates the positive logit in front of the queue's logits and uses label 0 for every query; with in-batch negatives, as here, the label of row i is i.",
      zh: 'van den Oord 等人证明 I(x; c) ≥ ln N − L_InfoNCE，所以有 N 个候选时这个下界永远不会超过 ln N：负样本越多，估计越紧。MoCo 维护一个来自过去 batch 的 key 队列（共 65536 个），由缓慢更新的动量编码器编码，把正样本 logit 拼在队列 logits 的前面，所有 query 的标签都是 0；像本题这样用 batch 内负样本时，第 i 行的标签是 i。',
    },
  },
]);
