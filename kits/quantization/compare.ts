import fc from 'fast-check';
import { fp8Case, fp8Input, matrix, nf4Case, notAFloat32Array, tensorValues, withNonFinite } from './inputs.ts';
import { type Differential, exported, type ImplModule, showJson } from '../../src/harness/compare.ts';

type Input =
  | { readonly fn: 'absmax' | 'zeroPoint'; readonly xs: number[]; readonly cols?: number }
  | { readonly fn: 'nf4'; readonly xs: number[]; readonly blockSize: number }
  | { readonly fn: 'fp8'; readonly x: number }
  | {
      readonly fn: 'fp8Blockwise';
      readonly xs: number[];
      readonly rows: number;
      readonly cols: number;
      readonly blockRows: number;
      readonly blockCols: number;
    }
  /** Must throw: not a Float32Array (TypeError) or a non-finite element (RangeError). */
  | { readonly fn: 'bad'; readonly x: unknown };

type Output = Record<string, number[]> | number;

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 2, arbitrary: tensorValues.map((xs): Input => ({ fn: 'absmax', xs })) },
  { weight: 2, arbitrary: matrix.map(({ xs, cols }): Input => ({ fn: 'absmax', xs, cols })) },
  { weight: 2, arbitrary: tensorValues.map((xs): Input => ({ fn: 'zeroPoint', xs })) },
  { weight: 2, arbitrary: matrix.map(({ xs, cols }): Input => ({ fn: 'zeroPoint', xs, cols })) },
  { weight: 2, arbitrary: nf4Case.map((c): Input => ({ fn: 'nf4', ...c })) },
  { weight: 2, arbitrary: fp8Input.map((x): Input => ({ fn: 'fp8', x })) },
  { weight: 2, arbitrary: fp8Case.map((c): Input => ({ fn: 'fp8Blockwise', ...c })) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      notAFloat32Array.map((x): Input => ({ fn: 'bad', x })),
      withNonFinite.map((xs): Input => ({ fn: 'bad', x: Float32Array.from(xs) })),
    ),
  },
);

/** Every typed array of a result as a plain list, keyed as the implementation returned it. */
function plain(result: unknown): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, value] of Object.entries(result as Record<string, ArrayLike<number>>)) {
    out[`${key} (${(value as object).constructor.name})`] = Array.from(value);
  }
  return out;
}

function quantize(impl: ImplModule, input: Input): Output {
  switch (input.fn) {
    case 'absmax':
    case 'zeroPoint': {
      const name = input.fn === 'absmax' ? 'quantizeAbsmax' : 'quantizeZeroPoint';
      const f = exported<(x: Float32Array, cols?: number) => unknown>(impl, name);
      return plain(
        input.cols === undefined ? f(Float32Array.from(input.xs)) : f(Float32Array.from(input.xs), input.cols),
      );
    }
    case 'nf4':
      return plain(
        exported<(x: Float32Array, b: number) => unknown>(impl, 'quantizeNF4')(
          Float32Array.from(input.xs),
          input.blockSize,
        ),
      );
    case 'fp8':
      return exported<(x: number) => number>(impl, 'fp8E4M3Bits')(input.x);
    case 'fp8Blockwise':
      return plain(
        exported<(x: Float32Array, r: number, c: number, br: number, bc: number) => unknown>(
          impl,
          'quantizeFp8Blockwise',
        )(Float32Array.from(input.xs), input.rows, input.cols, input.blockRows, input.blockCols),
      );
    case 'bad':
      return plain(exported<(x: unknown) => unknown>(impl, 'quantizeAbsmax')(input.x));
  }
}

export const differential: Differential<Input, Output> = {
  inputs,
  run: quantize,
  difference(a, b) {
    if (typeof a === 'number' || typeof b === 'number') {
      return Object.is(a, b) ? undefined : `${showJson(a)}, expected ${showJson(b)}`;
    }
    for (const key of Object.keys(b)) {
      const mine = a[key];
      const theirs = b[key] as number[];
      if (mine === undefined) return `no ${key}`;
      if (mine.length !== theirs.length) return `${key}: length ${mine.length}, expected ${theirs.length}`;
      const i = mine.findIndex((v, j) => !Object.is(v, theirs[j]));
      if (i >= 0) return `${key}[${i}]: ${showJson(mine[i])}, expected ${showJson(theirs[i])}`;
    }
    return undefined;
  },
  show: showJson,
};
