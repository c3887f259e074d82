import fc from 'fast-check';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import { badCall, type RopeCase, ropeCase } from './inputs.ts';

type Input =
  | ({ readonly bad: false } & RopeCase)
  | { readonly bad: true; readonly dim: unknown; readonly options: unknown };
type Fn = (dim: unknown, options?: unknown) => unknown;

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 12, arbitrary: ropeCase.map((c) => ({ bad: false as const, ...c })) },
  // Rarely: one rule broken, where both sides must throw the same error class.
  { weight: 1, arbitrary: badCall.map((b) => ({ bad: true as const, dim: b.dim, options: b.options })) },
);

/** Numbers agree within 1e-10 relative; arrays and objects entry by entry. */
function difference(a: unknown, b: unknown, path = 'result'): string | undefined {
  if (typeof b === 'number') {
    if (typeof a !== 'number') return `${path} is not a number`;
    return Math.abs(a - b) <= 1e-10 * Math.abs(b) || Object.is(a, b) ? undefined : `${path}: ${a}, expected ${b}`;
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
  // ropeCase from inputs.ts: every rope type, dim 4..128, bases 1.5..1e6, factors 1..64, trained
  // lengths 1..200000, seqLen below/at/above L, optional fields sometimes left out; now and then
  // one broken rule.
  inputs,
  run: (impl, input) => {
    const copy = structuredClone(input);
    return exported<Fn>(impl, 'ropeInvFreq')(copy.dim, copy.options);
  },
  difference: (a, b) => difference(a, b),
  show: showJson,
};
