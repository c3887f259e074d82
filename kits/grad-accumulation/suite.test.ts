import { describe, expect } from 'vitest';
import { accumulate, bestCheckpointSegment, checkpointMemory, fullBatchLossAndGrad } from '@impl/grad-accumulation';
import * as counted from '@impl-counted/grad-accumulation';
import {
  type AccumulationCase,
  accumulationCase,
  badAccumulationCase,
  badMode,
  equalCountCase,
  everyBatchValidCase,
  layerCount,
  type MicroBatchInput,
  segmentLength,
} from './inputs.ts';
import { bestSegmentOracle, fullBatchOracle, meanOfMeansOracle, type OracleLossAndGrad } from './oracle.ts';
import { test } from '../../src/harness/prop.ts';
import { seededUniform } from '../../src/harness/random.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

type Result = { loss: number; grad: number[] };

const show = (theta: readonly number[], mbs: readonly MicroBatchInput[]): string => {
  const text = JSON.stringify({ theta, mbs });
  return text.length > 400 ? `${text.slice(0, 400)}… (${mbs.length} micro-batches)` : text;
};

/** `actual` matches the float64 oracle within 1e-12 of the size of the summed terms (relative). */
function expectClose(actual: Result, expected: OracleLossAndGrad, what: string): void {
  expect(Number.isFinite(actual.loss), `${what}: loss is ${actual.loss}`).toBe(true);
  expect(
    Math.abs(actual.loss - expected.loss),
    `${what}: loss ${actual.loss}, expected ${expected.loss}`,
  ).toBeLessThanOrEqual(1e-12 * expected.lossScale + 1e-300);
  expect(actual.grad.length, `${what}: grad has one entry per θ entry`).toBe(expected.grad.length);
  expected.grad.forEach((g, j) => {
    const got = actual.grad[j] as number;
    expect(Number.isFinite(got), `${what}: grad[${j}] is ${got}`).toBe(true);
    expect(Math.abs(got - g), `${what}: grad[${j}] ${got}, expected ${g}`).toBeLessThanOrEqual(
      1e-12 * (expected.gradScale[j] as number) + 1e-300,
    );
  });
}

/** A literal expectation, to 1e-9. */
function expectValues(actual: Result, loss: number, grad: readonly number[], what: string): void {
  expect(actual.loss, `${what}: loss`).toBeCloseTo(loss, 9);
  expect(actual.grad.length, `${what}: grad length`).toBe(grad.length);
  grad.forEach((g, j) => {
    expect(actual.grad[j], `${what}: grad[${j}]`).toBeCloseTo(g, 9);
  });
}

// Vector 1: two tokens in mb1, one in mb2 (θ = [1]).
const theta1 = [1];
const mbs1 = (): MicroBatchInput[] => [
  { x: [[1], [2]], y: [0, 0], mask: [1, 1] },
  { x: [[3]], y: [0], mask: [1] },
];

// Vector 2: masked tokens and a fully masked third micro-batch (θ = [0.5, -1]).
const theta2 = [0.5, -1];
const mbs2 = (): MicroBatchInput[] => [
  {
    x: [
      [1, 0],
      [2, 1],
      [0, 1],
    ],
    y: [1, 0, 2],
    mask: [1, 0, 1],
  },
  { x: [[1, 1]], y: [3], mask: [1] },
  { x: [[4, -2]], y: [5], mask: [0] },
];

