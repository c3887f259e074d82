import fc from 'fast-check';
import { type ShapedData, seededData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the online-softmax kata, shared by the hidden suite, `kata compare` and the learner's
 * katas/online-softmax/online-softmax.props.ts. Plain data only (numbers, sizes and a seed); a
 * property builds its tensors from `attentionInputs(c)`.
 */

export interface StatsCase {
  /** At least one finite value; −Infinity (a masked logit) now and then. */
  readonly x: number[];
  readonly blockSize: number;
}

/**
 * 1 to 24 quarter-integers in [−20, 20] shifted by 0, +1000 or −1000 (so e^x alone would
 * overflow or underflow), with an occasional −Infinity; blockSize 1 to 10 (often ≥ the length).
 */
export const statsCase: fc.Arbitrary<StatsCase> = fc
  .record({
    values: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: -80, max: 80 }).map((n) => n / 4) },
        { weight: 1, arbitrary: fc.constant(Number.NEGATIVE_INFINITY) },
      ),
      { minLength: 1, maxLength: 24 },
    ),
    finite: fc.integer({ min: -80, max: 80 }).map((n) => n / 4),
    at: fc.nat(),
    shift: fc.constantFrom(0, 1000, -1000),
    blockSize: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ values, finite, at, shift, blockSize }) => {
    const x = values.map((value) => value + shift);
    x[at % x.length] = finite + shift; // at least one finite element
    return { x, blockSize };
  });

/** Arguments the contract rejects, and the error they must raise. */
export interface BadCall<Args> {
  readonly args: Args;
  readonly error: 'TypeError' | 'RangeError';
  /** What is wrong, for test messages. */
  readonly why: string;
}

/**
 * onlineSoftmaxStats arguments that must throw: a bad element (a string, null, NaN, +Infinity) put
 * anywhere in a valid x, every element −Infinity, an empty x, x not an array, or a blockSize that
 * is not a number (TypeError) or not an integer ≥ 1 (RangeError).
 */
export const badStatsCall: fc.Arbitrary<BadCall<{ x: unknown; blockSize: unknown }>> = fc
  .record({
    c: statsCase,
    at: fc.nat(),
    kind: fc.constantFrom(
      'string element',
      'null element',
      'NaN element',
      '+Infinity element',
      'every element −Infinity',
      'empty x',
      'x not an array',
      'blockSize a string',
      'blockSize 0',
      'blockSize 2.5',
      'blockSize NaN',
    ),
  })
  .map(({ c, at, kind }) => {
    const x: unknown[] = [...c.x];
    let blockSize: unknown = c.blockSize;
    const put = (value: unknown) => x.splice(at % (x.length + 1), 0, value);
    const type = (args: { x: unknown; blockSize: unknown }) => ({ args, error: 'TypeError' as const, why: kind });
    const range = (args: { x: unknown; blockSize: unknown }) => ({ args, error: 'RangeError' as const, why: kind });
    switch (kind) {
      case 'string element':
        put('1');
        return type({ x, blockSize });
      case 'null element':
        put(null);
        return type({ x, blockSize });
      case 'NaN element':
        put(Number.NaN);
        return range({ x, blockSize });
      case '+Infinity element':
        put(Number.POSITIVE_INFINITY);
        return range({ x, blockSize });
      case 'every element −Infinity':
        return range({ x: x.map(() => Number.NEGATIVE_INFINITY), blockSize });
      case 'empty x':
        return range({ x: [], blockSize });
      case 'x not an array':
        return type({ x: x.join(','), blockSize });
      case 'blockSize a string':
        blockSize = String(c.blockSize);
        return type({ x, blockSize });
      case 'blockSize 0':
        return range({ x, blockSize: 0 });
      case 'blockSize 2.5':
        return range({ x, blockSize: 2.5 });
      default: // 'blockSize NaN'
        return range({ x, blockSize: Number.NaN });
    }
  });

