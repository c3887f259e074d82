import fc from 'fast-check';
import { type Differential, exported, showJson } from './types.ts';

type SqrtGD = (a: number) => number;

export const differential: Differential<number, number> = {
  // Log-uniform over the kata's range 1e-12 … 1e12, plus 0 and a few negatives (which must throw).
  inputs: fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: -12, max: 12, noNaN: true }).map((e) => 10 ** e) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, -1e-3) },
  ),
  run: (impl, a) => exported<SqrtGD>(impl, 'sqrtGD')(a),
  difference: (a, b) => {
    const relative = b === 0 ? Math.abs(a) : Math.abs(a - b) / b;
    return relative <= 1e-9 ? undefined : `relative difference ${relative.toExponential(2)} (allowed 1e-9)`;
  },
  show: showJson,
};