describe('grad-accumulation: worked examples', () => {
  test('θ=[1], token counts 2 and 1: the full batch is 14/3 with grad 28/3 (and the oracle agrees)', () => {
    expectValues({ ...fullBatchOracle(theta1, mbs1()) }, 14 / 3, [28 / 3], 'oracle reproduces the vector');
    expectValues(fullBatchLossAndGrad(theta1, mbs1()), 14 / 3, [28 / 3], 'fullBatchLossAndGrad');
  });

  test("θ=[1], token counts 2 and 1: 'global-token-mean' accumulation equals the full batch, 14/3 and 28/3", () => {
    expectValues(accumulate(theta1, mbs1(), 'global-token-mean'), 14 / 3, [28 / 3], 'global-token-mean');
  });

  test("θ=[1], token counts 2 and 1: 'mean-of-means' gives 5.75 and 11.5, not the full batch (the HF bug)", () => {
    expectValues(meanOfMeansOracle(theta1, mbs1()), 5.75, [11.5], 'oracle reproduces the vector');
    expectValues(accumulate(theta1, mbs1(), 'mean-of-means'), 5.75, [11.5], 'mean-of-means');
  });

  test('θ=[0.5,-1] with masked tokens and an all-masked micro-batch: 3 valid tokens, loss 43/6, grad [-8/3, -13/3]', () => {
    expectValues({ ...fullBatchOracle(theta2, mbs2()) }, 43 / 6, [-8 / 3, -13 / 3], 'oracle reproduces the vector');
    expectValues(fullBatchLossAndGrad(theta2, mbs2()), 43 / 6, [-8 / 3, -13 / 3], 'fullBatchLossAndGrad');
    expectValues(accumulate(theta2, mbs2(), 'global-token-mean'), 43 / 6, [-8 / 3, -13 / 3], 'global-token-mean');
  });

  test('mask entries are weights, not flags: θ=[1], masks [0.5, 2] and [1] → loss 17.5/3.5 = 5, grad 35/3.5 = 10', () => {
    const mbs = [
      { x: [[1], [2]], y: [0, 0], mask: [0.5, 2] },
      { x: [[3]], y: [0], mask: [1] },
    ];
    expectValues({ ...fullBatchOracle([1], mbs) }, 5, [10], 'oracle reproduces the vector');
    expectValues(fullBatchLossAndGrad([1], mbs), 5, [10], 'fullBatchLossAndGrad');
    expectValues(accumulate([1], mbs, 'global-token-mean'), 5, [10], 'global-token-mean');
    // mean-of-means: (8.5/2.5 + 9)/2 = 6.2, grad ((1 + 16)/2.5 + 18)/2 = 12.4
    expectValues(accumulate([1], mbs, 'mean-of-means'), 6.2, [12.4], 'mean-of-means');
  });

  test('checkpointMemory(L, k) = ceil(L/k) + k: (16,4) → 8, (32,4) → 12, (100,10) → 20, (10,3) → 7, (7,7) → 8, (5,1) → 6', () => {
    expect(checkpointMemory(16, 4), 'checkpointMemory(16, 4)').toBe(8);
    expect(checkpointMemory(32, 4), 'checkpointMemory(32, 4)').toBe(12);
    expect(checkpointMemory(100, 10), 'checkpointMemory(100, 10)').toBe(20);
    expect(checkpointMemory(10, 3), 'checkpointMemory(10, 3): ceil, not floor').toBe(7);
    expect(checkpointMemory(7, 7), 'checkpointMemory(7, 7)').toBe(8);
    expect(checkpointMemory(5, 1), 'checkpointMemory(5, 1)').toBe(6);
  });

  test('a segment longer than the network is allowed: checkpointMemory(5, 10) → 11, (1, 2) → 3', () => {
    expect(checkpointMemory(5, 10), 'checkpointMemory(5, 10)').toBe(11);
    expect(checkpointMemory(1, 2), 'checkpointMemory(1, 2)').toBe(3);
  });

  test('bestCheckpointSegment: L=16 → k=4, 8 units; L=32 → k=4, 12 units (smallest of 4, 5, 6); L=100 → k=10, 20 units', () => {
    for (const [layers, segment, memory] of [
      [16, 4, 8],
      [32, 4, 12],
      [100, 10, 20],
    ] as const) {
      expect(bestSegmentOracle(layers), `oracle for L=${layers}`).toEqual({ segment, memory });
      expect(bestCheckpointSegment(layers), `bestCheckpointSegment(${layers})`).toEqual({
        segment,
        memory,
        extraForwards: 1,
      });
    }
  });
});

