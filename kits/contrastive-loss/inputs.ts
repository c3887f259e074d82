import fc from 'fast-check';
import { randomValues, seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the contrastive-loss kata, shared by the hidden suite, the compare spec and the
 * learner's katas/contrastive-loss/contrastive-loss.props.ts. Plain data only (flat row-major
 * arrays of float32-representable numbers): a property builds the tensors with
 * `tf.tensor2d(c.images, [c.N, c.D])`.
 */

export interface ClipCase {
  readonly N: number;
  readonly D: number;
  /** Flat [N, D] image embeddings, not normalised (row norms from 2e-3 to about 3e3), no zero row. */
  readonly images: number[];
  /** Flat [N, D] text embeddings, the same way. */
  readonly texts: number[];
  /** The log of the scale, from −1 to 6 (below 0 and above ln 100 are clamped). */
  readonly logitScale: number;
  /** Pass logitScale as a tf.Scalar instead of a number. */
  readonly scaleAsTensor: boolean;
  /** undefined: clipLoss is called without opts (maxLogitScale defaults to ln 100). */
  readonly opts: { readonly maxLogitScale?: number } | undefined;
}

/**
 * Seeded [N, D] rows, each scaled by its own magnitude (0.01 … 1000), with norm at least
 * 0.2·magnitude (so ≥ 2e-3 and, times 3, |x| ≤ 1e4: the prompt's constraints survive the suite's
 * rescaling by 0.5 … 3). With `aligned`, row i points near aligned row i.
 */
export function embeddings(N: number, D: number, seed: number, aligned?: readonly number[]): number[] {
  const u = seededUniform(seed ^ 0x9e3779b9);
  const noise = randomValues(N * D, seed, 1);
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const magnitude = [0.01, 1, 1, 3, 100, 1000][Math.floor(u() * 6)] as number;
    const r = Array.from({ length: D }, (_, d) => {
      const base = aligned === undefined ? 0 : (2 * (aligned[i * D + d] as number)) / magnitudeOf(aligned, i, D);
      return Math.fround((base + (noise[i * D + d] as number)) * magnitude);
    });
    if (magnitudeOf(r, 0, D) < 0.2 * magnitude) r[0] = Math.fround(magnitude);
    out.push(...r);
  }
  return out;
}

function magnitudeOf(x: readonly number[], i: number, D: number): number {
  let s = 0;
  for (let d = 0; d < D; d++) s += (x[i * D + d] as number) ** 2;
  return Math.sqrt(s);
}

/**
 * N 1..6 pairs of D 1..8; the texts are random or near their images (so the loss is small as well
 * as large); logitScale below 0, between, at and above ln 100; maxLogitScale defaulted or given.
 */
