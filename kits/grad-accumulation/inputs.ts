import fc from 'fast-check';

/**
 * Inputs of the grad-accumulation kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/grad-accumulation/grad-accumulation.props.ts. Features and targets are small integers and θ
 * holds halves, so every per-token term is exact and only the final division rounds.
 */

export interface MicroBatchInput {
  x: number[][];
  y: number[];
  mask: number[];
}

export interface AccumulationCase {
  theta: number[];
  mbs: MicroBatchInput[];
}

const small = fc.integer({ min: -3, max: 3 });

/** One token of dimension d: its features, target and a 0/1 mask. */
const token = (d: number, mask: fc.Arbitrary<number>) =>
  fc.record({ x: fc.array(small, { minLength: d, maxLength: d }), y: small, m: mask });

const toMicroBatch = (tokens: readonly { x: number[]; y: number; m: number }[]): MicroBatchInput => ({
  x: tokens.map((t) => t.x),
  y: tokens.map((t) => t.y),
  mask: tokens.map((t) => t.m),
});

const thetaOf = (d: number) =>
  fc.array(
    fc.integer({ min: -4, max: 4 }).map((v) => v / 2),
    { minLength: d, maxLength: d },
  );

/**
 * θ of dimension 1 to 3 and 1 to 5 micro-batches of 0 to 5 tokens each; masks are mostly 0 or 1,
 * sometimes the weights 0.5 or 2 (exact in binary), so a micro-batch may be empty or fully masked,
 * and so may all of them.
 */
export const accumulationCase: fc.Arbitrary<AccumulationCase> = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record({
    theta: thetaOf(d),
    mbs: fc.array(fc.array(token(d, fc.constantFrom(1, 1, 1, 0, 0, 0.5, 2)), { maxLength: 5 }).map(toMicroBatch), {
      minLength: 1,
      maxLength: 5,
    }),
  }),
);

/**
 * Like `accumulationCase`, but every micro-batch has the same number c >= 1 of valid tokens (plus
 * up to two masked ones), the case where the mean of per-micro-batch means is the full-batch mean.
 */