describe('grad-accumulation: edge cases', () => {
  test('no valid token anywhere (all masked, or empty micro-batches): loss 0 and grad all zeros, never NaN', () => {
    const allMasked: MicroBatchInput[] = [
      { x: [[1, 2]], y: [3], mask: [0] },
      { x: [], y: [], mask: [] },
      {
        x: [
          [0, 1],
          [2, 2],
        ],
        y: [1, 1],
        mask: [0, 0],
      },
    ];
    for (const [what, result] of [
      ['fullBatchLossAndGrad', fullBatchLossAndGrad([1, -1], allMasked)],
      ['global-token-mean', accumulate([1, -1], allMasked, 'global-token-mean')],
    ] as const) {
      expect(result.loss, `${what}: loss`).toBe(0);
      expect(result.grad, `${what}: grad`).toEqual([0, 0]);
    }
  });

  test("an empty or fully masked micro-batch among others changes nothing in 'global-token-mean' (no NaN)", () => {
    const mbs = [...mbs1(), { x: [], y: [], mask: [] }, { x: [[7]], y: [1], mask: [0] }];
    expectValues(accumulate(theta1, mbs, 'global-token-mean'), 14 / 3, [28 / 3], 'global-token-mean');
    expectValues(fullBatchLossAndGrad(theta1, mbs), 14 / 3, [28 / 3], 'fullBatchLossAndGrad');
  });

  test('a single micro-batch: both modes equal the full batch', () => {
    const mb = [{ x: [[1], [2], [-1]], y: [1, 1, 0], mask: [1, 0, 1] }];
    const expected = fullBatchOracle([2], mb);
    expectClose(fullBatchLossAndGrad([2], mb), expected, 'fullBatchLossAndGrad');
    expectClose(accumulate([2], mb, 'global-token-mean'), expected, 'global-token-mean');
    expectClose(accumulate([2], mb, 'mean-of-means'), expected, 'mean-of-means');
  });

  test('no micro-batches at all throws RangeError (both functions, both modes)', () => {
    expect(() => fullBatchLossAndGrad([1], [])).toThrow(RangeError);
    expect(() => accumulate([1], [], 'global-token-mean')).toThrow(RangeError);
    expect(() => accumulate([1], [], 'mean-of-means')).toThrow(RangeError);
  });

  test('a row of x whose length is not θ.length throws RangeError', () => {
    const bad = [...mbs1(), { x: [[1, 2]], y: [0], mask: [1] }];
    expect(() => fullBatchLossAndGrad([1], bad)).toThrow(RangeError);
    expect(() => accumulate([1], bad, 'global-token-mean')).toThrow(RangeError);
    expect(() => fullBatchLossAndGrad([1, 2], mbs1())).toThrow(RangeError);
  });

  test('y or mask of a different length than x throws RangeError', () => {
    expect(() => fullBatchLossAndGrad([1], [{ x: [[1], [2]], y: [0], mask: [1, 1] }])).toThrow(RangeError);
    expect(() => fullBatchLossAndGrad([1], [{ x: [[1], [2]], y: [0, 0], mask: [1] }])).toThrow(RangeError);
    expect(() => accumulate([1], [{ x: [[1]], y: [0, 0], mask: [1] }], 'global-token-mean')).toThrow(RangeError);
    expect(() => accumulate([1], [{ x: [[1]], y: [0], mask: [1, 1] }], 'mean-of-means')).toThrow(RangeError);
  });

  test('a negative mask entry throws RangeError (even when the total stays positive)', () => {
    const bad = [
      { x: [[1], [2]], y: [0, 0], mask: [1, -1] },
      { x: [[3]], y: [0], mask: [1] },
    ];
    expect(() => fullBatchLossAndGrad([1], bad)).toThrow(RangeError);
    expect(() => accumulate([1], bad, 'global-token-mean')).toThrow(RangeError);
    expect(() => accumulate([1], bad, 'mean-of-means')).toThrow(RangeError);
  });

  test("a mode that is not one of the two strings throws RangeError: 'mean_of_means', 'global', '', undefined", () => {
    for (const mode of ['mean_of_means', 'mean-of-mean', 'Global-Token-Mean', 'global', '', undefined, null, 1]) {
      expect(
        () => accumulate(theta1, mbs1(), mode as 'global-token-mean'),
        `accumulate(θ, mbs, ${JSON.stringify(mode)})`,
      ).toThrow(RangeError);
    }
  });

  test('θ or mbs that is not an array throws TypeError: null, undefined, 3, a Float64Array, a Set', () => {
    const bad = [
      null,
      undefined,
      3,
      Float64Array.from([1]),
      new Set([{ x: [], y: [], mask: [] }]),
    ] as unknown as number[][];
    for (const value of bad) {
      const theta = value as unknown as number[];
      expect(() => fullBatchLossAndGrad(theta, [{ x: [], y: [], mask: [] }]), `θ = ${value}`).toThrow(TypeError);
      expect(() => accumulate(theta, [{ x: [], y: [], mask: [] }], 'global-token-mean'), `θ = ${value}`).toThrow(
        TypeError,
      );
      const mbs = value as unknown as MicroBatchInput[];
      expect(() => fullBatchLossAndGrad([1], mbs), `mbs = ${value}`).toThrow(TypeError);
      expect(() => accumulate([1], mbs, 'mean-of-means'), `mbs = ${value}`).toThrow(TypeError);
    }
  });

  test('an empty θ (d = 0) throws RangeError', () => {
    expect(() => fullBatchLossAndGrad([], [{ x: [], y: [], mask: [] }])).toThrow(RangeError);
    expect(() => accumulate([], [{ x: [[]], y: [1], mask: [1] }], 'global-token-mean')).toThrow(RangeError);
  });

  test('a micro-batch that is not an object, or whose x, y, mask or a row of x is missing or not an array (a Float64Array row neither), throws TypeError', () => {
    const good = { x: [[1], [2]], y: [0, 0], mask: [1, 1] };
    const cases: [string, unknown][] = [
      ['mbs[1] = null', null],
      ['mbs[1] = 7', 7],
      ['mbs[1] without x', { y: [0, 0], mask: [1, 1] }],
      ['mbs[1] without y', { x: [[1], [2]], mask: [1, 1] }],
      ['mbs[1] without mask', { x: [[1], [2]], y: [0, 0] }],
      ['mbs[1].x = null', { ...good, x: null }],
      ['mbs[1].x = {}', { ...good, x: {} }],
      ['mbs[1].y = {}', { ...good, y: {} }],
      ['mbs[1].mask = null', { ...good, mask: null }],
      ['mbs[1].x[1] = null', { ...good, x: [[1], null] }],
      ['mbs[1].x[1] = Float64Array.of(2)', { ...good, x: [[1], Float64Array.of(2)] }],
    ];
    for (const [what, mb] of cases) {
      const mbs = [good, mb] as MicroBatchInput[];
      expect(() => fullBatchLossAndGrad([1], mbs), what).toThrow(TypeError);
      expect(() => accumulate([1], mbs, 'global-token-mean'), what).toThrow(TypeError);
      expect(() => accumulate([1], mbs, 'mean-of-means'), what).toThrow(TypeError);
    }
  });

  test("an entry of θ, x, y or mask that is not a number throws TypeError: '1', null, true, [2]", () => {
    for (const bad of ['1', null, true, [2], undefined]) {
      const v = bad as unknown as number;
      const cases: [string, number[], MicroBatchInput[]][] = [
        ['θ[0]', [v], mbs1()],
        ['x[0][0]', [1], [{ x: [[v]], y: [0], mask: [1] }]],
        ['y[0]', [1], [{ x: [[1]], y: [v], mask: [1] }]],
        ['mask[0]', [1], [{ x: [[1]], y: [0], mask: [v] }]],
      ];
      for (const [where, theta, mbs] of cases) {
        const what = `${where} = ${JSON.stringify(bad)}`;
        expect(() => fullBatchLossAndGrad(theta, mbs), what).toThrow(TypeError);
        expect(() => accumulate(theta, mbs, 'global-token-mean'), what).toThrow(TypeError);
        expect(() => accumulate(theta, mbs, 'mean-of-means'), what).toThrow(TypeError);
      }
    }
  });

  test('a non-finite entry of θ, x, y or mask throws RangeError: NaN, Infinity, -Infinity', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const cases: [string, number[], MicroBatchInput[]][] = [
        ['θ[0]', [v], mbs1()],
        ['x[1][0]', [1], [{ x: [[1], [v]], y: [0, 0], mask: [1, 1] }]],
        ['y[0]', [1], [{ x: [[1]], y: [v], mask: [1] }]],
        ['mask[0]', [1], [{ x: [[1]], y: [0], mask: [v] }]],
        ['x[0][0] of a masked token', [1], [{ x: [[v], [1]], y: [0, 0], mask: [0, 1] }]],
      ];
      for (const [where, theta, mbs] of cases) {
        const what = `${where} = ${v}`;
        expect(() => fullBatchLossAndGrad(theta, mbs), what).toThrow(RangeError);
        expect(() => accumulate(theta, mbs, 'global-token-mean'), what).toThrow(RangeError);
        expect(() => accumulate(theta, mbs, 'mean-of-means'), what).toThrow(RangeError);
      }
    }
  });

  test('checkpointMemory with segment 0, -1, 2.5, NaN or Infinity throws RangeError', () => {
    for (const segment of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => checkpointMemory(16, segment), `checkpointMemory(16, ${segment})`).toThrow(RangeError);
    }
  });

  test('layers 0, -4, 2.5, NaN or Infinity throws RangeError (checkpointMemory and bestCheckpointSegment)', () => {
    for (const layers of [0, -4, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => checkpointMemory(layers, 2), `checkpointMemory(${layers}, 2)`).toThrow(RangeError);
      expect(() => bestCheckpointSegment(layers), `bestCheckpointSegment(${layers})`).toThrow(RangeError);
    }
  });

  test("layers or segment that is not a number throws TypeError: '16', null, undefined", () => {
    for (const bad of ['16', null, undefined, [16]]) {
      const v = bad as unknown as number;
      expect(() => checkpointMemory(v, 4), `checkpointMemory(${JSON.stringify(bad)}, 4)`).toThrow(TypeError);
      expect(() => checkpointMemory(16, v), `checkpointMemory(16, ${JSON.stringify(bad)})`).toThrow(TypeError);
      expect(() => bestCheckpointSegment(v), `bestCheckpointSegment(${JSON.stringify(bad)})`).toThrow(TypeError);
    }
  });

  test('L = 1, 2, 3 need 2, 3, 4 units (more than L), with the smallest minimising k = 1', () => {
    expect(bestCheckpointSegment(1), 'bestCheckpointSegment(1)').toEqual({ segment: 1, memory: 2, extraForwards: 1 });
    expect(bestCheckpointSegment(2), 'bestCheckpointSegment(2)').toEqual({ segment: 1, memory: 3, extraForwards: 1 });
    expect(bestCheckpointSegment(3), 'bestCheckpointSegment(3)').toEqual({ segment: 1, memory: 4, extraForwards: 1 });
  });

  test('ties go to the smallest k: L=6 → k=2 (not 3), L=12 → k=3 (not 4)', () => {
    expect(bestCheckpointSegment(6), 'bestCheckpointSegment(6)').toEqual({ segment: 2, memory: 5, extraForwards: 1 });
    expect(bestCheckpointSegment(12), 'bestCheckpointSegment(12)').toEqual({
      segment: 3,
      memory: 7,
      extraForwards: 1,
    });
  });

  test('inputs are not modified (deeply frozen micro-batches and θ)', () => {
    const freeze = (mbs: MicroBatchInput[]) =>
      Object.freeze(
        mbs.map((mb) =>
          Object.freeze({
            x: Object.freeze(mb.x.map((row) => Object.freeze(row))),
            y: Object.freeze(mb.y),
            mask: Object.freeze(mb.mask),
          }),
        ),
      ) as unknown as MicroBatchInput[];
    const theta = Object.freeze([0.5, -1]) as unknown as number[];
    const mbs = freeze(mbs2());
    expectValues(fullBatchLossAndGrad(theta, mbs), 43 / 6, [-8 / 3, -13 / 3], 'fullBatchLossAndGrad (frozen)');
    expectValues(accumulate(theta, mbs, 'global-token-mean'), 43 / 6, [-8 / 3, -13 / 3], 'global-token-mean (frozen)');
    accumulate(theta, freeze(mbs1().map((mb) => ({ ...mb, x: mb.x.map((r) => [...r, 0]) }))), 'mean-of-means');
    expect(mbs).toEqual(mbs2());
  });
});

