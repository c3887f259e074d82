import { sqrtInputs } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type SqrtGD = (a: number) => number;

export const differential: Differential<number, number> = {
  // Log-uniform over the kata's range 1e-12 … 1e12, plus 0 and a few negatives (which must throw).
  inputs: sqrtInputs,
  run: (impl, a) => exported<SqrtGD>(impl, 'sqrtGD')(a),
  difference: (a, b) => {
    const relative = b === 0 ? Math.abs(a) : Math.abs(a - b) / b;
    return relative <= 1e-9 ? undefined : `relative difference ${relative.toExponential(2)} (allowed 1e-9)`;
  },
  show: showJson,
};
