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

export interface AdvantagesOptions {
  readonly scale?: RewardScale;
  readonly eps?: number;
}

/** groupAdvantages' options, each given or left to its default ('group', 1e-4); eps 0 included. */
export const advantagesOptions: fc.Arbitrary<AdvantagesOptions> = fc
  .record({ scale: rewardScale, eps: fc.constantFrom(0, 1e-4, 0.1) }, { requiredKeys: [] })
  .map((o) => ({ ...o }));

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

/** A call the contract rejects, and the error it must raise. */
export interface BadCall<Args> {
  readonly args: Args;
  readonly error: 'RangeError' | 'TypeError';
  readonly what: string;
}

export type BadAdvantagesCall = BadCall<{ rewards: unknown; groupSize: unknown; opts: unknown }>;

type AdvantagesArgs = BadAdvantagesCall['args'];
const advantagesTemplates: readonly ((c: RewardsCase) => BadAdvantagesCall)[] = (
  [
    ['rewards.length not a multiple of G', 'RangeError', (c) => ({ rewards: [...c.rewards, 1] })],
    ['empty rewards', 'RangeError', () => ({ rewards: [] })],
    ['G = 1', 'RangeError', () => ({ groupSize: 1 })],
    ['G = 0', 'RangeError', () => ({ groupSize: 0 })],
    ['G = 2.5', 'RangeError', (c) => ({ groupSize: 2.5, rewards: [...c.rewards, ...c.rewards, ...c.rewards] })],
    ['G = NaN', 'RangeError', () => ({ groupSize: Number.NaN })],
    ["G = '2'", 'TypeError', () => ({ groupSize: '2' })],
    ['a NaN reward', 'RangeError', (c) => ({ rewards: c.rewards.map((r, i) => (i === 0 ? Number.NaN : r)) })],
    ['an Infinity reward', 'RangeError', (c) => ({ rewards: c.rewards.map((r, i) => (i === 1 ? Infinity : r)) })],
    ["a reward '1'", 'TypeError', (c) => ({ rewards: c.rewards.map((r, i) => (i === 0 ? '1' : r)) })],
    ['a reward null', 'TypeError', (c) => ({ rewards: c.rewards.map((r, i) => (i === 0 ? null : r)) })],
    ['rewards not an array', 'TypeError', (c) => ({ rewards: c.rewards.join(',') })],
    ['rewards a number', 'TypeError', (c) => ({ rewards: c.rewards.length })],
    ['eps = −1e-4', 'RangeError', () => ({ opts: { eps: -1e-4 } })],
    ['eps = NaN', 'RangeError', () => ({ opts: { eps: Number.NaN } })],
    ['eps = Infinity', 'RangeError', () => ({ opts: { eps: Infinity } })],
    ["eps = '0'", 'TypeError', () => ({ opts: { eps: '0' } })],
    ["scale 'groups' (misspelled)", 'RangeError', () => ({ opts: { scale: 'groups' } })],
    ["scale 'Batch'", 'RangeError', () => ({ opts: { scale: 'Batch' } })],
  ] as const satisfies readonly (readonly [
    string,
    BadCall<unknown>['error'],
    (c: RewardsCase) => Partial<AdvantagesArgs>,
  ])[]
).map(([what, error, change]) => (c: RewardsCase) => ({
  args: { rewards: c.rewards, groupSize: c.groupSize, opts: {}, ...change(c) },
  error,
  what,
}));

/** Valid rewards (from `rewardsCase`) with one bad argument: every groupAdvantages case of "Bad input". */
export const badAdvantagesCall: fc.Arbitrary<BadAdvantagesCall> = fc
  .tuple(rewardsCase, fc.constantFrom(...advantagesTemplates))
  .map(([c, template]) => template(c));

/**
 * Bad grpoLoss input as plain data: `inputs` holds the matrices to turn into tensors (a field that is
 * absent is not passed; one that is a string is passed as that string, not a tensor).
 */
export type BadLossCall = BadCall<{
  inputs: Partial<Record<keyof LossCase, number[][] | number[] | string>>;
  options: Record<string, unknown>;
}>;