/**
 * `count` tokens of dimension 2 split into micro-batches of 1 to `maxSize` tokens, with about 1/4
 * masked (never the first token of a micro-batch when `firstValid`).
 */
function bigSplit(count: number, maxSize: number, seed: number, firstValid = false): MicroBatchInput[] {
  const rand = seededUniform(seed);
  const mbs: MicroBatchInput[] = [];
  let left = count;
  while (left > 0) {
    const n = Math.min(left, 1 + Math.floor(rand() * maxSize));
    left -= n;
    const mb: MicroBatchInput = { x: [], y: [], mask: [] };
    for (let i = 0; i < n; i++) {
      mb.x.push([Math.floor(rand() * 7) - 3, Math.floor(rand() * 7) - 3]);
      mb.y.push(Math.floor(rand() * 7) - 3);
      mb.mask.push(rand() < 0.25 && !(firstValid && i === 0) ? 0 : 1);
    }
    mbs.push(mb);
  }
  return mbs;
}

describe('grad-accumulation: scale', () => {
  test("10^5 tokens in micro-batches of 1..200: 'global-token-mean' = full batch to 1e-12 relative", () => {
    const theta = [0.75, -1.25];
    const mbs = bigSplit(100_000, 200, 46);
    const expected = fullBatchOracle(theta, mbs);
    expectClose(accumulate(theta, mbs, 'global-token-mean'), expected, 'global-token-mean, 10^5 tokens');
    expectClose(fullBatchLossAndGrad(theta, mbs), expected, 'fullBatchLossAndGrad, 10^5 tokens');
  });

  test("3·10^4 tokens in micro-batches of 1..200: 'mean-of-means' is its own thing (matches the per-batch-mean oracle)", () => {
    const theta = [0.5, 1];
    const mbs = bigSplit(30_000, 200, 7, true);
    const expected = meanOfMeansOracle(theta, mbs);
    expectClose(accumulate(theta, mbs, 'mean-of-means'), expected, 'mean-of-means, 3·10^4 tokens');
  });

  test('bestCheckpointSegment for L = 10^4 → k=100, 200 units; L = 9999, 10001, 9901 match a brute-force scan', () => {
    expect(bestCheckpointSegment(10_000), 'bestCheckpointSegment(10000)').toEqual({
      segment: 100,
      memory: 200,
      extraForwards: 1,
    });
    for (const layers of [9999, 10_001, 9901]) {
      expect(bestCheckpointSegment(layers), `bestCheckpointSegment(${layers})`).toEqual({
        ...bestSegmentOracle(layers),
        extraForwards: 1,
      });
    }
  });
});

