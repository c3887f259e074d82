import fc from 'fast-check';

/**
 * Inputs of the adamw-schedule kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/adamw-schedule/adamw-schedule.props.ts. A "tensors" value is a list of 0 to 4 tensors of 0
 * to 5 numbers each (PyTorch's list of parameters, each flattened).
 */

export type Tensors = number[][];

export interface Schedule {
  baseLr: number;
  warmupSteps: number;
  totalSteps: number;
  minLr?: number;
}

export interface AdamWOptions {
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

export interface AdamWState {
  step: number;
  m: Tensors;
  v: Tensors;
}

/** A tensor list's shape: 1 to 4 tensors (rarely none) of 0 to 5 entries. */
export const shape: fc.Arbitrary<number[]> = fc.oneof(
  { weight: 19, arbitrary: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant<number[]>([]) },
);

/** ±10^e for e in [-4, 1], or now and then exactly 0: gradients and parameters of mixed sizes. */
export const value: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .tuple(fc.boolean(), fc.double({ min: -4, max: 1, noNaN: true }))
      .map(([neg, e]) => (neg ? -1 : 1) * 10 ** e),
  },
  { weight: 1, arbitrary: fc.constant(0) },
);

export const tensorsOf = (lengths: readonly number[], entry: fc.Arbitrary<number> = value): fc.Arbitrary<Tensors> =>
  fc.tuple(...lengths.map((n) => fc.array(entry, { minLength: n, maxLength: n }))).map((ts) => ts.map((t) => [...t]));

/** A state that AdamW could have reached: step 0 to 2000, m of mixed signs, v >= 0. */
const stateOf = (lengths: readonly number[]): fc.Arbitrary<AdamWState> =>
  fc.record({
    step: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2000 })),
    m: tensorsOf(lengths),
    v: tensorsOf(
      lengths,
      value.map((x) => x * x),
    ),
  });

/** AdamW options: lr in [0, 0.1], betas in [0, 0.99] and [0, 0.9999], eps 1e-8…1e-3, wd in [0, 0.2]; each default left out sometimes. */
export const adamwOptions: fc.Arbitrary<AdamWOptions> = fc
  .record(
    {
      lr: fc.oneof(fc.double({ min: 0, max: 0.1, noNaN: true }), fc.constantFrom(1e-3, 3e-4, 0)),
      beta1: fc.oneof(fc.double({ min: 0, max: 0.99, noNaN: true }), fc.constant(0.9)),
      beta2: fc.oneof(fc.double({ min: 0, max: 0.9999, noNaN: true }), fc.constantFrom(0.999, 0.95)),
      eps: fc.constantFrom(1e-8, 1e-6, 1e-3),
      weightDecay: fc.oneof(fc.double({ min: 0, max: 0.2, noNaN: true }), fc.constantFrom(0, 0.01, 0.1)),
    },
    { requiredKeys: ['lr'] },
  )
  .map((o) => ({ ...o }));

export interface AdamWCase {
  params: Tensors;
  grads: Tensors;
  state: AdamWState | null;
  options: AdamWOptions;
}

/** Parameters and gradients of one shape, a fresh (null) or reached state, and options. */
export const adamwCase: fc.Arbitrary<AdamWCase> = shape.chain((lengths) =>
  fc.record({
    params: tensorsOf(lengths),
    grads: tensorsOf(lengths),
    state: fc.oneof(fc.constant(null), stateOf(lengths)),
    options: adamwOptions,
  }),
);

export interface ClipCase {
  grads: Tensors;
  maxNorm: number;
}

/** Gradients and a maxNorm 10^-2…10^2; about half the cases need clipping, a few sit at the boundary. */
export const clipCase: fc.Arbitrary<ClipCase> = fc.record({
  grads: shape.chain((lengths) => tensorsOf(lengths)),
  maxNorm: fc.oneof(
    fc.double({ min: -2, max: 2, noNaN: true }).map((e) => 10 ** e),
    fc.constantFrom(1, 0.5, 5),
  ),
});

export interface ScheduleCase {
  schedule: Schedule;
  step: number;
}