export interface AttentionCase {
  readonly tq: number;
  readonly tk: number;
  readonly d: number;
  readonly dv: number;
  readonly blockQ: number;
  readonly blockK: number;
  readonly causal: boolean;
  /** Values of q and k lie in [−scale, scale); v in [−1, 1). */
  readonly scale: number;
  readonly seed: number;
}

/**
 * Tq 1..10, Tk 1..12 (Tk ≥ Tq when causal), d and dv 1..6, blocks 1..13 (so 1, uneven and ≥ T
 * all occur), q and k scaled by 1, 3 or 8 (scores up to about ±25 when d is small).
 */
export const attentionCase: fc.Arbitrary<AttentionCase> = fc
  .record({
    tq: fc.integer({ min: 1, max: 10 }),
    tk: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 6 }),
    dv: fc.integer({ min: 1, max: 6 }),
    blockQ: fc.integer({ min: 1, max: 13 }),
    blockK: fc.integer({ min: 1, max: 13 }),
    causal: fc.boolean(),
    scale: fc.constantFrom(1, 3, 8),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((c) => (c.causal && c.tq > c.tk ? { ...c, tq: c.tk, tk: c.tq } : c));

/** q [Tq, d], k [Tk, d], v [Tk, dv] from the case's seed. */
export function attentionInputs(c: AttentionCase): { q: ShapedData; k: ShapedData; v: ShapedData } {
  return {
    q: seededData([c.tq, c.d], c.seed, c.scale),
    k: seededData([c.tk, c.d], c.seed + 1, c.scale),
    v: seededData([c.tk, c.dv], c.seed + 2),
  };
}

/** The options object of a case. */
export function attentionOptionsOf(c: AttentionCase): { blockQ: number; blockK: number; causal: boolean } {
  return { blockQ: c.blockQ, blockK: c.blockK, causal: c.causal };
}

/** A case and the options argument it is called with: all three options, some left out, or none. */
export interface AttentionCall {
  readonly c: AttentionCase;
  /** undefined: tiledAttention(q, k, v) with no options argument at all. */
  readonly opts: { blockQ?: number; blockK?: number; causal?: boolean } | undefined;
}

/**
 * attentionCase with the options passed in full, with some left out (so they take their defaults:
 * blocks of 32, no mask) or with no options argument; a left-out `causal` means the case is unmasked.
 */
export const attentionCall: fc.Arbitrary<AttentionCall> = fc
  .record({
    c: attentionCase,
    omit: fc.subarray(['blockQ', 'blockK', 'causal'] as const),
    noArgument: fc.boolean(),
  })
  .map(({ c, omit, noArgument }) => {
    const opts: { blockQ?: number; blockK?: number; causal?: boolean } = {};
    if (!omit.includes('blockQ')) opts.blockQ = c.blockQ;
    if (!omit.includes('blockK')) opts.blockK = c.blockK;
    if (!omit.includes('causal')) opts.causal = c.causal;
    const causal = opts.causal ?? false;
    const effective = { ...c, blockQ: opts.blockQ ?? 32, blockK: opts.blockK ?? 32, causal };
    return omit.length === 3 && noArgument ? { c: effective, opts: undefined } : { c: effective, opts };
  });

/** tiledAttention arguments as plain data: q, k, v and the options object, which may be malformed. */
export interface AttentionArgs {
  readonly q: ShapedData;
  readonly k: ShapedData;
  readonly v: ShapedData;
  readonly opts: Record<string, unknown>;
}

/**
 * tiledAttention arguments that must throw, built from a valid case: a block size that is not an
 * integer ≥ 1 (0, −1, 2.5, NaN: RangeError) or not a number ('8': TypeError); `causal` that is not
 * a boolean or an unknown option name such as `casual` (TypeError); k with one more column than
 * q, v with one more row than k, causal with Tq > Tk, or q of rank 3 (RangeError).
 */