const wider = (rows: number[][]) => rows.map((row) => [...row, -1]);
const lossTemplates: readonly ((c: LossCase) => BadLossCall)[] = (
  [
    ['oldLogp one column wider', 'RangeError', (c) => ({ inputs: { oldLogp: wider(c.oldLogp) } })],
    ['refLogp one column wider', 'RangeError', (c) => ({ inputs: { refLogp: wider(c.refLogp) } })],
    ['mask one row longer', 'RangeError', (c) => ({ inputs: { mask: [...c.mask, c.mask[0] ?? [1]] } })],
    ['advantages one longer', 'RangeError', (c) => ({ inputs: { advantages: [...c.advantages, 0] } })],
    [
      'mask row 0 all 0, sequence',
      'RangeError',
      (c) => ({
        inputs: { mask: c.mask.map((row, b) => (b === 0 ? row.map(() => 0) : row)) },
        options: { aggregation: 'sequence' },
      }),
    ],
    [
      'a mask entry 2',
      'RangeError',
      (c) => ({ inputs: { mask: c.mask.map((row, b) => (b === 0 ? [2, ...row.slice(1)] : row)) } }),
    ],
    [
      'a mask entry 0.5',
      'RangeError',
      (c) => ({ inputs: { mask: c.mask.map((row, b) => (b === 0 ? [0.5, ...row.slice(1)] : row)) } }),
    ],
    ['no refLogp with beta 0.04', 'RangeError', () => ({ inputs: { refLogp: undefined }, options: { beta: 0.04 } })],
    ["aggregation 'tokens' (misspelled)", 'RangeError', () => ({ options: { aggregation: 'tokens' } })],
    ['epsilon 1', 'RangeError', () => ({ options: { epsilon: 1 } })],
    ['epsilon −0.1', 'RangeError', () => ({ options: { epsilon: -0.1 } })],
    ['epsilon NaN', 'RangeError', () => ({ options: { epsilon: Number.NaN } })],
    ['epsilonHigh −0.1', 'RangeError', () => ({ options: { epsilonHigh: -0.1 } })],
    ['epsilonHigh Infinity', 'RangeError', () => ({ options: { epsilonHigh: Infinity } })],
    ['beta −0.04', 'RangeError', () => ({ options: { beta: -0.04 } })],
    ['beta NaN', 'RangeError', () => ({ options: { beta: Number.NaN } })],
    ["epsilon '0.2'", 'TypeError', () => ({ options: { epsilon: '0.2' } })],
    ["beta '0'", 'TypeError', () => ({ options: { beta: '0' } })],
    ['logp missing', 'TypeError', () => ({ inputs: { logp: undefined } })],
    ['mask missing', 'TypeError', () => ({ inputs: { mask: undefined } })],
    ['advantages a plain array', 'TypeError', () => ({ inputs: { advantages: 'plain' } })],
    ['refLogp a plain array', 'TypeError', () => ({ inputs: { refLogp: 'plain' } })],
    ['epsilon −0.1 with epsilonHigh 0.2', 'RangeError', () => ({ options: { epsilon: -0.1, epsilonHigh: 0.2 } })],
  ] as const satisfies readonly (readonly [
    string,
    BadCall<unknown>['error'],
    (c: LossCase) => { inputs?: Partial<Record<keyof LossCase, unknown>>; options?: Record<string, unknown> },
  ])[]
).map(([what, error, change]) => (c: LossCase) => {
  const { inputs = {}, options = {} } = change(c) as {
    inputs?: BadLossCall['args']['inputs'];
    options?: Record<string, unknown>;
  };
  const merged: BadLossCall['args']['inputs'] = { ...c, ...inputs };
  for (const key of Object.keys(inputs) as (keyof LossCase)[]) if (inputs[key] === undefined) delete merged[key];
  return { args: { inputs: merged, options }, error, what };
});

/** A valid loss case (from `lossCase`) with one bad input or option: every grpoLoss case of "Bad input". */
export const badLossCall: fc.Arbitrary<BadLossCall> = fc
  .tuple(lossCase, fc.constantFrom(...lossTemplates))
  .map(([c, template]) => template(c));

export type BadK3Call = BadCall<{ logp: number[][]; refLogp: number[][] | string }>;

/** k3Kl with refLogp of another shape (RangeError) or not a tensor (the string 'plain': TypeError). */
export const badK3Call: fc.Arbitrary<BadK3Call> = fc
  .tuple(lossCase, fc.constantFrom('wider', 'taller', 'plain'))
  .map(([c, how]) => ({
    args: {
      logp: c.logp,
      refLogp: how === 'wider' ? wider(c.refLogp) : how === 'taller' ? [...c.refLogp, c.refLogp[0] ?? [0]] : 'plain',
    },
    error: how === 'plain' ? ('TypeError' as const) : ('RangeError' as const),
    what: `refLogp ${how === 'plain' ? 'a plain array' : `one ${how === 'wider' ? 'column' : 'row'} more than logp`}`,
  }));
