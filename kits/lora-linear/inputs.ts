import fc from 'fast-check';
import type { TensorSpec } from '../../src/harness/compare-tensors.ts';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the lora-linear kata, the one place they are defined: the hidden suite, `kata compare`
 * (compare.ts) and the learner's katas/lora-linear/lora-linear.props.ts all draw from here. Plain
 * data only: sizes, alpha, flags and a seed; `loraDataOf(c)` turns them into x, W, bias, A and B
 * values, and a property builds the tensors.
 */
export interface LoraCase {
  /** Leading axes of x: x is [...lead, dIn]. */
  readonly lead: number[];
  readonly dIn: number;
  readonly dOut: number;
  readonly r: number;
  readonly alpha: number;
  readonly rslora: boolean;
  readonly withBias: boolean;
  readonly seed: number;
}

/**
 * x rank 2..3 (leading axes 1..3), dIn and dOut 1..8, r 1..4 (so r > min(dIn, dOut) happens, which
 * is allowed), alpha in {1, 2, 8, 16, 32}.
 */
export const loraCase: fc.Arbitrary<LoraCase> = fc.record({
  lead: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 2 }),
  dIn: fc.integer({ min: 1, max: 8 }),
  dOut: fc.integer({ min: 1, max: 8 }),
  r: fc.integer({ min: 1, max: 4 }),
  alpha: fc.constantFrom(1, 2, 8, 16, 32),
  rslora: fc.boolean(),
  withBias: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

export interface LoraValues {
  readonly x: ShapedData;
  readonly w: ShapedData;
  readonly bias: ShapedData | undefined;
  readonly a: ShapedData;
  readonly b: ShapedData;
}

/** Seeded values in [-1, 1) for x [...lead, dIn], W [dIn, dOut], bias [dOut], A [dIn, r], B [r, dOut] (B non-zero). */
export function loraDataOf(c: LoraCase): LoraValues {
  return {
    x: seededData([...c.lead, c.dIn], c.seed),
    w: seededData([c.dIn, c.dOut], c.seed + 1),
    bias: c.withBias ? seededData([c.dOut], c.seed + 2) : undefined,
    a: seededData([c.dIn, c.r], c.seed + 3),
    b: seededData([c.r, c.dOut], c.seed + 4),
  };
}

export type Target = 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down';
export const TARGETS: readonly Target[] = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];

export interface CountConfig {
  readonly hidden: number;
  readonly intermediate: number;
  readonly layers: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim?: number;
  readonly r: number;
  readonly targets: readonly Target[];
}

/**
 * Decoder configurations: 1..8 heads of 4 (hidden = 4·heads), kvHeads = heads / (1, 2, 4 or 8)
 * (at least 1), headDim given (1..16, so heads·headDim may differ from hidden) or omitted,
 * intermediate 1..100, 1..40 layers, r 1..64, any subset of the seven projections.
 */
export const countConfig: fc.Arbitrary<CountConfig> = fc
  .record({
    heads: fc.integer({ min: 1, max: 8 }),
    kvDiv: fc.constantFrom(1, 2, 4, 8),
    headDim: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
    intermediate: fc.integer({ min: 1, max: 100 }),
    layers: fc.integer({ min: 1, max: 40 }),
    r: fc.integer({ min: 1, max: 64 }),
    targets: fc.subarray([...TARGETS]),
  })
  .map((c) => ({
    hidden: c.heads * 4,
    intermediate: c.intermediate,
    layers: c.layers,
    heads: c.heads,
    kvHeads: Math.max(1, Math.floor(c.heads / c.kvDiv)),
    ...(c.headDim !== undefined && { headDim: c.headDim }),
    r: c.r,
    targets: c.targets,
  }));

// ---------------------------------------------------------------------------------------------
// Calls as plain data (for `kata compare` and the bad-input property): one valid call, or one with
// a single bad argument and the error class the prompt names for it. `opts` and the numbers are
// `unknown` because a bad call passes a wrong type there.

