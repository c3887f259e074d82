import fc from 'fast-check';

/**
 * Inputs of the ppo-gae kata, shared by the hidden suite, the compare spec and the learner's
 * katas/ppo-gae/ppo-gae.props.ts. Plain data only: trajectories as number[], the loss inputs as
 * row-major number[][] ([B][T]) that a property turns into tensors (`tf.tensor2d(c.values)`).
 */
export interface Trajectory {
  /** T in 1..10 rewards, multiples of 1/2 in [−2, 2]. */
  readonly rewards: number[];
  /** T state values, multiples of 1/4 in [−2, 2]. */
  readonly values: number[];
  /** T flags, 0 or 1 (about one in three is 1): dones[t] = 1 ends the episode with step t. */
  readonly dones: number[];
  /** V of the state after the last step, in [−2, 2]. */
  readonly lastValue: number;
  readonly gamma: number;
  readonly lambda: number;
}

const half = fc.integer({ min: -4, max: 4 }).map((n) => n / 2 + 0);
const quarter = fc.integer({ min: -8, max: 8 }).map((n) => n / 4 + 0);

export const discount: fc.Arbitrary<number> = fc.constantFrom(0, 0.5, 0.9, 0.99, 1);

/** A trajectory of T = 1..10 steps, with episode ends anywhere (the last step included), and γ, λ in [0, 1]. */
export const trajectory: fc.Arbitrary<Trajectory> = fc.integer({ min: 1, max: 10 }).chain((t) =>
  fc.record({
    rewards: fc.array(half, { minLength: t, maxLength: t }),
    values: fc.array(quarter, { minLength: t, maxLength: t }),
    dones: fc.array(
      fc.integer({ min: 0, max: 2 }).map((n) => (n === 2 ? 1 : 0)),
      { minLength: t, maxLength: t },
    ),
    lastValue: quarter,
    gamma: discount,
    lambda: discount,
  }),
);

export interface LossCase {
  /** [B][T] log-probabilities of the sampled tokens under the current policy, in [−3, 0]. */
  readonly logProbs: number[][];
  /** [B][T] logProbs minus a step in [−0.6, 0.6], so ratios cross the clip range. */
  readonly oldLogProbs: number[][];
  /** [B][T] per-token advantages in [−2, 2]. */
  readonly advantages: number[][];
  /** [B][T] new value predictions in [−2, 2]. */
  readonly values: number[][];
  /** [B][T] values minus a step in [−0.5, 0.5], so value clipping at 0.2 binds on some tokens. */
  readonly oldValues: number[][];
  /** [B][T] returns in [−2, 2]. */
  readonly returns: number[][];
  /** [B][T] per-token entropies in [0, 3]. */
  readonly entropy: number[][];
  /** [B][T] 0/1, at least one 1 (a row may be all 0). */
  readonly mask: number[][];
}

const f32 = (n: number) => Math.fround(n) + 0;

/** B in 1..3 rows of T in 1..6 tokens. */
export const lossCase: fc.Arbitrary<LossCase> = fc
  .record({ b: fc.integer({ min: 1, max: 3 }), t: fc.integer({ min: 1, max: 6 }) })
  .chain(({ b, t }) => {
    const matrix = (min: number, max: number, scale: number) =>
      fc.array(
        fc.array(
          fc.integer({ min, max }).map((n) => f32(n / scale)),
          { minLength: t, maxLength: t },
        ),
        { minLength: b, maxLength: b },
      );
    return fc
      .record({
        logProbs: matrix(-300, 0, 100),
        step: matrix(-60, 60, 100),
        advantages: matrix(-200, 200, 100),
        values: matrix(-200, 200, 100),
        valueStep: matrix(-50, 50, 100),
        returns: matrix(-200, 200, 100),
        entropy: matrix(0, 300, 100),
        bits: fc.array(fc.array(fc.boolean(), { minLength: t, maxLength: t }), { minLength: b, maxLength: b }),
      })
      .map(({ logProbs, step, values, valueStep, bits, ...rest }) => {
        const mask: number[][] = bits.map((row) => row.map((on) => (on ? 1 : 0)));
        if (!mask.flat().includes(1) && mask[0] !== undefined) mask[0][0] = 1;
        return {
          ...rest,
          logProbs,
          oldLogProbs: logProbs.map((row, i) => row.map((x, j) => f32(x - (step[i]?.[j] as number)))),
          values,
          oldValues: values.map((row, i) => row.map((x, j) => f32(x - (valueStep[i]?.[j] as number)))),
          mask,
        };
      });
  });