/** The prompt's budget: at most 24·(T + 1)·(d + 1) + 32·M steps for T tokens in M micro-batches of dimension d. */
function expectWithinWork(theta: number[], mbs: MicroBatchInput[], mode: 'global-token-mean' | 'mean-of-means') {
  const tokens = mbs.reduce((s, mb) => s + mb.x.length, 0);
  const d = theta.length;
  const steps = 24 * (tokens + 1) * (d + 1) + 32 * mbs.length;
  return expectWithinBudget(() => counted.accumulate(theta, mbs, mode), {
    steps,
    rule: `24·(T + 1)·(d + 1) + 32·M for T = ${tokens}, d = ${d}, M = ${mbs.length}`,
  });
}

describe('grad-accumulation: work (at most 24·(T + 1)·(d + 1) + 32·M steps: one pass over the tokens)', () => {
  test("2·10^4 tokens in ~2000 micro-batches of 1..20: 'global-token-mean' counts num_items_in_batch once, within budget", () => {
    const theta = [0.5, -0.25];
    const mbs = bigSplit(20_000, 20, 11);
    expectClose(expectWithinWork(theta, mbs, 'global-token-mean'), fullBatchOracle(theta, mbs), 'global-token-mean');
  });

  test("2·10^4 tokens in ~2000 micro-batches of 1..20: 'mean-of-means' within budget", () => {
    const theta = [1, 0.5];
    const mbs = bigSplit(20_000, 20, 12, true);
    expectClose(expectWithinWork(theta, mbs, 'mean-of-means'), meanOfMeansOracle(theta, mbs), 'mean-of-means');
  });

  test('d = 64, 2000 tokens in micro-batches of 1..50: the work grows as T·d, not T·d²', () => {
    const d = 64;
    const theta = Array.from({ length: d }, (_, j) => ((j % 5) - 2) / 4);
    const mbs = bigSplit(2000, 50, 13).map((mb) => ({
      ...mb,
      x: mb.x.map((row) => Array.from({ length: d }, (_, j) => (row[j % 2] as number) + (j % 3) - 1)),
    }));
    expectClose(expectWithinWork(theta, mbs, 'global-token-mean'), fullBatchOracle(theta, mbs), 'd = 64');
  });
});