/** A schedule (baseLr 10^-5…10^-1, warmup 0…50, total up to warmup + 300, minLr from 0 to baseLr) and a step in [0, total]. */
export const schedule: fc.Arbitrary<Schedule> = fc
  .record({
    baseLr: fc.double({ min: -5, max: -1, noNaN: true }).map((e) => 10 ** e),
    warmupSteps: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(0)),
    decaySteps: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.constantFrom(1, 2)),
    floor: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.1, 1)),
    floorGiven: fc.boolean(),
  })
  .map(({ baseLr, warmupSteps, decaySteps, floor, floorGiven }) => ({
    baseLr,
    warmupSteps,
    totalSteps: warmupSteps + decaySteps,
    ...(floorGiven || floor !== 0 ? { minLr: baseLr * floor } : {}),
  }));

export const scheduleCase: fc.Arbitrary<ScheduleCase> = schedule.chain((s) =>
  fc.record({ schedule: fc.constant(s), step: fc.integer({ min: 0, max: s.totalSteps }) }),
);

/** One call that breaks exactly one rule, and the error it must raise. */
export interface BadCall {
  readonly fn: 'lrAt' | 'clipGradNorm' | 'adamwStep';
  readonly args: readonly unknown[];
  readonly error: 'TypeError' | 'RangeError';
  readonly broken: string;
}

const notANumber = [null, undefined, '1', true, [2]] as const;
const notFinite = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] as const;
const at = <T>(values: readonly T[], pick: number): T => values[pick % values.length] as T;

/** A tensor list with one entry replaced, or undefined when it has no entry. */
function withEntry(ts: Tensors, pick: number, bad: unknown): unknown[][] | undefined {
  const spots = ts.flatMap((t, i) => t.map((_, j) => [i, j] as const));
  if (spots.length === 0) return undefined;
  const [i, j] = at(spots, pick);
  const copy: unknown[][] = ts.map((t) => [...t]);
  (copy[i] as unknown[])[j] = bad;
  return copy;
}

const badSchedules = (s: Schedule, pick: number): [Record<string, unknown>, 'TypeError' | 'RangeError', string][] => [
  [{ ...s, baseLr: at(notANumber, pick) }, 'TypeError', 'baseLr is not a number'],
  [{ ...s, baseLr: at([-1e-3, ...notFinite], pick) }, 'RangeError', 'baseLr < 0 or not finite'],
  [{ ...s, warmupSteps: at([-1, 2.5, Number.NaN], pick) }, 'RangeError', 'warmupSteps not an integer >= 0'],
  [
    { ...s, totalSteps: at([0, -3, 1.5, Number.POSITIVE_INFINITY], pick) },
    'RangeError',
    'totalSteps not an integer >= 1',
  ],
  [{ ...s, warmupSteps: s.totalSteps + 1 + (pick % 5) }, 'RangeError', 'warmupSteps > totalSteps'],
  [{ ...s, minLr: s.baseLr * 2 + 1e-3 }, 'RangeError', 'minLr > baseLr'],
  [{ ...s, minLr: at([-1e-6, Number.NaN], pick) }, 'RangeError', 'minLr < 0 or NaN'],
  [{ ...s, totalSteps: at(['100', null], pick) }, 'TypeError', 'totalSteps is not a number'],
];