type ErrorName = 'RangeError' | 'TypeError';

export interface TensorCall {
  readonly fn: 'loraForward' | 'mergeLora' | 'unmergeLora';
  readonly x: TensorSpec;
  readonly w: TensorSpec;
  readonly bias: TensorSpec | undefined;
  readonly a: TensorSpec;
  /** undefined: the field is missing from p. */
  readonly b: TensorSpec | undefined;
  /** unmergeLora's first argument. */
  readonly merged: TensorSpec;
  readonly alpha: unknown;
  /** undefined: called without the options argument. */
  readonly opts: unknown;
  readonly error: ErrorName | undefined;
  readonly bad: string;
}

export interface ScalingCall {
  readonly fn: 'loraScaling';
  readonly alpha: unknown;
  readonly r: unknown;
  readonly opts: unknown;
  readonly error: ErrorName | undefined;
  readonly bad: string;
}

export interface InitCall {
  readonly fn: 'initLora';
  readonly dIn: unknown;
  readonly dOut: unknown;
  readonly r: unknown;
  readonly seed: unknown;
  readonly error: ErrorName | undefined;
  readonly bad: string;
}

export interface CountCall {
  readonly fn: 'loraParamCount';
  readonly cfg: unknown;
  readonly error: ErrorName | undefined;
  readonly bad: string;
}

export type LoraCall = TensorCall | ScalingCall | InitCall | CountCall;

const spec = (d: ShapedData, shape: readonly number[] = d.shape): TensorSpec => ({
  shape,
  values: Array.from(d.data),
  dtype: 'float32',
});

const TENSOR_BAD = {
  xLastDim: 'RangeError',
  xScalar: 'RangeError',
  aRows: 'RangeError',
  bRows: 'RangeError',
  bCols: 'RangeError',
  biasShape: 'RangeError',
  wRank: 'RangeError',
  alphaZero: 'RangeError',
  alphaNegative: 'RangeError',
  alphaNaN: 'RangeError',
  alphaInfinity: 'RangeError',
  mergedShape: 'RangeError',
  optsMisspelled: 'TypeError',
  rsloraNotBoolean: 'TypeError',
  xInt32: 'TypeError',
  missingB: 'TypeError',
  alphaString: 'TypeError',
} as const;
type TensorBad = keyof typeof TENSOR_BAD;

function tensorCallOf(fn: TensorCall['fn'], c: LoraCase, omitOpts: boolean, bad: TensorBad | 'none'): TensorCall {
  const v = loraDataOf(c);
  const { dIn, dOut, r } = c;
  const x = spec(v.x, bad === 'xLastDim' ? [...c.lead, dIn + 1] : bad === 'xScalar' ? [] : v.x.shape);
  const alphas: Partial<Record<TensorBad, unknown>> = {
    alphaZero: 0,
    alphaNegative: -c.alpha,
    alphaNaN: Number.NaN,
    alphaInfinity: Number.POSITIVE_INFINITY,
    alphaString: String(c.alpha),
  };
  const opts =
    bad === 'optsMisspelled'
      ? { rsLora: c.rslora }
      : bad === 'rsloraNotBoolean'
        ? { rslora: 'true' }
        : omitOpts && !c.rslora
          ? undefined
          : { rslora: c.rslora };
  // Only the function that reads it sees a bad x or merged; the others get a bad p instead.
  const effective: TensorBad | 'none' =
    (bad === 'xLastDim' || bad === 'xScalar' || bad === 'xInt32') && fn !== 'loraForward'
      ? 'aRows'
      : bad === 'mergedShape' && fn !== 'unmergeLora'
        ? 'bCols'
        : bad;
  return {
    fn,
    x: effective === 'xInt32' ? { ...x, dtype: 'int32' } : x,
    w: spec(v.w, effective === 'wRank' ? [dIn * dOut] : v.w.shape),
    bias: effective === 'biasShape' ? spec(seededData([dOut + 1], c.seed + 2)) : v.bias && spec(v.bias),
    a: spec(v.a, effective === 'aRows' ? [dIn + 1, r] : v.a.shape),
    b:
      effective === 'missingB'
        ? undefined
        : spec(v.b, effective === 'bRows' ? [r + 1, dOut] : effective === 'bCols' ? [r, dOut + 1] : v.b.shape),
    merged: spec(v.w, effective === 'mergedShape' ? [dIn, dOut + 1] : v.w.shape),
    alpha: effective in alphas ? alphas[effective as TensorBad] : c.alpha,
    opts,
    error: effective === 'none' ? undefined : TENSOR_BAD[effective],
    bad: effective,
  };
}

