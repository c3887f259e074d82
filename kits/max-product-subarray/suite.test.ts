import { test } from '../../src/harness/prop.ts';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/max-product-subarray';
import { maxProduct } from '@impl/max-product-subarray';
import { longNums as longArray, numsWithBadElement, shortNums as shortArray } from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { bruteForceMaxProduct } from './oracle.ts';

const show = (nums: readonly number[]): string =>
  nums.length <= 24 ? `[${nums.join(',')}]` : `[${nums.slice(0, 12).join(',')}, … ${nums.length} numbers]`;

/** maxProduct(nums) must be exactly `expected` (Object.is: +0 and -0 differ). */
function expectMax(nums: readonly number[], expected: number): void {
  expect(maxProduct(nums), `maxProduct(${show(nums)})`).toBe(expected);
}

/** The prompt's budget: at most 12·n steps of work (two or three passes fit; n² does not). */
function expectWithinWork(nums: readonly number[], expected: number): void {
  const n = nums.length;
  const result = expectWithinBudget(() => counted.maxProduct(nums), { steps: 12 * n, rule: `12·n for n = ${n}` });
  expect(result, `maxProduct(${show(nums)})`).toBe(expected);
}

describe('max-product-subarray: worked examples', () => {
  test('[2,3,-2,4] → 6 (the subarray [2,3])', () => {
    expectMax([2, 3, -2, 4], 6);
  });

  test('[-2,0,-1] → 0, and that 0 is +0', () => {
    expectMax([-2, 0, -1], 0);
  });

  test('[-2,3,-4] → 24: two negatives multiply to a positive', () => {
    expectMax([-2, 3, -4], 24);
  });

  test('[2,-5,-2,-4,3] → 24 (the subarray [-2,-4,3])', () => {
    expectMax([2, -5, -2, -4, 3], 24);
  });
});

describe('max-product-subarray: edge cases', () => {
  test('a single negative element is its own answer: [-2] → -2 (not 0 or 1)', () => {
    expectMax([-2], -2);
    expectMax([-7], -7);
  });

  test('a single element: [7] → 7, [0] → +0', () => {
    expectMax([7], 7);
    expectMax([0], 0);
  });

  test('an empty array throws RangeError (there is no non-empty subarray)', () => {
    expect(() => maxProduct([])).toThrow(RangeError);
  });

  test("an element that is not a number throws TypeError: ['2','3'], [1, null], [true]", () => {
    for (const nums of [['2', '3'], [1, null], [true], [3, undefined, 4]]) {
      expect(() => maxProduct(nums as unknown as number[]), `maxProduct(${JSON.stringify(nums)})`).toThrow(TypeError);
    }
  });

  test('a number that is not a finite integer throws RangeError: [NaN, 2], [2, Infinity], [1.5]', () => {
    for (const nums of [[Number.NaN, 2], [2, Number.POSITIVE_INFINITY], [1.5], [-3, 2, -Infinity]]) {
      expect(() => maxProduct(nums), `maxProduct([${nums.join(', ')}])`).toThrow(RangeError);
    }
  });

  test('nums that is not an array throws TypeError: "23", null, { length: 2 }', () => {
    for (const nums of ['23', null, { length: 2, 0: 2, 1: 3 }]) {
      expect(() => maxProduct(nums as unknown as number[]), `maxProduct(${JSON.stringify(nums)})`).toThrow(TypeError);
    }
  });

  test('a zero answer is +0, never -0: [-3,0], [0,-1], [-5,0,-7,0]', () => {
    expectMax([-3, 0], 0);
    expectMax([0, -1], 0);
    expectMax([-5, 0, -7, 0], 0);
    expectMax([-1, 0, -1, 0, -1], 0);
  });

  test('a zero splits the array and the product restarts after it: [0,2], [2,0,3], [3,0,-2,-4]', () => {
    expectMax([0, 2], 2);
    expectMax([2, 0, 3], 3);
    expectMax([3, 0, -2, -4], 8);
    expectMax([-2, 0, -3, 4], 4);
  });

  test('all negatives: [-2,-1] → 2, [-1,-2,-3] → 6', () => {
    expectMax([-2, -1], 2);
    expectMax([-1, -2, -3], 6);
  });

  test('an odd number of negatives drops an end: [-1,2,3,-4,5,-6] → 720', () => {
    expectMax([-1, 2, 3, -4, 5, -6], 720);
    expectMax([-6, 5, -4, 3, 2, -1], 720);
  });

  test('products beyond 2^31 stay exact (no int32 arithmetic): forty 2s → 2^40, fifteen 10s → 10^15', () => {
    expectMax(
      Array.from({ length: 40 }, () => 2),
      2 ** 40,
    );
    expectMax(
      Array.from({ length: 15 }, () => 10),
      1e15,
    );
    expectMax(
      Array.from({ length: 33 }, () => -2),
      2 ** 32,
    );
    expectMax([-10, ...Array.from({ length: 14 }, () => 10), 0, 5], 1e14);
  });

  test('reads a frozen input without modifying it: Object.freeze([-2,3,-4]) → 24', () => {
    const nums = Object.freeze([-2, 3, -4]);
    expectMax(nums, 24);
    expect(nums).toEqual([-2, 3, -4]);
  });
});

