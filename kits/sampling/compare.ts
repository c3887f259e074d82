import fc from 'fast-check';
import {
  type BadCall,
  badCall,
  callBad,
  type PenaltyCase,
  penaltyCase,
  type SampleCase,
  sampleCase,
  type TemperatureCase,
  temperatureCase,
  type TopKCase,
  type TopPCase,
  topKCase,
  topPCase,
} from './inputs.ts';
import { seededUniform } from '../../src/harness/random.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Input =
  | ({ readonly fn: 'applyTemperature' } & TemperatureCase)
  | ({ readonly fn: 'topKFilter' } & TopKCase)
  | ({ readonly fn: 'topPFilter' } & TopPCase)
  | ({ readonly fn: 'repetitionPenalty' } & PenaltyCase)
  | ({ readonly fn: 'sampleToken' } & SampleCase)
  | { readonly fn: 'bad'; readonly bad: BadCall };

/** Filtered logits, or the tokens of twenty seeded draws. */
type Output = number[];

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 3, arbitrary: temperatureCase.map((c) => ({ fn: 'applyTemperature' as const, ...c })) },
  { weight: 3, arbitrary: topKCase.map((c) => ({ fn: 'topKFilter' as const, ...c })) },
  { weight: 3, arbitrary: topPCase.map((c) => ({ fn: 'topPFilter' as const, ...c })) },
  { weight: 3, arbitrary: penaltyCase.map((c) => ({ fn: 'repetitionPenalty' as const, ...c })) },
  { weight: 3, arbitrary: sampleCase.map((c) => ({ fn: 'sampleToken' as const, ...c })) },
  // Rarely, one bad argument: both sides must throw the same error class.
  { weight: 1, arbitrary: badCall.map((bad) => ({ fn: 'bad' as const, bad })) },
);

function difference(a: Output, b: Output): string | undefined {
  if (!Array.isArray(a) || a.length !== b.length) return `result should be an array of length ${b.length}`;
  for (let i = 0; i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const same = Object.is(x, y) || (Number.isFinite(y) && Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y)));
    if (!same) return `result[${i}]: ${showJson(x)}, expected ${showJson(y)}`;
  }
  return undefined;
}

export const differential: Differential<Input, Output> = {
  // 1 to 10 half-integer logits in [-4, 4] (many ties); top-p cases away from the boundary; sampleToken
  // returns the tokens of twenty draws from seededUniform(seed).
  inputs,
  run: (impl, input) => {
    if (input.fn === 'bad') {
      callBad(impl, input.bad);
      throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
    }
    const logits = [...input.logits];
    switch (input.fn) {
      case 'applyTemperature':
        return exported<(l: number[], t: number) => number[]>(impl, input.fn)(logits, input.t);
      case 'topKFilter':
        return exported<(l: number[], k: number) => number[]>(impl, input.fn)(logits, input.k);
      case 'topPFilter':
        return exported<(l: number[], p: number, m?: number) => number[]>(impl, input.fn)(
          logits,
          input.p,
          input.minKeep,
        );
      case 'repetitionPenalty':
        return exported<(l: number[], prev: number[], pen: number) => number[]>(impl, input.fn)(
          logits,
          [...input.previous],
          input.penalty,
        );
      case 'sampleToken': {
        const sample = exported<(l: number[], rng: () => number, o?: SampleCase['opts']) => number>(impl, input.fn);
        const rng = seededUniform(input.seed);
        return Array.from({ length: 20 }, () => sample([...input.logits], rng, structuredClone(input.opts)));
      }
    }
  },
  difference,
  show: showJson,
};
