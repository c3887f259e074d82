import fc from 'fast-check';
import {
  type AccumulationCase,
  accumulationCase,
  badAccumulationCase,
  badCount,
  badMode,
  everyBatchValidCase,
  layerCount,
  segmentLength,
} from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Mode = 'global-token-mean' | 'mean-of-means';
type Input =
  | ({ readonly fn: 'fullBatchLossAndGrad' } & AccumulationCase)
  | ({ readonly fn: 'accumulate'; readonly mode: Mode } & AccumulationCase)
  | { readonly fn: 'checkpointMemory'; readonly layers: number; readonly segment: number }
  | { readonly fn: 'bestCheckpointSegment'; readonly layers: number };

type LossAndGrad = { loss: number; grad: number[] };
type Output = LossAndGrad | number | { segment: number; memory: number; extraForwards: number };

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 4, arbitrary: accumulationCase.map((c) => ({ fn: 'fullBatchLossAndGrad' as const, ...c })) },
  {
    weight: 4,
    arbitrary: accumulationCase.map((c) => ({ fn: 'accumulate' as const, mode: 'global-token-mean' as const, ...c })),
  },
  // A micro-batch without valid tokens has no mean of its own: the spec leaves 'mean-of-means' open there.
  {
    weight: 4,
    arbitrary: everyBatchValidCase.map((c) => ({ fn: 'accumulate' as const, mode: 'mean-of-means' as const, ...c })),
  },
  // Rarely: one rule broken (TypeError or RangeError expected), or a mode that is no option.
  {
    weight: 1,
    arbitrary: badAccumulationCase.map(
      ({ theta, mbs, mode }) => ({ fn: 'accumulate', mode, theta, mbs }) as unknown as Input,
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(accumulationCase, badMode)
      .map(([c, mode]) => ({ fn: 'accumulate', mode, ...c }) as unknown as Input),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(layerCount, fc.oneof({ weight: 9, arbitrary: segmentLength }, { weight: 1, arbitrary: badCount }))
      .map(([layers, segment]) => ({ fn: 'checkpointMemory' as const, layers, segment })),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof({ weight: 9, arbitrary: layerCount }, { weight: 1, arbitrary: badCount })
      .map((layers) => ({ fn: 'bestCheckpointSegment' as const, layers })),
  },
);

const copy = (c: AccumulationCase): AccumulationCase => structuredClone({ theta: c.theta, mbs: c.mbs });

/** Numbers agree within 1e-12 relative (1e-12 absolute near zero); NaN only matches NaN. */
function numberDifference(path: string, a: number, b: number): string | undefined {
  if (Number.isNaN(a) && Number.isNaN(b)) return undefined;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)) ? undefined : `${path}: ${a}, expected ${b}`;
}

function difference(a: unknown, b: unknown, path = 'result'): string | undefined {
  if (typeof b === 'number') return typeof a === 'number' ? numberDifference(path, a, b) : `${path} is not a number`;
  if (Array.isArray(b)) {
    if (!Array.isArray(a) || a.length !== b.length) return `${path} should have length ${b.length}`;
    for (let i = 0; i < b.length; i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof b === 'object' && b !== null) {
    if (typeof a !== 'object' || a === null) return `${path} is not an object`;
    for (const key of Object.keys(b)) {
      const d = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${showJson(a)}, expected ${showJson(b)}`;
}

export const differential: Differential<Input, Output> = {
  // θ of dimension 1..3, 1..5 micro-batches of 0..5 small-integer tokens with 0/1 masks; L ≤ 2000;
  // now and then an input that breaks one rule, where both sides must throw the same error class.
  inputs,
  run: (impl, input) => {
    switch (input.fn) {
      case 'fullBatchLossAndGrad': {
        const { theta, mbs } = copy(input);
        return exported<(t: number[], m: AccumulationCase['mbs']) => LossAndGrad>(impl, input.fn)(theta, mbs);
      }
      case 'accumulate': {
        const { theta, mbs } = copy(input);
        return exported<(t: number[], m: AccumulationCase['mbs'], mode: Mode) => LossAndGrad>(impl, input.fn)(
          theta,
          mbs,
          input.mode,
        );
      }
      case 'checkpointMemory':
        return exported<(l: number, k: number) => number>(impl, input.fn)(input.layers, input.segment);
      case 'bestCheckpointSegment':
        return exported<(l: number) => Output>(impl, input.fn)(input.layers);
    }
  },
  difference: (a, b) => difference(a, b),
  show: showJson,
};
