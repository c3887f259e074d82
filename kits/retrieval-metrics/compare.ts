import fc from 'fast-check';
import {
  type BadCall,
  badCall,
  type CosineCase,
  callBad,
  cosineCase,
  type MetricCase,
  metricCase,
  type MrrCase,
  mrrCase,
  type NdcgCase,
  ndcgCase,
  relevantArg,
} from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Input =
  | ({ readonly fn: 'recallAtK' | 'precisionAtK' | 'reciprocalRank' } & MetricCase)
  | ({ readonly fn: 'meanReciprocalRank' } & MrrCase)
  | ({ readonly fn: 'ndcgAtK' } & NdcgCase)
  | ({ readonly fn: 'cosineTopK' } & CosineCase)
  | { readonly fn: 'bad'; readonly bad: BadCall };

/** A metric's value, or the hits of cosineTopK as [index, score] pairs. */
type Output = number | [number, number][];

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 2, arbitrary: metricCase.map((c) => ({ fn: 'recallAtK' as const, ...c })) },
  { weight: 2, arbitrary: metricCase.map((c) => ({ fn: 'precisionAtK' as const, ...c })) },
  { weight: 2, arbitrary: metricCase.map((c) => ({ fn: 'reciprocalRank' as const, ...c })) },
  { weight: 2, arbitrary: mrrCase.map((c) => ({ fn: 'meanReciprocalRank' as const, ...c })) },
  { weight: 3, arbitrary: ndcgCase.map((c) => ({ fn: 'ndcgAtK' as const, ...c })) },
  { weight: 3, arbitrary: cosineCase.map((c) => ({ fn: 'cosineTopK' as const, ...c })) },
  // Rarely, one bad argument: both sides must throw the same error class.
  { weight: 1, arbitrary: badCall.map((bad) => ({ fn: 'bad' as const, bad })) },
);

const close = (x: number, y: number) => Object.is(x, y) || Math.abs(x - y) <= 1e-9;

function difference(a: Output, b: Output): string | undefined {
  if (typeof b === 'number') {
    return typeof a === 'number' && close(a, b) ? undefined : `${showJson(a)}, expected ${showJson(b)}`;
  }
  if (!Array.isArray(a) || a.length !== b.length) return `expected ${b.length} hits`;
  for (let i = 0; i < b.length; i++) {
    const [ia, sa] = a[i] as [number, number];
    const [ib, sb] = b[i] as [number, number];
    if (ia !== ib || !close(sa, sb)) return `hit ${i}: ${showJson(a[i])}, expected ${showJson(b[i])}`;
  }
  return undefined;
}

type Ranking = (ranked: string[], relevant: unknown, k?: number) => number;

export const differential: Differential<Input, Output> = {
  // Rankings over twelve ids d0…d11 (k 1 to 15), grades 0 to 3 with a few halves, small integer
  // vectors with exact ties; about one input in fifteen is a bad call (both must throw alike).
  inputs,
  run: (impl, input) => {
    switch (input.fn) {
      case 'bad':
        callBad(impl, input.bad);
        throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
      case 'recallAtK':
      case 'precisionAtK':
        return exported<Ranking>(impl, input.fn)([...input.ranked], relevantArg(input), input.k);
      case 'reciprocalRank':
        return exported<Ranking>(impl, input.fn)([...input.ranked], relevantArg(input));
      case 'meanReciprocalRank':
        return exported<(q: unknown[]) => number>(
          impl,
          input.fn,
        )(input.queries.map((q) => ({ ranked: [...q.ranked], relevant: relevantArg(q) })));
      case 'ndcgAtK': {
        const ndcg = exported<(r: string[], g: Map<string, number>, k: number, o?: unknown) => number>(impl, input.fn);
        const options = input.gain === undefined ? undefined : { gain: input.gain };
        return ndcg([...input.ranked], new Map(input.grades), input.k, options);
      }
      case 'cosineTopK': {
        const topK = exported<(q: number[], c: number[][], k: number) => { index: number; score: number }[]>(
          impl,
          input.fn,
        );
        return topK(
          [...input.query],
          input.corpus.map((v) => [...v]),
          input.k,
        ).map((h) => [h.index, h.score]);
      }
    }
  },
  difference,
  show: showJson,
};