/** A valid lrAt, clipGradNorm or adamwStep call broken in exactly one place. */
export const badCall: fc.Arbitrary<BadCall> = fc
  .tuple(scheduleCase, clipCase, adamwCase, fc.nat(), fc.nat())
  .map(([sc, cc, ac, which, pick]): BadCall => {
    const options: BadCall[] = [];
    for (const [schedule, error, broken] of badSchedules(sc.schedule, pick)) {
      options.push({ fn: 'lrAt', args: [sc.step, schedule], error, broken: `lrAt: ${broken}` });
    }
    options.push(
      {
        fn: 'lrAt',
        args: [sc.schedule.totalSteps + 1 + (pick % 3), sc.schedule],
        error: 'RangeError',
        broken: 'lrAt: step > totalSteps',
      },
      {
        fn: 'lrAt',
        args: [at([-1, 0.5, Number.NaN], pick), sc.schedule],
        error: 'RangeError',
        broken: 'lrAt: step not an integer >= 0',
      },
      {
        fn: 'lrAt',
        args: [at(notANumber, pick), sc.schedule],
        error: 'TypeError',
        broken: 'lrAt: step is not a number',
      },
      {
        fn: 'lrAt',
        args: [sc.step, at([null, undefined, 5], pick)],
        error: 'TypeError',
        broken: 'lrAt: schedule is not an object',
      },
      {
        fn: 'clipGradNorm',
        args: [cc.grads, at([0, -1, ...notFinite], pick)],
        error: 'RangeError',
        broken: 'clip: maxNorm not finite > 0',
      },
      {
        fn: 'clipGradNorm',
        args: [cc.grads, at(notANumber, pick)],
        error: 'TypeError',
        broken: 'clip: maxNorm not a number',
      },
      {
        fn: 'clipGradNorm',
        args: [at([null, undefined, 3, [1, 2]], pick), cc.maxNorm],
        error: 'TypeError',
        broken: 'clip: grads not an array of arrays',
      },
    );
    const { params, grads, state, options: o } = ac;
    const nonFinite = withEntry(grads, pick, at(notFinite, pick >> 4));
    if (nonFinite)
      options.push({
        fn: 'clipGradNorm',
        args: [nonFinite, cc.maxNorm],
        error: 'RangeError',
        broken: 'clip: a non-finite gradient',
      });
    const step = (args: unknown[], error: 'TypeError' | 'RangeError', broken: string) =>
      options.push({ fn: 'adamwStep', args, error, broken: `adamwStep: ${broken}` });
    const badGrad = withEntry(grads, pick, at(notFinite, pick >> 4));
    if (badGrad) step([params, badGrad, state, o], 'RangeError', 'a non-finite gradient');
    const badParam = withEntry(params, pick, at(notANumber, pick >> 4));
    if (badParam) step([badParam, grads, state, o], 'TypeError', 'a parameter that is not a number');
    const nanParam = withEntry(params, pick, at(notFinite, pick >> 4));
    if (nanParam) step([nanParam, grads, state, o], 'RangeError', 'a non-finite parameter');
    step([params, [...grads, [1]], state, o], 'RangeError', 'grads has one tensor too many');
    if (grads.some((g) => g.length > 0)) {
      const i = grads.findIndex((g) => g.length > 0);
      step(
        [params, grads.map((g, k) => (k === i ? g.slice(1) : g)), state, o],
        'RangeError',
        `grads[${i}] is one entry short`,
      );
    }
    step([params, grads, state, { ...o, lr: at([-1e-3, ...notFinite], pick) }], 'RangeError', 'lr < 0 or not finite');
    step([params, grads, state, { ...o, lr: at(notANumber, pick) }], 'TypeError', 'lr missing or not a number');
    step(
      [params, grads, state, { ...o, beta1: at([1, -0.1, 1.5, Number.NaN], pick) }],
      'RangeError',
      'beta1 outside [0, 1)',
    );
    step(
      [params, grads, state, { ...o, beta2: at([1, -0.5, 2, Number.NaN], pick) }],
      'RangeError',
      'beta2 outside [0, 1)',
    );
    step(
      [params, grads, state, { ...o, eps: at([0, -1e-8, Number.POSITIVE_INFINITY], pick) }],
      'RangeError',
      'eps not finite > 0',
    );
    step(
      [params, grads, state, { ...o, weightDecay: at([-0.01, Number.NaN], pick) }],
      'RangeError',
      'weightDecay < 0 or NaN',
    );
    step([params, grads, state, { ...o, beta1: at(['0.9', null, true], pick) }], 'TypeError', 'beta1 not a number');
    step([params, grads, state, at([null, 0.001, 'adamw'], pick)], 'TypeError', 'options not an object');
    const fresh: AdamWState = { step: 0, m: params.map((p) => p.map(() => 0)), v: params.map((p) => p.map(() => 0)) };
    const st = state ?? fresh;
    step(
      [params, grads, { ...st, step: at([-1, 2.5, Number.NaN], pick) }, o],
      'RangeError',
      'state.step not an integer >= 0',
    );
    step([params, grads, { ...st, m: [...st.m, [0]] }, o], 'RangeError', 'state.m has another shape');
    const negV = withEntry(st.v, pick, -at([1e-3, 1, 0.5], pick >> 4));
    if (negV) step([params, grads, { ...st, v: negV }, o], 'RangeError', 'a negative entry of state.v');
    step([params, grads, at([5, 'fresh', true], pick), o], 'TypeError', 'state neither null nor an object');
    return at(options, which);
  });