export const clipCase: fc.Arbitrary<ClipCase> = fc
  .record({
    N: fc.integer({ min: 1, max: 6 }),
    D: fc.integer({ min: 1, max: 8 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    aligned: fc.boolean(),
    logitScale: fc.oneof(
      fc.constantFrom(-1, 0, Math.log(1 / 0.07), Math.log(100), 5, 6),
      fc.double({ min: -1, max: 6, noNaN: true }).map(Math.fround),
    ),
    scaleAsTensor: fc.boolean(),
    maxLogitScale: fc.option(fc.constantFrom(0, Math.log(10), Math.log(50), Math.log(100), Math.log(1000)), {
      nil: undefined,
    }),
    passOpts: fc.boolean(),
  })
  .map(({ N, D, seed, aligned, logitScale, scaleAsTensor, maxLogitScale, passOpts }) => {
    const images = embeddings(N, D, seed);
    const texts = embeddings(N, D, seed ^ 0x5bd1e995, aligned ? images : undefined);
    const opts = maxLogitScale !== undefined ? { maxLogitScale } : passOpts ? {} : undefined;
    return { N, D, images, texts, logitScale, scaleAsTensor, opts };
  });

export interface InfoNCECase {
  readonly N: number;
  readonly D: number;
  /** Flat [N, D] queries, |x| up to 1, 10 or 100, not normalised. */
  readonly queries: number[];
  /** Flat [N, D] keys. */
  readonly keys: number[];
  readonly temperature: number;
}

/** N 1..6, D 1..8, raw vectors up to 1, 10 or 100 (logits up to 1.6e6), τ from 0.05 to 2. */
export const infoNCECase: fc.Arbitrary<InfoNCECase> = fc
  .record({
    N: fc.integer({ min: 1, max: 6 }),
    D: fc.integer({ min: 1, max: 8 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 10, 100),
    temperature: fc.constantFrom(0.05, 0.07, 0.1, 0.5, 1, 2),
  })
  .map(({ N, D, seed, scale, temperature }) => {
    const v = randomValues(2 * N * D, seed, scale);
    return {
      N,
      D,
      queries: Array.from(v.subarray(0, N * D)),
      keys: Array.from(v.subarray(N * D)),
      temperature,
    };
  });

// ---------------------------------------------------------------------------------------------
// Bad calls: one thing wrong, and the error it must raise.

/** Plain data for one tensor argument; 'plain' stands for a plain nested array passed instead. */
export type TensorArg = { readonly shape: number[]; readonly values: number[] } | 'plain';

export interface BadCall<Args> {
  readonly args: Args;
  readonly error: 'RangeError' | 'TypeError';
  readonly what: string;
}

export type BadClipCall = BadCall<{
  images: TensorArg;
  texts: TensorArg;
  /** A number, a tensor ({ tensor }), or anything else passed as it is ({ value }). */
  logitScale: { readonly tensor: TensorArg } | { readonly value: unknown };
  opts: unknown;
}>;

type ClipArgs = BadClipCall['args'];
const clipArgs = (c: ClipCase): ClipArgs => ({
  images: { shape: [c.N, c.D], values: c.images },
  texts: { shape: [c.N, c.D], values: c.texts },
  logitScale: c.scaleAsTensor ? { tensor: { shape: [], values: [c.logitScale] } } : { value: c.logitScale },
  opts: c.opts,
});
const withRow = (c: ClipCase, values: number[], row: number, x: number): TensorArg => ({
  shape: [c.N, c.D],
  values: values.map((v, i) => (Math.floor(i / c.D) === row % c.N ? (x === 0 ? 0 : i % c.D === 0 ? x : v) : v)),
});

const clipTemplates: readonly (readonly [string, BadClipCall['error'], (c: ClipCase) => Partial<ClipArgs>])[] = [
  ['an image row of zeros', 'RangeError', (c) => ({ images: withRow(c, c.images, c.N - 1, 0) })],
  ['a text row of zeros', 'RangeError', (c) => ({ texts: withRow(c, c.texts, 0, 0) })],
  ['a NaN image entry', 'RangeError', (c) => ({ images: withRow(c, c.images, 0, Number.NaN) })],
  ['an Infinity text entry', 'RangeError', (c) => ({ texts: withRow(c, c.texts, c.N - 1, Number.POSITIVE_INFINITY) })],
  ['a −Infinity image entry', 'RangeError', (c) => ({ images: withRow(c, c.images, 0, Number.NEGATIVE_INFINITY) })],
  ['texts with one row more', 'RangeError', (c) => ({ texts: { shape: [c.N + 1, c.D], values: [1, ...c.texts] } })],
  ['texts with one column more', 'RangeError', (c) => ({ texts: { shape: [c.N, c.D + 1], values: [1, ...c.texts] } })],
  ['images of rank 1', 'RangeError', (c) => ({ images: { shape: [c.N * c.D], values: c.images } })],
  [
    'images and texts with N = 0',
    'RangeError',
    (c) => ({ images: { shape: [0, c.D], values: [] }, texts: { shape: [0, c.D], values: [] } }),
  ],
  [
    'images and texts with D = 0',
    'RangeError',
    (c) => ({ images: { shape: [c.N, 0], values: [] }, texts: { shape: [c.N, 0], values: [] } }),
  ],
  ['logitScale NaN', 'RangeError', () => ({ logitScale: { value: Number.NaN } })],
  ['logitScale Infinity', 'RangeError', () => ({ logitScale: { value: Number.POSITIVE_INFINITY } })],
  ['logitScale −Infinity', 'RangeError', () => ({ logitScale: { value: Number.NEGATIVE_INFINITY } })],
  [
    'logitScale a tf.Scalar holding NaN',
    'RangeError',
    () => ({ logitScale: { tensor: { shape: [], values: [Number.NaN] } } }),
  ],
  [
    'logitScale a tensor of shape [1]',
    'RangeError',
    () => ({ logitScale: { tensor: { shape: [1], values: [2.6592] } } }),
  ],
  ["logitScale '2.6592'", 'TypeError', () => ({ logitScale: { value: '2.6592' } })],
  ['logitScale undefined', 'TypeError', () => ({ logitScale: { value: undefined } })],
  ['maxLogitScale −1', 'RangeError', () => ({ opts: { maxLogitScale: -1 } })],
  ['maxLogitScale NaN', 'RangeError', () => ({ opts: { maxLogitScale: Number.NaN } })],
  ['maxLogitScale Infinity', 'RangeError', () => ({ opts: { maxLogitScale: Number.POSITIVE_INFINITY } })],
  ["maxLogitScale '4.6'", 'TypeError', () => ({ opts: { maxLogitScale: '4.6' } })],
  ['opts a number (4.6)', 'TypeError', () => ({ opts: 4.6 })],
  ['opts null', 'TypeError', () => ({ opts: null })],
  ['images a plain array', 'TypeError', () => ({ images: 'plain' })],
  ['texts a plain array', 'TypeError', () => ({ texts: 'plain' })],
];

/** A valid `clipCase` with one bad argument: every clipLoss case of "Bad input". */
export const badClipCall: fc.Arbitrary<BadClipCall> = fc
  .tuple(clipCase, fc.constantFrom(...clipTemplates))
  .map(([c, [what, error, change]]) => ({ args: { ...clipArgs(c), ...change(c) }, error, what }));

export type BadInfoNCECall = BadCall<{ queries: TensorArg; keys: TensorArg; temperature: unknown }>;

type InfoArgs = BadInfoNCECall['args'];
const infoArgs = (c: InfoNCECase): InfoArgs => ({
  queries: { shape: [c.N, c.D], values: c.queries },
  keys: { shape: [c.N, c.D], values: c.keys },
  temperature: c.temperature,
});
const withValue = (c: InfoNCECase, values: number[], at: number, x: number): TensorArg => ({
  shape: [c.N, c.D],
  values: values.map((v, i) => (i === at % values.length ? x : v)),
});

const infoTemplates: readonly (readonly [string, BadInfoNCECall['error'], (c: InfoNCECase) => Partial<InfoArgs>])[] = [
  ['temperature 0', 'RangeError', () => ({ temperature: 0 })],
  ['temperature −0.07', 'RangeError', () => ({ temperature: -0.07 })],
  ['temperature NaN', 'RangeError', () => ({ temperature: Number.NaN })],
  ['temperature Infinity', 'RangeError', () => ({ temperature: Number.POSITIVE_INFINITY })],
  ["temperature '0.07'", 'TypeError', () => ({ temperature: '0.07' })],
  ['temperature undefined', 'TypeError', () => ({ temperature: undefined })],
  ['a NaN query entry', 'RangeError', (c) => ({ queries: withValue(c, c.queries, c.N * c.D - 1, Number.NaN) })],
  ['an Infinity key entry', 'RangeError', (c) => ({ keys: withValue(c, c.keys, 0, Number.POSITIVE_INFINITY) })],
  ['keys with one row more', 'RangeError', (c) => ({ keys: { shape: [c.N + 1, c.D], values: [1, ...c.keys] } })],
  ['keys with one column more', 'RangeError', (c) => ({ keys: { shape: [c.N, c.D + 1], values: [1, ...c.keys] } })],
  ['queries of rank 3', 'RangeError', (c) => ({ queries: { shape: [c.N, c.D, 1], values: c.queries } })],
  [
    'queries and keys with N = 0',
    'RangeError',
    (c) => ({ queries: { shape: [0, c.D], values: [] }, keys: { shape: [0, c.D], values: [] } }),
  ],
  ['queries a plain array', 'TypeError', () => ({ queries: 'plain' })],
  ['keys a plain array', 'TypeError', () => ({ keys: 'plain' })],
];

/** A valid `infoNCECase` with one bad argument: every infoNCE case of "Bad input". */
export const badInfoNCECall: fc.Arbitrary<BadInfoNCECall> = fc
  .tuple(infoNCECase, fc.constantFrom(...infoTemplates))
  .map(([c, [what, error, change]]) => ({ args: { ...infoArgs(c), ...change(c) }, error, what }));
