import fc from 'fast-check';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import {
  type AdamWCase,
  adamwCase,
  badCall,
  type ClipCase,
  clipCase,
  type ScheduleCase,
  scheduleCase,
} from './inputs.ts';

type Input =
  | ({ readonly fn: 'lrAt' } & ScheduleCase)
  | ({ readonly fn: 'clipGradNorm' } & ClipCase)
  | ({ readonly fn: 'adamwStep' } & AdamWCase)
  | { readonly fn: 'bad'; readonly call: 'lrAt' | 'clipGradNorm' | 'adamwStep'; readonly args: readonly unknown[] };

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 3, arbitrary: scheduleCase.map((c) => ({ fn: 'lrAt' as const, ...c })) },
  { weight: 3, arbitrary: clipCase.map((c) => ({ fn: 'clipGradNorm' as const, ...c })) },
  { weight: 4, arbitrary: adamwCase.map((c) => ({ fn: 'adamwStep' as const, ...c })) },
  // Rarely: one rule broken, where both sides must throw the same error class.
  { weight: 1, arbitrary: badCall.map((b) => ({ fn: 'bad' as const, call: b.fn, args: b.args })) },
);

/** Numbers agree within 1e-12 relative (1e-15 absolute near zero). */
function difference(a: unknown, b: unknown, path = 'result'): string | undefined {
  if (typeof b === 'number') {
    if (typeof a !== 'number') return `${path} is not a number`;
    return Math.abs(a - b) <= 1e-12 * Math.abs(b) + 1e-15 ? undefined : `${path}: ${a}, expected ${b}`;
  }
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

export const differential: Differential<Input, unknown> = {
  // Schedules with warmup 0..50 and up to 300 decay steps; 0..4 tensors of 0..5 values of mixed
  // sizes; AdamW from a fresh or a reached state with random options; now and then a broken call.
  inputs,
  run: (impl, input) => {
    const copy = structuredClone(input);
    switch (copy.fn) {
      case 'lrAt':
        return exported<(k: number, s: ScheduleCase['schedule']) => number>(impl, 'lrAt')(copy.step, copy.schedule);
      case 'clipGradNorm':
        return exported<(g: number[][], n: number) => unknown>(impl, 'clipGradNorm')(copy.grads, copy.maxNorm);
      case 'adamwStep':
        return exported<(...a: unknown[]) => unknown>(impl, 'adamwStep')(
          copy.params,
          copy.grads,
          copy.state,
          copy.options,
        );
      case 'bad':
        return exported<(...a: unknown[]) => unknown>(impl, copy.call)(...copy.args);
    }
  },
  difference: (a, b) => difference(a, b),
  show: showJson,
};