export interface LossOptions {
  readonly clipRange?: number;
  readonly clipRangeValue?: number;
  readonly vfCoef?: number;
  readonly entCoef?: number;
}

/** Options each given or left to its default (0.2, 0.2, 0.5, 0.01); clipRangeValue may be Infinity (no value clipping). */
export const lossOptions: fc.Arbitrary<LossOptions> = fc
  .record(
    {
      clipRange: fc.constantFrom(0, 0.1, 0.2, 0.3),
      clipRangeValue: fc.constantFrom(0, 0.1, 0.2, Number.POSITIVE_INFINITY),
      vfCoef: fc.constantFrom(0, 0.5, 1),
      entCoef: fc.constantFrom(0, 0.01, 0.1),
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

export type BadGaeCall = BadCall<{
  rewards: unknown;
  values: unknown;
  dones: unknown;
  lastValue: unknown;
  gamma: unknown;
  lambda: unknown;
}>;

type GaeArgs = BadGaeCall['args'];
const put = (xs: readonly number[], i: number, v: unknown) => xs.map((x, k) => (k === i ? v : x));
const gaeTemplates: readonly ((c: Trajectory) => BadGaeCall)[] = (
  [
    ['values one longer', 'RangeError', (c) => ({ values: [...c.values, 0] })],
    ['dones one shorter', 'RangeError', (c) => ({ dones: c.dones.slice(1) })],
    ['rewards one longer', 'RangeError', (c) => ({ rewards: [...c.rewards, 1] })],
    ['a done 2', 'RangeError', (c) => ({ dones: put(c.dones, 0, 2) })],
    ['a done 0.5', 'RangeError', (c) => ({ dones: put(c.dones, c.dones.length - 1, 0.5) })],
    ['a done −1', 'RangeError', (c) => ({ dones: put(c.dones, 0, -1) })],
    ['a NaN reward', 'RangeError', (c) => ({ rewards: put(c.rewards, 0, Number.NaN) })],
    ['an Infinity value', 'RangeError', (c) => ({ values: put(c.values, 0, Number.POSITIVE_INFINITY) })],
    ['lastValue NaN', 'RangeError', () => ({ lastValue: Number.NaN })],
    ['lastValue −Infinity', 'RangeError', () => ({ lastValue: Number.NEGATIVE_INFINITY })],
    ['gamma 1.01', 'RangeError', () => ({ gamma: 1.01 })],
    ['gamma −0.1', 'RangeError', () => ({ gamma: -0.1 })],
    ['gamma NaN', 'RangeError', () => ({ gamma: Number.NaN })],
    ['lambda 1.5', 'RangeError', () => ({ lambda: 1.5 })],
    ['lambda −0.5', 'RangeError', () => ({ lambda: -0.5 })],
    ['lambda NaN', 'RangeError', () => ({ lambda: Number.NaN })],
    ["a reward '1'", 'TypeError', (c) => ({ rewards: put(c.rewards, 0, '1') })],
    ['a done true', 'TypeError', (c) => ({ dones: put(c.dones, 0, true) })],
    ['a value null', 'TypeError', (c) => ({ values: put(c.values, 0, null) })],
    ['rewards a string of the same length', 'TypeError', (c) => ({ rewards: '1'.repeat(c.rewards.length) })],
    ['values a Float32Array', 'TypeError', (c) => ({ values: Float32Array.from(c.values) })],
    ["lastValue '0'", 'TypeError', () => ({ lastValue: '0' })],
    ["gamma '0.99'", 'TypeError', () => ({ gamma: '0.99' })],
    ['lambda undefined', 'TypeError', () => ({ lambda: undefined })],
  ] as const satisfies readonly (readonly [string, BadCall<unknown>['error'], (c: Trajectory) => Partial<GaeArgs>])[]
).map(([what, error, change]) => (c: Trajectory) => ({ args: { ...c, ...change(c) }, error, what }));

/** A valid trajectory with one bad argument: every gae case of "Bad input". */
export const badGaeCall: fc.Arbitrary<BadGaeCall> = fc
  .tuple(trajectory, fc.constantFrom(...gaeTemplates))
  .map(([c, template]) => template(c));

/**
 * Bad ppoLoss input as plain data: `inputs` holds the matrices to turn into tensors (a field that
 * is absent is not passed; the string 'plain' is passed as a plain array instead of a tensor).
 */
export type BadLossCall = BadCall<{
  inputs: Partial<Record<keyof LossCase, number[][] | 'plain'>>;
  options: Record<string, unknown>;
}>;

const wider = (rows: number[][]) => rows.map((row) => [...row, 0]);
const lossTemplates: readonly ((c: LossCase) => BadLossCall)[] = (
  [
    ['oldLogProbs one column wider', 'RangeError', (c) => ({ inputs: { oldLogProbs: wider(c.oldLogProbs) } })],
    ['advantages one column wider', 'RangeError', (c) => ({ inputs: { advantages: wider(c.advantages) } })],
    ['returns one row longer', 'RangeError', (c) => ({ inputs: { returns: [...c.returns, c.returns[0] ?? [0]] } })],
    ['mask one row longer', 'RangeError', (c) => ({ inputs: { mask: [...c.mask, c.mask[0] ?? [1]] } })],
    ['every mask entry 0', 'RangeError', (c) => ({ inputs: { mask: c.mask.map((row) => row.map(() => 0)) } })],
    ['a mask entry 2', 'RangeError', (c) => ({ inputs: { mask: c.mask.map((row) => row.map((m) => 2 * m)) } })],
    ['a mask entry 0.5', 'RangeError', (c) => ({ inputs: { mask: c.mask.map((row) => row.map((m) => m / 2)) } })],
    ['clipRange 1', 'RangeError', () => ({ options: { clipRange: 1 } })],
    ['clipRange −0.1', 'RangeError', () => ({ options: { clipRange: -0.1 } })],
    ['clipRange NaN', 'RangeError', () => ({ options: { clipRange: Number.NaN } })],
    ['clipRangeValue −0.2', 'RangeError', () => ({ options: { clipRangeValue: -0.2 } })],
    ['clipRangeValue NaN', 'RangeError', () => ({ options: { clipRangeValue: Number.NaN } })],
    ['vfCoef −0.5', 'RangeError', () => ({ options: { vfCoef: -0.5 } })],
    ['vfCoef Infinity', 'RangeError', () => ({ options: { vfCoef: Number.POSITIVE_INFINITY } })],
    ['entCoef −0.01', 'RangeError', () => ({ options: { entCoef: -0.01 } })],
    ['entCoef NaN', 'RangeError', () => ({ options: { entCoef: Number.NaN } })],
    ["clipRange '0.2'", 'TypeError', () => ({ options: { clipRange: '0.2' } })],
    ["entCoef '0'", 'TypeError', () => ({ options: { entCoef: '0' } })],
    ['vfCoef true', 'TypeError', () => ({ options: { vfCoef: true } })],
    ['entropy missing', 'TypeError', () => ({ inputs: { entropy: undefined } })],
    ['oldValues missing', 'TypeError', () => ({ inputs: { oldValues: undefined } })],
    ['mask a plain array', 'TypeError', () => ({ inputs: { mask: 'plain' } })],
    ['returns a plain array', 'TypeError', () => ({ inputs: { returns: 'plain' } })],
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

/** A valid loss case with one bad input or option: every ppoLoss case of "Bad input". */
export const badLossCall: fc.Arbitrary<BadLossCall> = fc
  .tuple(lossCase, fc.constantFrom(...lossTemplates))
  .map(([c, template]) => template(c));