export const equalCountCase: fc.Arbitrary<AccumulationCase> = fc
  .record({ d: fc.integer({ min: 1, max: 3 }), c: fc.integer({ min: 1, max: 4 }) })
  .chain(({ d, c }) =>
    fc.record({
      theta: thetaOf(d),
      mbs: fc.array(
        fc
          .tuple(
            fc.array(token(d, fc.constant(1)), { minLength: c, maxLength: c }),
            fc.array(token(d, fc.constant(0)), { maxLength: 2 }),
          )
          .map(([valid, masked]) => toMicroBatch([...masked, ...valid])),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  );

/** A number of layers for checkpointing, 1 to 2000. */
export const layerCount: fc.Arbitrary<number> = fc.integer({ min: 1, max: 2000 });

/** Like `accumulationCase`, but every micro-batch holds at least one valid token (its own mean exists). */
export const everyBatchValidCase: fc.Arbitrary<AccumulationCase> = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record({
    theta: thetaOf(d),
    mbs: fc.array(
      fc
        .tuple(token(d, fc.constant(1)), fc.array(token(d, fc.constantFrom(1, 0)), { maxLength: 4 }))
        .map(([valid, rest]) => toMicroBatch([...rest, valid])),
      { minLength: 1, maxLength: 5 },
    ),
  }),
);

/** An input that breaks exactly one rule of the contract, and the error it must raise. */
export interface BadAccumulationCase {
  readonly theta: unknown;
  readonly mbs: unknown;
  readonly mode: unknown;
  readonly error: 'TypeError' | 'RangeError';
  /** What was broken, for the assertion message. */
  readonly broken: string;
}

type Corruption = (c: AccumulationCase, pick: number) => Omit<BadAccumulationCase, 'mode'> | undefined;

const notANumber = [null, undefined, '1', true, [2]] as const;
const notFinite = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] as const;
const at = <T>(values: readonly T[], pick: number): T => values[pick % values.length] as T;

/** Every token of a case as [micro-batch, row] pairs. */
const tokensOf = (c: AccumulationCase): [number, number][] =>
  c.mbs.flatMap((mb, b) => mb.x.map((_, i) => [b, i] as [number, number]));

/** A deep copy of the case with `edit` applied to the copy. */
function edited(c: AccumulationCase, edit: (copy: { theta: unknown[]; mbs: Record<string, unknown>[] }) => void) {
  const copy = structuredClone(c) as unknown as { theta: unknown[]; mbs: Record<string, unknown>[] };
  edit(copy);
  return copy;
}

/** The ways to break one rule; each returns undefined when the case has nothing to break there. */
const corruptions: readonly Corruption[] = [
  (c, pick) => ({
    theta: at([null, undefined], pick),
    mbs: c.mbs,
    error: 'TypeError',
    broken: 'theta is not an array',
  }),
  (c, pick) => {
    const j = pick % c.theta.length;
    const bad = at(notANumber, pick >> 3);
    return { ...edited(c, (e) => (e.theta[j] = bad)), error: 'TypeError', broken: `theta[${j}] = ${String(bad)}` };
  },
  (c, pick) => {
    const j = pick % c.theta.length;
    const bad = at(notFinite, pick >> 3);
    return { ...edited(c, (e) => (e.theta[j] = bad)), error: 'RangeError', broken: `theta[${j}] = ${bad}` };
  },
  (c) => ({ theta: [], mbs: c.mbs, error: 'RangeError', broken: 'theta is empty' }),
  (c, pick) => ({
    theta: c.theta,
    mbs: at([null, undefined, 3], pick),
    error: 'TypeError',
    broken: 'mbs is not an array',
  }),
  (c) => ({ theta: c.theta, mbs: [], error: 'RangeError', broken: 'mbs is empty' }),
  (c, pick) => {
    const b = pick % c.mbs.length;
    const bad = at([null, undefined, 7], pick >> 3);
    return { ...edited(c, (e) => (e.mbs[b] = bad as never)), error: 'TypeError', broken: `mbs[${b}] = ${bad}` };
  },
  (c, pick) => {
    const b = pick % c.mbs.length;
    const field = at(['x', 'y', 'mask'], pick >> 3);
    const bad = at([undefined, null], pick >> 5);
    return {
      ...edited(c, (e) => {
        (e.mbs[b] as Record<string, unknown>)[field] = bad;
      }),
      error: 'TypeError',
      broken: `mbs[${b}].${field} = ${bad}`,
    };
  },
  (c, pick) => {
    const tokens = tokensOf(c);
    if (tokens.length === 0) return undefined;
    const [b, i] = at(tokens, pick);
    const bad = at([null, undefined], pick >> 5);
    return {
      ...edited(c, (e) => ((e.mbs[b] as { x: unknown[] }).x[i] = bad)),
      error: 'TypeError',
      broken: `mbs[${b}].x[${i}] = ${bad}`,
    };
  },
  (c, pick) => {
    const tokens = tokensOf(c);
    if (tokens.length === 0) return undefined;
    const [b, i] = at(tokens, pick);
    const field = at(['x', 'y', 'mask'] as const, pick >> 5);
    const nan = (pick >> 7) % 2 === 0;
    const bad = nan ? at(notFinite, pick >> 8) : at(notANumber, pick >> 8);
    return {
      ...edited(c, (e) => {
        const mb = e.mbs[b] as { x: unknown[][]; y: unknown[]; mask: unknown[] };
        if (field === 'x') (mb.x[i] as unknown[])[pick % c.theta.length] = bad;
        else mb[field][i] = bad;
      }),
      error: nan ? 'RangeError' : 'TypeError',
      broken: `an entry of mbs[${b}].${field} at token ${i} = ${String(bad)}`,
    };
  },
  (c, pick) => {
    const tokens = tokensOf(c);
    if (tokens.length === 0) return undefined;
    const [b, i] = at(tokens, pick);
    const bad = at([-1, -0.5, -3], pick >> 5);
    return {
      ...edited(c, (e) => ((e.mbs[b] as { mask: unknown[] }).mask[i] = bad)),
      error: 'RangeError',
      broken: `mbs[${b}].mask[${i}] = ${bad}`,
    };
  },
  (c, pick) => {
    const tokens = tokensOf(c);
    if (tokens.length === 0) return undefined;
    const [b, i] = at(tokens, pick);
    const longer = (pick >> 5) % 2 === 0;
    return {
      ...edited(c, (e) => {
        const row = (e.mbs[b] as { x: unknown[][] }).x[i] as unknown[];
        if (longer) row.push(1);
        else row.pop();
      }),
      error: 'RangeError',
      broken: `mbs[${b}].x[${i}] has the wrong length`,
    };
  },
  (c, pick) => {
    const b = pick % c.mbs.length;
    const field = at(['y', 'mask'] as const, pick >> 3);
    return {
      ...edited(c, (e) => (e.mbs[b] as { y: unknown[]; mask: unknown[] })[field].push(field === 'y' ? 0 : 1)),
      error: 'RangeError',
      broken: `mbs[${b}].${field} is longer than x`,
    };
  },
];

/**
 * A valid case broken in exactly one place (a field of the wrong type, a non-finite or negative
 * number, a length that disagrees, an empty list), with the error the contract asks for. The mode
 * is one of the two valid ones unless `badMode` says otherwise.
 */
export const badAccumulationCase: fc.Arbitrary<BadAccumulationCase> = fc
  .tuple(accumulationCase, fc.nat({ max: corruptions.length - 1 }), fc.nat(), fc.boolean())
  .map(([c, which, pick, meanOfMeans]) => {
    const mode = meanOfMeans ? 'mean-of-means' : 'global-token-mean';
    for (let k = 0; k < corruptions.length; k++) {
      const bad = (corruptions[(which + k) % corruptions.length] as Corruption)(c, pick);
      if (bad !== undefined) return { ...bad, mode };
    }
    throw new Error('unreachable: the first corruption always applies');
  });

/** A mode that is not one of the two options (a typo, another casing, a missing argument). */
export const badMode: fc.Arbitrary<unknown> = fc.constantFrom(
  'global_token_mean',
  'mean-of-mean',
  'Global-Token-Mean',
  'global',
  '',
  undefined,
  null,
  0,
);

/** A segment length for checkpointMemory, 1 to 3000 (longer than L is allowed: one short segment). */
export const segmentLength: fc.Arbitrary<number> = fc.integer({ min: 1, max: 3000 });

/** A layer count or segment length that is a number but not an integer >= 1 (RangeError). */
export const badCount: fc.Arbitrary<number> = fc.constantFrom(
  0,
  -1,
  -16,
  2.5,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
);
