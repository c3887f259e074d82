import { type SqrtInput, compareInputs } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type SqrtGD = (a: number, options?: unknown) => number;

export const differential: Differential<SqrtInput, number> = {
  // Log-uniform over the kata's range 1e-12 … 1e12 with the default options, plus 0, a few
  // negatives and, about one input in ten, a bad option (which must throw the same error).
  inputs: compareInputs,
  run: (impl, input) => {
    const sqrtGD = exported<SqrtGD>(impl, 'sqrtGD');
    return 'bad' in input ? sqrtGD(input.a, input.bad.options) : sqrtGD(input.a);
  },
  difference: (a, b) => {
    const relative = b === 0 ? Math.abs(a) : Math.abs(a - b) / b;
    return relative <= 1e-9 ? undefined : `relative difference ${relative.toExponential(2)} (allowed 1e-9)`;
  },
  show: showJson,
};