const SCALING_BAD = {
  rZero: 'RangeError',
  rFraction: 'RangeError',
  rNaN: 'RangeError',
  alphaZero: 'RangeError',
  alphaInfinity: 'RangeError',
  rString: 'TypeError',
  optsMisspelled: 'TypeError',
} as const;
type ScalingBad = keyof typeof SCALING_BAD;

function scalingCallOf(alpha: number, r: number, rslora: boolean | undefined, bad: ScalingBad | 'none'): ScalingCall {
  const badR: Partial<Record<ScalingBad, unknown>> = {
    rZero: 0,
    rFraction: r + 0.5,
    rNaN: Number.NaN,
    rString: `${r}`,
  };
  return {
    fn: 'loraScaling',
    alpha: bad === 'alphaZero' ? 0 : bad === 'alphaInfinity' ? Number.POSITIVE_INFINITY : alpha,
    r: bad in badR ? badR[bad as ScalingBad] : r,
    opts: bad === 'optsMisspelled' ? { use_rslora: true } : rslora === undefined ? undefined : { rslora },
    error: bad === 'none' ? undefined : SCALING_BAD[bad],
    bad,
  };
}

const INIT_BAD = {
  dInZero: 'RangeError',
  dOutFraction: 'RangeError',
  rZero: 'RangeError',
  rNegative: 'RangeError',
  seedFraction: 'RangeError',
  seedNaN: 'RangeError',
  seedString: 'TypeError',
  rString: 'TypeError',
} as const;
type InitBad = keyof typeof INIT_BAD;

function initCallOf(dIn: number, dOut: number, r: number, seed: number, bad: InitBad): InitCall {
  return {
    fn: 'initLora',
    dIn: bad === 'dInZero' ? 0 : dIn,
    dOut: bad === 'dOutFraction' ? dOut + 0.5 : dOut,
    r: bad === 'rZero' ? 0 : bad === 'rNegative' ? -r : bad === 'rString' ? `${r}` : r,
    seed:
      bad === 'seedFraction' ? seed + 0.5 : bad === 'seedNaN' ? Number.NaN : bad === 'seedString' ? `${seed}` : seed,
    error: INIT_BAD[bad],
    bad,
  };
}

const COUNT_BAD = {
  unknownTarget: 'RangeError',
  duplicateTarget: 'RangeError',
  rZero: 'RangeError',
  layersFraction: 'RangeError',
  headsNotDividing: 'RangeError',
  headDimZero: 'RangeError',
  targetsNotArray: 'TypeError',
  missingHidden: 'TypeError',
} as const;
type CountBad = keyof typeof COUNT_BAD;