const reversed = (c: AccumulationCase): MicroBatchInput[] => [...c.mbs].reverse();

describe('grad-accumulation: properties (against a float64 flat-token oracle)', () => {
  test.prop([accumulationCase])('fullBatchLossAndGrad equals the flattened-token mean (1e-12)', ({ theta, mbs }) => {
    expectClose(fullBatchLossAndGrad(theta, mbs), fullBatchOracle(theta, mbs), show(theta, mbs));
  });

  test.prop([accumulationCase])(
    "'global-token-mean' equals the full batch for any split and masks (1e-12)",
    ({ theta, mbs }) => {
      const what = show(theta, mbs);
      const acc = accumulate(theta, mbs, 'global-token-mean');
      expectClose(acc, fullBatchOracle(theta, mbs), what);
      expectClose(acc, { ...fullBatchOracle(theta, mbs), ...fullBatchLossAndGrad(theta, mbs) }, `${what} vs full`);
    },
  );

  test.prop([accumulationCase])(
    "'global-token-mean' does not depend on how tokens are split: one big micro-batch gives the same",
    ({ theta, mbs }) => {
      const merged: MicroBatchInput = {
        x: mbs.flatMap((mb) => mb.x),
        y: mbs.flatMap((mb) => mb.y),
        mask: mbs.flatMap((mb) => mb.mask),
      };
      expectClose(
        accumulate(theta, [merged], 'global-token-mean'),
        fullBatchOracle(theta, mbs),
        `merged ${show(theta, [merged])}`,
      );
    },
  );

  test.prop([accumulationCase])(
    'the order of micro-batches does not matter (global-token-mean and full batch)',
    (c) => {
      const mbs = reversed(c);
      const expected = fullBatchOracle(c.theta, c.mbs);
      expectClose(accumulate(c.theta, mbs, 'global-token-mean'), expected, `reversed ${show(c.theta, mbs)}`);
      expectClose(fullBatchLossAndGrad(c.theta, mbs), expected, `reversed ${show(c.theta, mbs)}`);
    },
  );

  test.prop([everyBatchValidCase])(
    "'mean-of-means' averages each micro-batch's own token mean (and is order-invariant)",
    ({ theta, mbs }) => {
      const expected = meanOfMeansOracle(theta, mbs);
      expectClose(accumulate(theta, mbs, 'mean-of-means'), expected, show(theta, mbs));
      expectClose(accumulate(theta, [...mbs].reverse(), 'mean-of-means'), expected, `reversed ${show(theta, mbs)}`);
    },
  );

  test.prop([equalCountCase])(
    "with equal valid-token counts per micro-batch, 'mean-of-means' equals the full batch",
    ({ theta, mbs }) => {
      expectClose(accumulate(theta, mbs, 'mean-of-means'), fullBatchOracle(theta, mbs), show(theta, mbs));
    },
  );

  test.prop([badAccumulationCase])(
    'one rule broken anywhere (a wrong type, a non-finite or negative number, a length): TypeError or RangeError as the contract says',
    ({ theta, mbs, mode, error, broken }) => {
      const expected = error === 'TypeError' ? TypeError : RangeError;
      const t = theta as number[];
      const m = mbs as MicroBatchInput[];
      expect(() => accumulate(t, m, mode as 'global-token-mean'), `accumulate, ${mode}: ${broken}`).toThrow(expected);
      expect(() => fullBatchLossAndGrad(t, m), `fullBatchLossAndGrad: ${broken}`).toThrow(expected);
    },
  );

  test.prop([accumulationCase, badMode])('a mode that is not one of the two options throws RangeError', (c, mode) => {
    expect(
      () => accumulate(c.theta, c.mbs, mode as 'global-token-mean'),
      `accumulate(…, ${JSON.stringify(mode)})`,
    ).toThrow(RangeError);
  });

  test.prop([layerCount, segmentLength])('checkpointMemory(L, k) = ceil(L/k) + k', (layers, segment) => {
    expect(checkpointMemory(layers, segment), `checkpointMemory(${layers}, ${segment})`).toBe(
      Math.ceil(layers / segment) + segment,
    );
  });

  test.prop([layerCount])(
    'bestCheckpointSegment is the smallest k minimising ceil(L/k) + k; memory ≤ L once L ≥ 4',
    (layers) => {
      const best = bestCheckpointSegment(layers);
      expect(best, `bestCheckpointSegment(${layers})`).toEqual({ ...bestSegmentOracle(layers), extraForwards: 1 });
      if (layers >= 4) expect(best.memory, `memory for L=${layers}`).toBeLessThanOrEqual(layers);
    },
  );
});
