import { shortNumsOrEmpty } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type MaxProduct = (nums: readonly number[]) => number;

export const differential: Differential<number[], number> = {
  // Integers in [-6, 6], at most 20 (or none): every subarray product is exact in a double.
  inputs: shortNumsOrEmpty,
  run: (impl, nums) => exported<MaxProduct>(impl, 'maxProduct')([...nums]),
  difference: (a, b) => (Object.is(a, b) ? undefined : `${showJson(a)} is not ${showJson(b)}`),
  show: showJson,
};
