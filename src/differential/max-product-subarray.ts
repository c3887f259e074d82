import fc from 'fast-check';
import { type Differential, exported, showJson } from './types.ts';

type MaxProduct = (nums: readonly number[]) => number;

export const differential: Differential<number[], number> = {
  // Integers in [-6, 6], at most 20: every subarray product is exact in a double.
  inputs: fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 20 }),
  run: (impl, nums) => exported<MaxProduct>(impl, 'maxProduct')([...nums]),
  difference: (a, b) => (Object.is(a, b) ? undefined : `${showJson(a)} is not ${showJson(b)}`),
  show: showJson,
};