describe('max-product-subarray: complexity and scale (at most 12·n steps of work)', () => {
  const n = 20_000;

  test('n = 2·10^4 with a run of fifty -2s: 2^50, within 12·n steps', () => {
    // Segment before the zero: 2^40 (forty 2s) but one -1 spoils longer runs;
    // segment after the zero: fifty -2s multiply to +2^50.
    const nums = Array.from({ length: n }, () => 1);
    for (let i = 100; i < 140; i++) nums[i] = 2;
    nums[5000] = -1;
    nums[15_000] = 0;
    for (let i = 16_000; i < 16_050; i++) nums[i] = -2;
    expectWithinWork(nums, 2 ** 50);
  });

  test('n = 2·10^4 of -1: → 1, within 12·n steps', () => {
    expectWithinWork(
      Array.from({ length: n }, () => -1),
      1,
    );
  });

  test('n = 2·10^4 alternating 0 and -3: → +0, within 12·n steps', () => {
    expectWithinWork(
      Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : -3)),
      0,
    );
  });

  test('work done on a copy counts too: 3000 seeded values in [-2, 2] (at most 40 of them ±2), within 12·n steps', () => {
    // Small enough for the all-subarrays oracle; n² is still 375 times the budget.
    let seed = 7;
    let big = 0;
    const nums = Array.from({ length: 3000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const v = (seed % 5) - 2;
      return Math.abs(v) === 2 && ++big > 40 ? Math.sign(v) : v;
    });
    expectWithinWork(nums, bruteForceMaxProduct(nums));
  });
});

describe('max-product-subarray: properties (against an all-subarrays oracle)', () => {
  test.prop([shortArray])('equals the best product over all subarrays (short arrays, values -6..6)', (nums) => {
    expectMax(nums, bruteForceMaxProduct(nums));
  });

  test.prop([longArray])('equals the best product over all subarrays (up to 200 values, zeros and signs)', (nums) => {
    expectMax(nums, bruteForceMaxProduct(nums));
  });

  test.prop([shortArray])('reversing the array does not change the answer', (nums) => {
    const reversed = [...nums].reverse();
    expect(maxProduct(reversed), `maxProduct(${show(reversed)}) vs maxProduct(${show(nums)})`).toBe(
      bruteForceMaxProduct(nums),
    );
  });

  test.prop([shortArray])('the answer is at least the largest single element', (nums) => {
    const result = maxProduct(nums);
    expect(result, `maxProduct(${show(nums)})`).toBeGreaterThanOrEqual(Math.max(...nums));
  });

  test.prop([shortArray.filter((nums) => nums.length >= 2)])(
    'with two or more elements the answer is never negative (a 0, a positive, or two adjacent negatives)',
    (nums) => {
      expect(maxProduct(nums), `maxProduct(${show(nums)})`).toBeGreaterThanOrEqual(0);
    },
  );

  test.prop([numsWithBadElement])(
    'one bad element anywhere: a non-number throws TypeError, a non-integer number RangeError',
    ({ nums, bad }) => {
      const error = bad.error === 'TypeError' ? TypeError : RangeError;
      expect(() => maxProduct(nums as number[]), `maxProduct(${show(nums as number[])})`).toThrow(error);
    },
  );

  test.prop([shortArray])('nums, 0, nums again gives max(answer for nums, +0): the 0 separates the copies', (nums) => {
    const doubled = [...nums, 0, ...nums];
    expect(maxProduct(doubled), `maxProduct(${show(doubled)})`).toBe(Math.max(bruteForceMaxProduct(nums), 0));
  });
});