function countCallOf(cfg: CountConfig, bad: CountBad | 'none'): CountCall {
  const targets: unknown[] = [...cfg.targets];
  if (bad === 'unknownTarget') targets.push('lm_head');
  if (bad === 'duplicateTarget') targets.push(cfg.targets[0] ?? 'q', cfg.targets[0] ?? 'q');
  const copy: Record<string, unknown> = { ...cfg, targets };
  if (bad === 'rZero') copy.r = 0;
  if (bad === 'layersFraction') copy.layers = cfg.layers + 0.5;
  if (bad === 'headsNotDividing') {
    // hidden = 4·heads + 1 is never a multiple of heads ≥ 2; with one head use heads = 3, hidden = 4.
    delete copy.headDim;
    copy.hidden = cfg.heads === 1 ? 4 : cfg.hidden + 1;
    if (cfg.heads === 1) copy.heads = 3;
    copy.kvHeads = 1;
  }
  if (bad === 'headDimZero') copy.headDim = 0;
  if (bad === 'targetsNotArray') copy.targets = cfg.targets.join(',');
  if (bad === 'missingHidden') delete copy.hidden;
  return { fn: 'loraParamCount', cfg: copy, error: bad === 'none' ? undefined : COUNT_BAD[bad], bad };
}

const rarelyBad = <K extends string>(keys: readonly K[]): fc.Arbitrary<K | 'none'> =>
  fc.oneof({ weight: 12, arbitrary: fc.constant('none' as const) }, { weight: 2, arbitrary: fc.constantFrom(...keys) });
const keysOf = <K extends string>(table: Record<K, ErrorName>): K[] => Object.keys(table) as K[];

const tensorFn = fc.constantFrom<TensorCall['fn']>('loraForward', 'mergeLora', 'unmergeLora');
const scalingArgs = fc.tuple(
  fc.constantFrom(1, 4, 16, 0.5),
  fc.integer({ min: 1, max: 64 }),
  fc.constantFrom(undefined, false, true),
);
const initArgs = fc.tuple(
  fc.integer({ min: 1, max: 8 }),
  fc.integer({ min: 1, max: 8 }),
  fc.integer({ min: 1, max: 4 }),
  fc.integer({ min: 0, max: 1_000_000 }),
);

/**
 * Calls for `kata compare`: the tensor functions on small layers (loraCase), loraScaling and
 * loraParamCount, mostly valid, now and then with one bad argument; initLora only with a bad
 * argument (a valid one draws random numbers, which two correct solutions need not share).
 */
export const loraCall: fc.Arbitrary<LoraCall> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(tensorFn, loraCase, fc.boolean(), rarelyBad(keysOf(TENSOR_BAD)))
      .map(([fn, c, omit, bad]) => tensorCallOf(fn, c, omit, bad)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(scalingArgs, rarelyBad(keysOf(SCALING_BAD)))
      .map(([[alpha, r, rs], bad]) => scalingCallOf(alpha, r, rs, bad)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(initArgs, fc.constantFrom(...keysOf(INIT_BAD)))
      .map(([[dIn, dOut, r, seed], bad]) => initCallOf(dIn, dOut, r, seed, bad)),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(countConfig, rarelyBad(keysOf(COUNT_BAD))).map(([cfg, bad]) => countCallOf(cfg, bad)),
  },
);

/** A call with exactly one bad argument (every kind the prompt lists), and the error class it must raise. */
export const badLoraCall: fc.Arbitrary<LoraCall> = fc.oneof(
  fc
    .tuple(tensorFn, loraCase, fc.boolean(), fc.constantFrom(...keysOf(TENSOR_BAD)))
    .map(([fn, c, omit, bad]) => tensorCallOf(fn, c, omit, bad)),
  fc
    .tuple(scalingArgs, fc.constantFrom(...keysOf(SCALING_BAD)))
    .map(([[alpha, r, rs], bad]) => scalingCallOf(alpha, r, rs, bad)),
  fc
    .tuple(initArgs, fc.constantFrom(...keysOf(INIT_BAD)))
    .map(([[dIn, dOut, r, seed], bad]) => initCallOf(dIn, dOut, r, seed, bad)),
  fc.tuple(countConfig, fc.constantFrom(...keysOf(COUNT_BAD))).map(([cfg, bad]) => countCallOf(cfg, bad)),
);