export const badAttentionCall: fc.Arbitrary<BadCall<AttentionArgs>> = fc
  .record({
    c: attentionCase,
    kind: fc.constantFrom(
      'blockQ 0',
      'blockK -1',
      'blockQ 2.5',
      'blockK NaN',
      "blockQ '8'",
      "causal 'yes'",
      'unknown option casual',
      'k has one more column than q',
      'v has one more row than k',
      'causal with Tq > Tk',
      'q of rank 3',
    ),
  })
  .map(({ c, kind }) => {
    const { q, k, v } = attentionInputs(c);
    const opts: Record<string, unknown> = { blockQ: c.blockQ, blockK: c.blockK, causal: c.causal };
    const make = (error: 'TypeError' | 'RangeError', args: Partial<AttentionArgs>) => ({
      args: { q, k, v, opts, ...args },
      error,
      why: kind,
    });
    switch (kind) {
      case 'blockQ 0':
        return make('RangeError', { opts: { ...opts, blockQ: 0 } });
      case 'blockK -1':
        return make('RangeError', { opts: { ...opts, blockK: -1 } });
      case 'blockQ 2.5':
        return make('RangeError', { opts: { ...opts, blockQ: 2.5 } });
      case 'blockK NaN':
        return make('RangeError', { opts: { ...opts, blockK: Number.NaN } });
      case "blockQ '8'":
        return make('TypeError', { opts: { ...opts, blockQ: '8' } });
      case "causal 'yes'":
        return make('TypeError', { opts: { ...opts, causal: 'yes' } });
      case 'unknown option casual':
        return make('TypeError', { opts: { blockQ: c.blockQ, blockK: c.blockK, casual: true } });
      case 'k has one more column than q':
        return make('RangeError', { k: seededData([c.tk, c.d + 1], c.seed + 1, c.scale) });
      case 'v has one more row than k':
        return make('RangeError', { v: seededData([c.tk + 1, c.dv], c.seed + 2) });
      case 'causal with Tq > Tk': {
        const tq = c.tk + 1;
        return make('RangeError', { q: seededData([tq, c.d], c.seed, c.scale), opts: { ...opts, causal: true } });
      }
      default: // 'q of rank 3'
        return make('RangeError', { q: seededData([1, c.tq, c.d], c.seed, c.scale) });
    }
  });

export interface BytesConfig {
  readonly batch: number;
  readonly heads: number;
  readonly seqLen: number;
  readonly bytesPerElement: number;
}

/** B 1..64, H 1..128, T 1..65536, 1, 2, 4 or 8 bytes: the product stays below 2^53. */
export const bytesConfig: fc.Arbitrary<BytesConfig> = fc.record({
  batch: fc.integer({ min: 1, max: 64 }),
  heads: fc.integer({ min: 1, max: 128 }),
  seqLen: fc.integer({ min: 1, max: 65536 }),
  bytesPerElement: fc.constantFrom(1, 2, 4, 8),
});

/**
 * scoreMatrixBytes configs that must throw: one field missing or not a number (TypeError), or not
 * an integer ≥ 1 (0, −2, 1.5, NaN, Infinity: RangeError).
 */
export const badBytesCall: fc.Arbitrary<BadCall<Record<string, unknown>>> = fc
  .record({
    c: bytesConfig,
    field: fc.constantFrom('batch', 'heads', 'seqLen', 'bytesPerElement'),
    value: fc.constantFrom<[string, unknown]>(
      ['missing', undefined],
      ['a string', '2'],
      ['null', null],
      ['0', 0],
      ['-2', -2],
      ['1.5', 1.5],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
    ),
  })
  .map(({ c, field, value: [name, value] }) => {
    const args: Record<string, unknown> = { ...c };
    if (name === 'missing') delete args[field];
    else args[field] = value;
    const error = typeof value === 'number' ? ('RangeError' as const) : ('TypeError' as const);
    return { args, error, why: `${field} ${name}` };
  });
