import fc from 'fast-check';
import { badBuffers, badTrafficCase, doubleBuffers, integerBuffers, toFloat64, trafficCase } from './inputs.ts';
import { type Message, canonical } from './oracle.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Input =
  | { readonly fn: 'ringAllReduce'; readonly buffers: number[][] }
  | { readonly fn: 'ringBytesPerWorker' | 'parameterServerBytes'; readonly bytes: number; readonly workers: number }
  // One rule broken (both sides must throw the same error class); `make` builds the argument afresh.
  | { readonly fn: 'badRingAllReduce'; readonly make: () => unknown; readonly broken: string };

/** ringAllReduce → { result, sentElements, log (canonical lines) }; ringBytesPerWorker → a number; parameterServerBytes → its fields. */
type Output = number | Readonly<Record<string, unknown>>;

type RingAllReduce = (buffers: Float64Array[]) => { result: Float64Array[]; sentElements: number[]; log: Message[] };

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 4, arbitrary: integerBuffers(6, 12).map((buffers) => ({ fn: 'ringAllReduce' as const, buffers })) },
  { weight: 2, arbitrary: doubleBuffers(5, 8).map((buffers) => ({ fn: 'ringAllReduce' as const, buffers })) },
  { weight: 1, arbitrary: trafficCase.map((c) => ({ fn: 'ringBytesPerWorker' as const, ...c })) },
  { weight: 1, arbitrary: trafficCase.map((c) => ({ fn: 'parameterServerBytes' as const, ...c })) },
  {
    weight: 1,
    arbitrary: badBuffers.map(({ make, broken }) => ({ fn: 'badRingAllReduce' as const, make, broken })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(badTrafficCase, fc.constantFrom('ringBytesPerWorker' as const, 'parameterServerBytes' as const))
      .map(([c, fn]) => ({ fn, bytes: c.bytes as number, workers: c.workers as number })),
  },
);

export const differential: Differential<Input, Output> = {
  inputs,
  run(impl, input) {
    switch (input.fn) {
      case 'ringAllReduce': {
        const { result, sentElements, log } = exported<RingAllReduce>(impl, input.fn)(toFloat64(input.buffers));
        // The messages of one step happen at once: list them in a canonical order.
        return { result: result.map((b) => Array.from(b)), sentElements: [...sentElements], log: canonical(log) };
      }
      case 'badRingAllReduce': {
        const { result, sentElements, log } = exported<RingAllReduce>(
          impl,
          'ringAllReduce',
        )(input.make() as Float64Array[]);
        return { result: result.map((b) => Array.from(b)), sentElements: [...sentElements], log: canonical(log) };
      }
      case 'ringBytesPerWorker':
        return exported<(b: number, w: number) => number>(impl, input.fn)(input.bytes, input.workers);
      case 'parameterServerBytes': {
        const r = exported<(b: number, w: number) => Record<string, number>>(impl, input.fn)(
          input.bytes,
          input.workers,
        );
        return {
          serverIn: r.serverIn as number,
          serverOut: r.serverOut as number,
          perWorkerOut: r.perWorkerOut as number,
        };
      }
    }
  },
  difference(a, b) {
    if (typeof a === 'number' || typeof b === 'number') {
      // 2(N−1)·S/N may round differently depending on the order of the operations.
      const close = typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= Math.abs(b) * 1e-12;
      return close ? undefined : `${showJson(a)} is not ${showJson(b)}`;
    }
    const keys = Object.keys(b);
    const differing = keys.filter((key) => showJson(a[key]) !== showJson(b[key]));
    return differing.length === 0
      ? undefined
      : differing.map((key) => `${String(key)}: ${showJson(a[key])} is not ${showJson(b[key])}`).join('; ');
  },
  show: showJson,
};
