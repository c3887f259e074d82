import fc from 'fast-check';

/**
 * Inputs of the rope-scaling kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/rope-scaling/rope-scaling.props.ts. A case is a head size `dim` and the options object of
 * one rope type, with every optional field sometimes left out (to exercise the defaults).
 */
export type RopeType = 'default' | 'linear' | 'dynamic' | 'yarn' | 'llama3';

export interface RopeScalingOptions {
  base?: number;
  ropeType?: RopeType;
  factor?: number;
  originalMaxPositionEmbeddings?: number;
  seqLen?: number;
  betaFast?: number;
  betaSlow?: number;
  lowFreqFactor?: number;
  highFreqFactor?: number;
}

export interface RopeCase {
  readonly dim: number;
  readonly options: RopeScalingOptions;
}

export const ROPE_TYPES: readonly RopeType[] = ['default', 'linear', 'dynamic', 'yarn', 'llama3'];

/** An even head size 4..128, often a real one (64, 128). */
export const dim: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 2, max: 64 }).map((h) => 2 * h),
  fc.constantFrom(4, 8, 64, 128),
);

/** rope_theta: 1.5 … 10^6, often a published one (10000 for Llama 2, 500000 for Llama 3). */
export const base: fc.Arbitrary<number> = fc.oneof(
  fc.double({ min: Math.log10(1.5), max: 6, noNaN: true }).map((e) => 10 ** e),
  fc.constantFrom(10, 10000, 500000, 1_000_000),
);

/** factor >= 1: exactly 1 now and then, a power of two often, anything up to 64. */
export const factor: fc.Arbitrary<number> = fc.oneof(
  fc.constant(1),
  fc.constantFrom(2, 4, 8, 16, 32),
  fc.double({ min: 1, max: 64, noNaN: true }),
);

/** A trained context length: tiny (1..64, the clamped corners of YaRN), real, or anything. */
export const maxPositions: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 64 }),
  fc.constantFrom(512, 2048, 4096, 8192, 32768),
  fc.integer({ min: 1, max: 200_000 }),
);

/** Leaves a field out about a third of the time. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

/** Only the fields that are set: a left-out option is absent, not `undefined`. */
function defined(o: Record<string, unknown>): RopeScalingOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as RopeScalingOptions;
}

const typeOptions = (ropeType: RopeType): fc.Arbitrary<RopeScalingOptions> => {
  switch (ropeType) {
    case 'default':
      return fc
        .record({ base: maybe(base), explicit: fc.boolean() })
        .map(({ base, explicit }) => defined({ base, ropeType: explicit ? 'default' : undefined }));
    case 'linear':
      return fc.record({ base: maybe(base), factor }).map((o) => defined({ ...o, ropeType }));
    case 'dynamic':
      return fc
        .record({
          base: maybe(base),
          factor,
          L: maxPositions,
          times: maybe(fc.double({ min: 0, max: 8, noNaN: true })),
        })
        .map(({ base, factor, L, times }) =>
          defined({
            base,
            ropeType,
            factor,
            originalMaxPositionEmbeddings: L,
            // seqLen below, at or above L (times < 1, = 1, > 1), or left out.
            seqLen: times === undefined ? undefined : Math.max(1, Math.round(L * times)),
          }),
        );
    case 'yarn':
      return fc
        .record({
          base: maybe(base),
          factor,
          L: maxPositions,
          betaSlow: maybe(fc.double({ min: 0.25, max: 4, noNaN: true })),
          gap: maybe(fc.double({ min: 4, max: 64, noNaN: true })),
        })
        .map(({ base, factor, L, betaSlow, gap }) =>
          defined({
            base,
            ropeType,
            factor,
            originalMaxPositionEmbeddings: L,
            betaSlow,
            // betaFast must exceed betaSlow, whose default is 1
            betaFast: gap === undefined ? undefined : (betaSlow ?? 1) + gap,
          }),
        );
    case 'llama3':
      return fc
        .record({
          base: maybe(base),
          factor,
          L: maxPositions,
          low: maybe(fc.double({ min: 0.25, max: 2, noNaN: true })),
          width: maybe(fc.double({ min: 0.5, max: 8, noNaN: true })),
        })
        .map(({ base, factor, L, low, width }) =>
          defined({
            base,
            ropeType,
            factor,
            originalMaxPositionEmbeddings: L,
            lowFreqFactor: low,
            // highFreqFactor must exceed lowFreqFactor, whose default is 1
            highFreqFactor: width === undefined ? undefined : (low ?? 1) + width,
          }),
        );
  }
};

/** A case of the given rope type. */
export const ropeCaseOf = (ropeType: RopeType): fc.Arbitrary<RopeCase> =>
  fc.record({ dim, options: typeOptions(ropeType) });

/** A case of any rope type. */
export const ropeCase: fc.Arbitrary<RopeCase> = fc.constantFrom(...ROPE_TYPES).chain(ropeCaseOf);

