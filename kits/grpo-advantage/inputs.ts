import fc from 'fast-check';

/**
 * Inputs of the grpo-advantage kata, shared by the hidden suite, the compare spec and the learner's
 * katas/grpo-advantage/grpo-advantage.props.ts. Plain data only: rewards as numbers, the loss
 * inputs as row-major number[][] that a property turns into tensors (`tf.tensor2d(c.logp)`).
 */
export type RewardScale = 'group' | 'batch' | 'none';

export interface RewardsCase {
  readonly rewards: number[];
  readonly groupSize: number;
}

/**
 * 1..4 contiguous groups of G = 2..6 rewards. Rewards are multiples of 1/2 in [−2, 2] (so equal
 * rewards and constant groups are common, as with 0/1 verifiable rewards).
 */
export const rewardsCase: fc.Arbitrary<RewardsCase> = fc
  .record({ groups: fc.integer({ min: 1, max: 4 }), groupSize: fc.integer({ min: 2, max: 6 }) })
  .chain(({ groups, groupSize }) =>
    fc.record({
      groupSize: fc.constant(groupSize),
      rewards: fc.array(
        fc.integer({ min: -4, max: 4 }).map((n) => n / 2 + 0),
        { minLength: groups * groupSize, maxLength: groups * groupSize },
      ),
    }),
  );

export const rewardScale: fc.Arbitrary<RewardScale> = fc.constantFrom<RewardScale>('group', 'batch', 'none');

export interface LossCase {
  /** [B][L] log-probabilities of the current policy, in [−3, 0]. */
  readonly logp: number[][];
  /** [B][L] log-probabilities of the policy that sampled: logp minus a step in [−0.6, 0.6] (ratios cross the clip range). */
  readonly oldLogp: number[][];
  /** [B][L] log-probabilities of the reference model, in [−3, 0]. */
  readonly refLogp: number[][];
  /** [B] one advantage per completion, in [−2, 2]. */
  readonly advantages: number[];
  /** [B][L] 0/1, at least one 1 per row (a completion of length >= 1, right-padded). */
  readonly mask: number[][];
}

const logProb = fc.integer({ min: -300, max: 0 }).map((n) => Math.fround(n / 100) + 0);

/** B in 1..4 completions of L in 1..6 tokens; each row's mask is 1 for its first `length` tokens. */
export const lossCase: fc.Arbitrary<LossCase> = fc
  .record({ b: fc.integer({ min: 1, max: 4 }), l: fc.integer({ min: 1, max: 6 }) })
  .chain(({ b, l }) => {
    const matrix = <T>(arb: fc.Arbitrary<T>) =>
      fc.array(fc.array(arb, { minLength: l, maxLength: l }), { minLength: b, maxLength: b });
    return fc
      .record({
        logp: matrix(logProb),
        step: matrix(fc.integer({ min: -60, max: 60 })),
        refLogp: matrix(logProb),
        advantages: fc.array(
          fc.integer({ min: -200, max: 200 }).map((n) => Math.fround(n / 100) + 0),
          { minLength: b, maxLength: b },
        ),
        lengths: fc.array(fc.integer({ min: 1, max: l }), { minLength: b, maxLength: b }),
      })
      .map(({ logp, step, refLogp, advantages, lengths }) => ({
        logp,
        oldLogp: logp.map((row, i) => row.map((x, t) => Math.fround(x - (step[i]?.[t] as number) / 100))),
        refLogp,
        advantages,
        mask: lengths.map((n) => Array.from({ length: l }, (_, t) => (t < n ? 1 : 0))),
      }));
  });

export interface LossOptions {
  readonly epsilon?: number;
  readonly epsilonHigh?: number;
  readonly beta?: number;
  readonly aggregation?: 'sequence' | 'token';
}

/** Options that are each either given or left to their default (ε 0.2, ε_high = ε, β 0.04, 'sequence'). */
export const lossOptions: fc.Arbitrary<LossOptions> = fc
  .record(
    {
      epsilon: fc.constantFrom(0.1, 0.2, 0.3),
      epsilonHigh: fc.constantFrom(0.2, 0.28),
      beta: fc.constantFrom(0, 0.04, 0.1),
      aggregation: fc.constantFrom<'sequence' | 'token'>('sequence', 'token'),
    },
    { requiredKeys: [] },
  )
  .map((o) => ({ ...o }));
