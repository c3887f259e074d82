import { defineFollowups } from '../../src/kit/followups.ts';

export default defineFollowups([
  {
    q: {
      en: 'What does λ trade off in GAE, and what is the effective horizon of γ = 0.99, λ = 0.95?',
      zh: 'GAE 里的 λ 在权衡什么？γ = 0.99、λ = 0.95 的有效视野是多少？',
    },
    a: {
      en: 'λ = 0 uses only the one-step TD error r + γV′ − V: low variance, but biased by every error of the critic. λ = 1 uses the whole Monte Carlo return: unbiased (given the bootstrap) but high variance. In between, the TD errors are weighted by (γλ)^l, so the trace halves about every ln 2 / −ln(γλ) steps and sums to 1/(1 − γλ) ≈ 16.81 steps of weight for γλ = 0.9405, which is why critics need to be good only over a short horizon.',
      zh: 'λ = 0 只用一步 TD 误差 r + γV′ − V：方差低，但 critic 的每个误差都会带来偏差。λ = 1 用完整的蒙特卡洛回报：（在自举值给定时）无偏，但方差大。介于两者之间时 TD 误差按 (γλ)^l 加权，权重每 ln 2 / −ln(γλ) 步减半，总权重为 1/(1 − γλ)，γλ = 0.9405 时约 16.81 步，所以 critic 只需在较短的视野上准确。',
    },
    numbers: [{ text: '16.81', equals: 16.81, compute: () => Math.round((1 / (1 - 0.99 * 0.95)) * 100) / 100 }],
  },
  {
    q: {
      en: 'Why bootstrap with lastValue when the rollout ends mid-episode, and what about time-limit truncation?',
      zh: '为什么 rollout 在 episode 中途结束时要用 lastValue 自举？因时间上限被截断的情况又怎么办？',
    },
    a: {
      en: "The rollout length (CleanRL's num_steps = 128) is a bookkeeping boundary, not the end of the game: without V(s_T) the last steps would look as if all future reward were 0. A time limit is the same situation: the state was not terminal, so the correct target bootstraps from V of the truncated state. CleanRL and baselines treat it as a termination (what this kata pins); Gymnasium's separate terminated/truncated flags let a trainer bootstrap there instead.",
      zh: 'rollout 长度（CleanRL 的 num_steps = 128）只是记账上的边界，并不是游戏结束：没有 V(s_T)，最后几步看起来就像未来奖励全是 0。时间上限也是同样的情况：那个状态并不是终止状态，正确的目标应当从被截断状态的 V 自举。CleanRL 和 baselines 把它当作终止处理（本题固定的就是这种做法）；Gymnasium 把 terminated 和 truncated 分成两个标志，训练器就可以在截断处改为自举。',
    },
  },
  {
    q: {
      en: 'In RLHF with TRL, where do the per-token rewards come from, and what are γ and λ there?',
      zh: '在用 TRL 做 RLHF 时，逐 token 的奖励从哪里来？那里的 γ 和 λ 是多少？',
    },
    a: {
      en: "Each response token is one step. The reward is −β·KL(π‖π_ref) on every token (TRL's kl_coef, default 0.05) plus the reward model's score added on the last token; the episode ends at EOS. TRL defaults to γ = 1 and λ = 0.95, runs the same reverse scan over the response, then whitens the advantages with masked_whiten before the clipped loss, which is why this kata leaves whitening to the caller.",
      zh: '每个回答 token 是一步。奖励是每个 token 上的 −β·KL(π‖π_ref)（TRL 的 kl_coef，默认 0.05），再在最后一个 token 上加上奖励模型的分数；episode 在 EOS 处结束。TRL 默认 γ = 1、λ = 0.95，在回答上做同样的倒序扫描，然后在截断损失之前用 masked_whiten 对优势做白化，所以本题把白化留给调用方。',
    },
  },
  {
    q: {
      en: 'Why clip the value function as well, and why is the max (not the min) taken there?',
      zh: '为什么价值函数也要截断？为什么那里取的是 max 而不是 min？',
    },
    a: {
      en: 'The same pessimism as for the policy: of the two squared errors, the larger one is kept, so the critic gets no credit for a prediction that moved more than ε_v from its old value towards the target. With v_old = 0.5, v = 1 and R = 2, the clipped prediction 0.7 has error 1.69 against 1 unclipped, and the loss is 0.845 instead of 0.5. Engstrom et al. (2020, "Implementation Matters") found value clipping does not help and can hurt; TRL keeps it with cliprange_value = 0.2.',
      zh: '和策略部分同样的悲观原则：两个平方误差中保留较大的一个，这样 critic 的预测若从旧值出发朝目标移动超过 ε_v，就得不到这部分好处。v_old = 0.5、v = 1、R = 2 时，截断后的预测 0.7 误差为 1.69，未截断为 1，损失是 0.845 而不是 0.5。Engstrom 等（2020，“Implementation Matters”）发现价值截断并无帮助、甚至可能有害；TRL 保留了它，cliprange_value = 0.2。',
    },
    numbers: [
      { text: '1.69', equals: 1.69, compute: () => Math.round((0.5 + 0.2 - 2) ** 2 * 100) / 100 },
      { text: '0.845', equals: 0.845, compute: () => 0.5 * Math.max((1 - 2) ** 2, (0.7 - 2) ** 2) },
    ],
  },
  {
    q: {
      en: 'What do clipFraction and approxKL tell you during training?',
      zh: '训练时 clipFraction 和 approxKL 能告诉你什么？',
    },
    a: {
      en: 'Both measure how far the update has moved the policy from the one that sampled. A clip fraction near 0 after several epochs means the step size (or the number of epochs) could grow; 0.2 or more means most tokens have no gradient left. approxKL = mean((r − 1) − log r) is the low-variance k3 estimator of KL, never negative: r = 2 on a token gives 0.306853. CleanRL can stop an epoch early once it exceeds target_kl (0.015 is a common value).',
      zh: '两者都衡量这次更新让策略离采样策略有多远。几个 epoch 之后截断比例仍接近 0，说明步长（或 epoch 数）还可以加大；达到 0.2 甚至更高，说明大多数 token 已经没有梯度了。approxKL = mean((r − 1) − log r) 是 KL 的低方差 k3 估计，永不为负：某个 token 上 r = 2 时为 0.306853。CleanRL 可以在它超过 target_kl（常用 0.015）时提前结束这一轮。',
    },
    numbers: [{ text: '0.306853', equals: 0.306853, compute: () => Math.round((2 - 1 - Math.log(2)) * 1e6) / 1e6 }],
  },
]);