/** One call that breaks exactly one rule, and the error it must raise. */
export interface BadCall {
  readonly dim: unknown;
  readonly options: unknown;
  readonly error: 'TypeError' | 'RangeError';
  readonly broken: string;
}

const at = <T>(values: readonly T[], pick: number): T => values[pick % values.length] as T;
const notANumber = [null, '8', true, [8]] as const;
const notFinite = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] as const;

/** Every way to break a valid case of type `c.options.ropeType`, one rule each. */
export function badCallsOf(c: RopeCase, pick: number): BadCall[] {
  const o = c.options;
  const type = o.ropeType ?? 'default';
  const calls: BadCall[] = [];
  const add = (d: unknown, options: unknown, error: BadCall['error'], broken: string) =>
    calls.push({ dim: d, options, error, broken });
  add(at(notANumber, pick), o, 'TypeError', 'dim is not a number');
  add(
    at([c.dim + 1, 2, 0, -8, 7.5, Number.NaN, Number.POSITIVE_INFINITY], pick),
    o,
    'RangeError',
    'dim odd, < 4 or not an integer',
  );
  add(c.dim, at([null, 8, 'yarn'], pick), 'TypeError', 'options is not an object');
  add(c.dim, { ...o, base: at(notANumber, pick) }, 'TypeError', 'base is not a number');
  add(c.dim, { ...o, base: at([1, 0.5, 0, -10000, ...notFinite], pick) }, 'RangeError', 'base <= 1 or not finite');
  add(
    c.dim,
    { ...o, ropeType: at(['ntk', 'longrope', 'Linear', 'none', ''], pick) },
    'RangeError',
    'an unknown ropeType',
  );
  if (type === 'default') return calls;
  const without = (key: keyof RopeScalingOptions) => {
    const copy: Record<string, unknown> = { ...o };
    delete copy[key];
    return copy;
  };
  add(c.dim, without('factor'), 'TypeError', `${type}: factor left out`);
  add(c.dim, { ...o, factor: at(notANumber, pick) }, 'TypeError', `${type}: factor is not a number`);
  add(
    c.dim,
    { ...o, factor: at([0.5, 0, -2, 0.999, ...notFinite], pick) },
    'RangeError',
    `${type}: factor < 1 or not finite`,
  );
  if (type === 'linear') return calls;
  add(c.dim, without('originalMaxPositionEmbeddings'), 'TypeError', `${type}: originalMaxPositionEmbeddings left out`);
  add(
    c.dim,
    { ...o, originalMaxPositionEmbeddings: at(['2048', null], pick) },
    'TypeError',
    `${type}: originalMaxPositionEmbeddings is not a number`,
  );
  add(
    c.dim,
    { ...o, originalMaxPositionEmbeddings: at([0, -2048, 2048.5, ...notFinite], pick) },
    'RangeError',
    `${type}: originalMaxPositionEmbeddings not an integer >= 1`,
  );
  if (type === 'dynamic') {
    add(c.dim, { ...o, seqLen: at(['4096', null, true], pick) }, 'TypeError', 'dynamic: seqLen is not a number');
    add(
      c.dim,
      { ...o, seqLen: at([0, -1, 4096.5, ...notFinite], pick) },
      'RangeError',
      'dynamic: seqLen not an integer >= 1',
    );
  }
  if (type === 'yarn') {
    add(c.dim, { ...o, betaFast: at(notANumber, pick) }, 'TypeError', 'yarn: betaFast is not a number');
    add(c.dim, { ...o, betaSlow: at(notANumber, pick) }, 'TypeError', 'yarn: betaSlow is not a number');
    const slow = o.betaSlow ?? 1;
    add(
      c.dim,
      { ...o, betaFast: at([slow, slow / 2, ...notFinite], pick) },
      'RangeError',
      'yarn: betaFast <= betaSlow or not finite',
    );
    add(c.dim, { ...o, betaSlow: at([0, -1, Number.NaN], pick) }, 'RangeError', 'yarn: betaSlow <= 0 or NaN');
  }
  if (type === 'llama3') {
    add(c.dim, { ...o, lowFreqFactor: at(notANumber, pick) }, 'TypeError', 'llama3: lowFreqFactor is not a number');
    add(c.dim, { ...o, highFreqFactor: at(notANumber, pick) }, 'TypeError', 'llama3: highFreqFactor is not a number');
    const low = o.lowFreqFactor ?? 1;
    add(
      c.dim,
      { ...o, highFreqFactor: at([low, low / 2, ...notFinite], pick) },
      'RangeError',
      'llama3: highFreqFactor <= lowFreqFactor or not finite',
    );
    add(
      c.dim,
      { ...o, lowFreqFactor: at([0, -1, Number.NaN], pick) },
      'RangeError',
      'llama3: lowFreqFactor <= 0 or NaN',
    );
  }
  return calls;
}

/** A valid case broken in exactly one place. */
export const badCall: fc.Arbitrary<BadCall> = fc
  .tuple(ropeCase, fc.nat(), fc.nat())
  .map(([c, which, pick]) => at(badCallsOf(c, pick), which));
