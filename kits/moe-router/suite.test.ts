import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import * as counted from '@impl-counted/moe-router';
import * as impl from '@impl/moe-router';
import { type Routing, dispatch, expertCapacity, loadBalancingLoss, moeForward, topKRouting } from '@impl/moe-router';
import {
  type AuxCase,
  type DispatchCase,
  type MoeCase,
  type RoutingCase,
  auxCase,
  badMoeCall,
  capacityCase,
  dispatchCase,
  expertWeights,
  logitsForChoices,
  moeCase,
  routingCase,
} from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import { invokeBadCall } from './compare.ts';
import {
  type ExpertWeights,
  type Matrix,
  auxLossOracle,
  capacityOracle,
  dispatchOracle,
  expertOracle,
  moeOracle,
  routingOracle,
  softmaxRow,
} from './oracle.ts';
import { expectNoLeaks, expectTensorClose, seededUniform, useTensorBackend } from '../../src/harness/tf.ts';

useTensorBackend();

const GATE_TOL = 1e-5;
const MOE_TOL = { atol: 1e-4, rtol: 1e-4 };

type Expert = (h: tf.Tensor2D) => tf.Tensor2D;

// ---------------------------------------------------------------------------------------------
// Helpers

function flat(m: Matrix): Float64Array {
  return Float64Array.from(m.flat());
}

function expectNumbersClose(actual: readonly number[], expected: readonly number[], tol: number, what: string): void {
  expect(Array.isArray(actual), `${what} must be a number[]`).toBe(true);
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i] as number;
    expect(Math.abs(got - want) <= tol + tol * Math.abs(want), `${what}[${i}] = ${got}, expected ${want}`).toBe(true);
  });
}

function expectClose(actual: number, expected: number, tol: number, what: string): void {
  expect(typeof actual, `${what} must return a number`).toBe('number');
  expect(
    Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)),
    `${what} = ${actual}, expected ${expected}`,
  ).toBe(true);
}

/**
 * topKRouting on a fresh logits tensor; checks that only the returned probs is left behind and that
 * the logits survive; returns the routing with probs read back as plain rows (probs then disposed).
 */
function route(
  logits: Matrix,
  k: number,
  normalize?: boolean,
): { experts: number[][]; gates: number[][]; probs: Matrix; shape: number[]; dtype: string } {
  const input = tf.tensor2d(logits, [logits.length, (logits[0] as number[]).length], 'float32');
  const what = `topKRouting(logits ${JSON.stringify(logits)}, ${k}${normalize === undefined ? '' : `, { normalize: ${normalize} }`})`;
  try {
    let r: Routing | undefined;
    expectNoLeaks(() => {
      r = normalize === undefined ? topKRouting(input, k) : topKRouting(input, k, { normalize });
      return r.probs; // the one tensor the caller is handed and must dispose
    }, what);
    const routing = r as Routing;
    try {
      expect(routing.probs, `${what}.probs must be a tf.Tensor`).toBeInstanceOf(tf.Tensor);
      expect(routing.probs.isDisposed, `${what}.probs is returned to the caller, who disposes it`).toBe(false);
      expect(input.isDisposed, `${what} must not dispose routerLogits`).toBe(false);
      const cols = (logits[0] as number[]).length;
      return {
        experts: routing.experts,
        gates: routing.gates,
        probs: Array.from({ length: logits.length }, (_, t) =>
          Array.from(routing.probs.dataSync().slice(t * cols, (t + 1) * cols)),
        ),
        shape: [...routing.probs.shape],
        dtype: routing.probs.dtype,
      };
    } finally {
      routing.probs.dispose();
    }
  } finally {
    input.dispose();
  }
}

function expectRoutingMatches(logits: Matrix, k: number, normalize: boolean | undefined): void {
  const want = routingOracle(logits, k, normalize ?? true);
  const got = route(logits, k, normalize);
  const what = `topKRouting(${JSON.stringify(logits)}, ${k}${normalize === undefined ? '' : `, { normalize: ${normalize} }`})`;
  expect(got.shape, `${what}.probs shape`).toEqual([logits.length, (logits[0] as number[]).length]);
  expect(got.dtype, `${what}.probs dtype`).toBe('float32');
  expect(got.experts, `${what}.experts (most probable first, ties → lower index)`).toEqual(want.experts);
  expect(got.gates.length, `${what}.gates has one row per token`).toBe(logits.length);
  want.gates.forEach((row, t) => {
    expectNumbersClose(got.gates[t] as number[], row, GATE_TOL, `${what}.gates[${t}]`);
  });
  want.probs.forEach((row, t) => {
    expectNumbersClose(got.probs[t] as number[], row, GATE_TOL, `${what}.probs[${t}]`);
  });
}

/** A Routing around given choices, with a consistent probs tensor (caller disposes r.probs). */
function routingFor(experts: number[][], numExperts: number): Routing {
  const logits = logitsForChoices(experts, numExperts);
  const oracle = routingOracle(logits, (experts[0] as number[]).length);
  return {
    experts: experts.map((row) => [...row]),
    gates: oracle.gates,
    probs: tf.tensor2d(oracle.probs, [experts.length, numExperts], 'float32'),
  };
}

/** dispatch on a consistent Routing; checks leaks, r.probs kept, r not modified. */
function dispatchOf(experts: number[][], numExperts: number, capacity: number): { kept: boolean[][]; load: number[] } {
  const r = routingFor(experts, numExperts);
  const before = JSON.stringify([r.experts, r.gates]);
  const what = `dispatch(experts ${JSON.stringify(experts)}, ${numExperts}, ${capacity})`;
  try {
    const out = expectNoLeaks(() => dispatch(r, numExperts, capacity), what);
    expect(r.probs.isDisposed, `${what} must not dispose r.probs`).toBe(false);
    expect(JSON.stringify([r.experts, r.gates]), `${what} must not modify r`).toBe(before);
    return out;
  } finally {
    r.probs.dispose();
  }
}

/** loadBalancingLoss on a probs tensor built from rows; checks leaks and that probs survives. */
function auxOf(probs: Matrix, experts: number[][], numExperts: number): number {
  const input = tf.tensor2d(probs, [probs.length, (probs[0] as number[]).length], 'float32');
  const what = `loadBalancingLoss(probs [${probs.length}, ${(probs[0] as number[]).length}], experts ${JSON.stringify(experts).slice(0, 80)}, ${numExperts})`;
  try {
    const value = expectNoLeaks(() => loadBalancingLoss(input, experts, numExperts), what);
    expect(input.isDisposed, `${what} must not dispose probs`).toBe(false);
    expect(typeof value, `${what} must return a plain number`).toBe('number');
    return value;
  } finally {
    input.dispose();
  }
}

/** Probabilities as float32 holds them (the oracle then sees exactly what the tensor holds). */
function float32Rows(m: Matrix): Matrix {
  return m.map((row) => row.map(Math.fround));
}

/** tf experts h ↦ tanh(h·A + b) (row-wise); `dispose` frees their weights. */
function tfExperts(weights: readonly ExpertWeights[]): { fns: Expert[]; dispose: () => void } {
  const held: tf.Tensor[] = [];
  const fns = weights.map((w) => {
    const a = tf.tensor2d(w.a, [w.a.length, w.b.length], 'float32');
    const b = tf.tensor1d(w.b, 'float32');
    held.push(a, b);
    return (h: tf.Tensor2D) => tf.tidy(() => tf.tanh(h.matMul(a).add(b)) as tf.Tensor2D);
  });
  return { fns, dispose: () => tf.dispose(held) };
}

/**
 * moeForward on fresh tensors, compared with the float64 oracle; checks shape, dtype, leaks (only
 * the returned output may stay) and that x and routerW survive.
 */
function checkMoe(
  x: Matrix,
  routerW: Matrix,
  weights: readonly ExpertWeights[],
  cfg: MoeCase['cfg'],
  label = '',
): void {
  const d = (x[0] as number[]).length;
  const e = (routerW[0] as number[]).length;
  const xt = tf.tensor2d(x, [x.length, d], 'float32');
  const wt = tf.tensor2d(routerW, [d, e], 'float32');
  const experts = tfExperts(weights);
  const what = `moeForward(x ${JSON.stringify(x)}, routerW ${JSON.stringify(routerW)}, ${e} experts, ${JSON.stringify(cfg)})${label}`;
  try {
    const out = expectNoLeaks(() => moeForward(xt, wt, experts.fns, { ...cfg }), what);
    try {
      expectTensorClose(out, { shape: [x.length, d], data: flat(moeOracle(x, routerW, weights, cfg)) }, MOE_TOL, what);
      expect(xt.isDisposed || wt.isDisposed, `${what} must not dispose x or routerW`).toBe(false);
    } finally {
      out.dispose();
    }
  } finally {
    experts.dispose();
    tf.dispose([xt, wt]);
  }
}

function identity(n: number): Matrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

// The spec's T = 6, E = 3 example.
const SPEC_LOGITS: Matrix = [
  [2, 0.3, 0],
  [1, 0.5, 0],
  [0.1, 1, 0],
  [3, 0, 1],
  [0, 0.4, 2],
  [0.2, 0.1, 0],
];
const SPEC_MEAN_P = [0.467748, 0.255762, 0.276491];
const SPEC_K1 = [[0], [0], [1], [0], [2], [0]];
const SPEC_K2 = [
  [0, 1],
  [0, 1],
  [1, 0],
  [0, 2],
  [2, 1],
  [0, 1],
];

// ---------------------------------------------------------------------------------------------

describe('moe-router: worked examples (spec vectors)', () => {
  test('topKRouting([[1, 2, 3, 0]], 2): probs [0.087144, 0.236883, 0.643914, 0.032059], experts [[2, 1]], normalised gates [0.731059, 0.268941]', () => {
    const got = route([[1, 2, 3, 0]], 2);
    expect(got.shape, 'probs shape').toEqual([1, 4]);
    expect(got.dtype, 'probs dtype').toBe('float32');
    expectNumbersClose(got.probs[0] as number[], [0.087144, 0.236883, 0.643914, 0.032059], 2e-6, 'probs[0]');
    expect(got.experts, 'experts (most probable first)').toEqual([[2, 1]]);
    expectNumbersClose(got.gates[0] as number[], [0.731059, 0.268941], 2e-6, 'gates[0] (normalize defaults to true)');
  });

  test('normalize: false keeps the raw probabilities: [[1, 2, 3, 0]], k 2 → gates [0.643914, 0.236883]; normalize: true → [0.731059, 0.268941]', () => {
    const raw = route([[1, 2, 3, 0]], 2, false);
    expect(raw.experts).toEqual([[2, 1]]);
    expectNumbersClose(raw.gates[0] as number[], [0.643914, 0.236883], 2e-6, 'gates with normalize: false');
    const normalised = route([[1, 2, 3, 0]], 2, true);
    expectNumbersClose(normalised.gates[0] as number[], [0.731059, 0.268941], 2e-6, 'gates with normalize: true');
    // Any object will do as opts, also one without a prototype.
    const logits = tf.tensor2d([[1, 2, 3, 0]]);
    const r = topKRouting(
      logits,
      2,
      Object.assign(Object.create(null) as { normalize?: boolean }, { normalize: false }),
    );
    expectNumbersClose(
      r.gates[0] as number[],
      [0.643914, 0.236883],
      2e-6,
      'opts without a prototype: { normalize: false }',
    );
    tf.dispose([logits, r.probs]);
  });

  test('Switch-style top-1 with normalize: false gates with the top probability (0.643914), not 1; the default (normalised) top-1 gate is 1', () => {
    const raw = route([[1, 2, 3, 0]], 1, false);
    expect(raw.experts).toEqual([[2]]);
    expectNumbersClose(raw.gates[0] as number[], [0.643914], 2e-6, 'top-1 gate with normalize: false');
    const normalised = route([[1, 2, 3, 0]], 1);
    expectNumbersClose(normalised.gates[0] as number[], [1], 2e-6, 'top-1 gate with normalize left out');
  });

  test('ties go to the lower index: [[1, 1, 0, 1]] k 2 → [0, 1], k 3 → [0, 1, 3]; [[0, 0, 0, 0]] k 4 → [0, 1, 2, 3]', () => {
    expect(route([[1, 1, 0, 1]], 2).experts, 'topKRouting([[1, 1, 0, 1]], 2).experts').toEqual([[0, 1]]);
    expect(route([[1, 1, 0, 1]], 3).experts, 'topKRouting([[1, 1, 0, 1]], 3).experts').toEqual([[0, 1, 3]]);
    const flatRow = route([[0, 0, 0, 0]], 4);
    expect(flatRow.experts, 'topKRouting([[0, 0, 0, 0]], 4).experts').toEqual([[0, 1, 2, 3]]);
    expectNumbersClose(flatRow.gates[0] as number[], [0.25, 0.25, 0.25, 0.25], 1e-6, 'gates');
    expectNumbersClose(route([[1, 1, 0, 1]], 2).gates[0] as number[], [0.5, 0.5], 1e-6, 'tied gates, normalised');
  });

  test('experts are listed most probable first: [[0, 5, -1, 3], [2, -2, 2.5, 0]] k 3 → [[1, 3, 0], [2, 0, 3]]', () => {
    expectRoutingMatches(
      [
        [0, 5, -1, 3],
        [2, -2, 2.5, 0],
      ],
      3,
      undefined,
    );
    expect(
      route(
        [
          [0, 5, -1, 3],
          [2, -2, 2.5, 0],
        ],
        3,
      ).experts,
    ).toEqual([
      [1, 3, 0],
      [2, 0, 3],
    ]);
  });

  test('T 6, E 3 spec logits, k 1: experts [0,0,1,0,2,0]; loadBalancingLoss = 1.201621 (E·Σ f·P, f = [2/3, 1/6, 1/6])', () => {
    const got = route(SPEC_LOGITS, 1);
    expect(got.experts, 'experts').toEqual(SPEC_K1);
    const meanP = [0, 1, 2].map((i) => got.probs.reduce((s, row) => s + (row[i] as number), 0) / 6);
    expectNumbersClose(meanP, SPEC_MEAN_P, 2e-6, 'mean of the returned probs');
    const aux = auxOf(float32Rows(SPEC_LOGITS.map(softmaxRow)), SPEC_K1, 3);
    expectClose(
      aux,
      1.201621,
      2e-6,
      'loadBalancingLoss(probs, [[0],[0],[1],[0],[2],[0]], 3) (soft f gives 1.081947, no ×E 0.400540)',
    );
  });

  test('T 6, E 3 spec logits, k 2: second choices [1,1,0,2,1,1]; loadBalancingLoss = 1.042632, not HF Mixtral’s k× value 2.085264', () => {
    const got = route(SPEC_LOGITS, 2);
    expect(got.experts, 'experts').toEqual(SPEC_K2);
    const aux = auxOf(float32Rows(SPEC_LOGITS.map(softmaxRow)), SPEC_K2, 3);
    expectClose(aux, 1.042632, 2e-6, 'loadBalancingLoss(probs, k = 2 choices, 3)');
  });

  test('expertCapacity = ceil(k·T·cf / E): (6,3,1,1) = 2, (6,3,2,1) = 4, (25,5,2,1.25) = 13, (10,4,1,0.5) = 2, (7,2,1,1) = 4', () => {
    expect(expertCapacity(6, 3, 1, 1), 'expertCapacity(6, 3, 1, 1)').toBe(2);
    expect(expertCapacity(6, 3, 2, 1), 'expertCapacity(6, 3, 2, 1): k multiplies the capacity').toBe(4);
    expect(expertCapacity(25, 5, 2, 1.25), 'expertCapacity(25, 5, 2, 1.25) = ceil(12.5)').toBe(13);
    expect(expertCapacity(10, 4, 1, 0.5), 'expertCapacity(10, 4, 1, 0.5) = ceil(1.25)').toBe(2);
    expect(expertCapacity(7, 2, 1, 1), 'expertCapacity(7, 2, 1, 1) = ceil(3.5)').toBe(4);
    expect(expertCapacity(8, 8, 8, 2), 'expertCapacity(8, 8, 8, 2)').toBe(16);
  });

  test('dispatch, k 1, capacity 2 on the spec choices [0,0,1,0,2,0]: kept [T,T,T,F,T,F], load [2, 1, 1]', () => {
    const out = dispatchOf(SPEC_K1, 3, 2);
    expect(out.kept, 'kept').toEqual([[true], [true], [true], [false], [true], [false]]);
    expect(out.load, 'load').toEqual([2, 1, 1]);
  });

  test('dispatch is slot-major, k 2, capacity 4: first choices all kept, second slots [T,T,F,T,T,F], load [4, 4, 2] (token-major keeps token 2’s second and drops token 5)', () => {
    const out = dispatchOf(SPEC_K2, 3, 4);
    expect(out.kept, 'kept').toEqual([
      [true, true],
      [true, true],
      [true, false],
      [true, true],
      [true, true],
      [true, false],
    ]);
    expect(out.load, 'load').toEqual([4, 4, 2]);
  });

  test('moeForward, x [[1,0],[0,1],[1,1]], routerW = I, experts [2h, h+1], k 1 → [[2,0],[1,2],[2,2]]; cf 0.5 drops token 2 → [0,0]; normalize false → [[1.462117,0],[0.731059,1.462117],[1,1]]', () => {
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const w = tf.tensor2d(identity(2));
    const experts: Expert[] = [(h) => tf.mul(h, 2), (h) => tf.add(h, 1)];
    const cases: [MoeCase['cfg'], number[]][] = [
      [{ k: 1 }, [2, 0, 1, 2, 2, 2]],
      [{ k: 1, capacityFactor: 0.5 }, [2, 0, 1, 2, 0, 0]],
      [{ k: 1, normalize: false }, [1.462117, 0, 0.731059, 1.462117, 1, 1]],
    ];
    try {
      for (const [cfg, want] of cases) {
        const what = `moeForward(x, I, [2h, h+1], ${JSON.stringify(cfg)})`;
        const out = expectNoLeaks(() => moeForward(x, w, experts, cfg), what);
        expectTensorClose(out, { shape: [3, 2], data: Float64Array.from(want) }, { atol: 2e-6 }, what);
        out.dispose();
      }
    } finally {
      tf.dispose([x, w]);
    }
  });
});

describe('moe-router: edge cases and the contract', () => {
  test('k = E returns every expert, sorted; normalised gates then equal probs: logits [[0.5, -1, 2, 0]], k 4 → [2, 3, 0, 1]', () => {
    expectRoutingMatches([[0.5, -1, 2, 0]], 4, undefined);
    expectRoutingMatches([[0.5, -1, 2, 0]], 4, false);
  });

  test('a single expert (E 1, k 1): probs all 1, gates [1] either way', () => {
    expectRoutingMatches([[3], [-2], [0]], 1, undefined);
    expectRoutingMatches([[3], [-2], [0]], 1, false);
  });

  test('probs is the full softmax over all E (rows sum to 1), not a softmax over the top k: logits [[1, 2, 3, 0], [0, 0, 1, -1]], k 2, normalize false', () => {
    const got = route(
      [
        [1, 2, 3, 0],
        [0, 0, 1, -1],
      ],
      2,
      false,
    );
    got.probs.forEach((row, t) => {
      const sum = row.reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1), `probs[${t}] sums to ${sum}`).toBeLessThan(1e-5);
    });
    const p = softmaxRow([0, 0, 1, -1]);
    expectNumbersClose(got.probs[1] as number[], p, 1e-6, 'probs[1]');
    expect(got.experts[1], 'experts[1] (tie between 0 and 1 → 0)').toEqual([2, 0]);
    expectNumbersClose(
      got.gates[1] as number[],
      [p[2] as number, p[0] as number],
      1e-6,
      'raw gates[1] = probs at [2, 0]',
    );
  });

  test('Routing.probs belongs to the caller: returned undisposed and readable, the only tensor left behind; routerLogits untouched', () => {
    const logits = tf.tensor2d([
      [1, 2, 3, 0],
      [0.5, 0.25, -1, 0],
    ]);
    let r: Routing | undefined;
    try {
      expectNoLeaks(() => {
        r = topKRouting(logits, 2);
        return r.probs;
      }, 'topKRouting(logits [2, 4], 2)');
      const probs = (r as Routing).probs;
      expect(probs.isDisposed, 'probs must not be disposed before it is returned').toBe(false);
      expect(probs.shape).toEqual([2, 4]);
      expect(logits.isDisposed, 'routerLogits must not be disposed').toBe(false);
      expectTensorClose(
        logits,
        { shape: [2, 4], data: Float64Array.from([1, 2, 3, 0, 0.5, 0.25, -1, 0]) },
        { atol: 0 },
        'routerLogits after the call',
      );
      expectTensorClose(
        probs,
        { shape: [2, 4], data: flat([softmaxRow([1, 2, 3, 0]), softmaxRow([0.5, 0.25, -1, 0])]) },
        { atol: 1e-6 },
        'probs',
      );
    } finally {
      r?.probs.dispose();
      logits.dispose();
    }
  });

  test('dispatch with capacity Infinity keeps everything; capacity 0 keeps nothing; capacity 1 keeps each expert’s first assignment in slot-major order', () => {
    const choices = [
      [1, 0],
      [1, 2],
      [0, 1],
      [2, 0],
    ];
    const all = dispatchOf(choices, 3, Number.POSITIVE_INFINITY);
    expect(all.kept, 'capacity Infinity').toEqual(choices.map((row) => row.map(() => true)));
    expect(all.load, 'load with capacity Infinity').toEqual([3, 3, 2]);
    const none = dispatchOf(choices, 3, 0);
    expect(none.kept, 'capacity 0').toEqual(choices.map((row) => row.map(() => false)));
    expect(none.load, 'load with capacity 0').toEqual([0, 0, 0]);
    const one = dispatchOf(choices, 3, 1);
    // slot 0: t0→1 kept, t1→1 drop, t2→0 kept, t3→2 kept; slot 1: all full.
    expect(one.kept, 'capacity 1').toEqual([
      [true, false],
      [false, false],
      [true, false],
      [true, false],
    ]);
    expect(one.load, 'load with capacity 1').toEqual([1, 1, 1]);
  });

  test('dispatch counts load per expert, including experts nobody chose: E 5, choices [[4], [4], [1]], capacity 1 → load [0, 1, 0, 0, 1]', () => {
    const out = dispatchOf([[4], [4], [1]], 5, 1);
    expect(out.kept).toEqual([[true], [false], [true]]);
    expect(out.load).toEqual([0, 1, 0, 0, 1]);
  });

  test('moeForward: capacityFactor left out means unlimited: every token prefers expert 0 (T 5, E 4, k 1) and all are kept; cf 1 keeps only the first 2', () => {
    const x = [[1], [0.5], [1], [1.5], [1]];
    const routerW = [[2, 0, -1, 0.5]];
    const weights = expertWeights(7, 4, 1);
    checkMoe(x, routerW, weights, { k: 1 }, ' (unlimited)');
    checkMoe(x, routerW, weights, { k: 1, capacityFactor: 1 }, ' (capacity 2)');
    // the unlimited output really differs from the capacity-limited one: tokens 2..4 are not zero.
    const rows = moeOracle(x, routerW, weights, { k: 1 });
    expect(rows.slice(2).every((row) => row.some((v) => Math.abs(v) > 1e-3))).toBe(true);
  });

  test('moeForward, spec logits (x = logits, routerW = I), k 2, cf 1: the dropped second choices of tokens 2 and 5 contribute 0 and the surviving gate is not renormalised', () => {
    const weights = expertWeights(11, 3, 3);
    const x = float32Rows(SPEC_LOGITS);
    checkMoe(x, identity(3), weights, { k: 2, capacityFactor: 1 });
    // Row 5 keeps only its first choice (expert 0) at its normalised gate < 1 (DeepSpeed would make it 1).
    const rows = moeOracle(x, identity(3), weights, { k: 2, capacityFactor: 1 });
    const full = expertOracle(weights[0] as ExpertWeights, x[5] as number[]);
    const gate = (routingOracle(x, 2).gates[5] as number[])[0] as number;
    expect(gate, 'the surviving gate of token 5').toBeLessThan(0.6);
    expectNumbersClose(
      rows[5] as number[],
      full.map((v) => gate * v),
      1e-12,
      'oracle row 5',
    );
  });

  test('moeForward with a token whose every choice is dropped gives a zero row: k 1, cf 0.25, T 4, E 1 → capacity 1, rows 1..3 zero', () => {
    checkMoe([[1], [2], [-1], [0.5]], [[1]], expertWeights(3, 1, 1), { k: 1, capacityFactor: 0.25 });
  });

  test('moeForward with k = E and ample capacity is the dense mixture Σ_e probs_e · expert_e(x) (normalize true or false)', () => {
    const x = [
      [0.5, -1],
      [1, 0.5],
      [0, 0],
    ];
    const routerW = [
      [1, -0.5, 0.5],
      [0, 1, -1],
    ];
    const weights = expertWeights(5, 3, 2);
    checkMoe(x, routerW, weights, { k: 3 });
    checkMoe(x, routerW, weights, { k: 3, normalize: false, capacityFactor: 2 });
  });

  test('loadBalancingLoss of uniform probs is 1 whatever the choices (E 4, k 1 and k 2, all tokens on one expert)', () => {
    const uniform = Array.from({ length: 5 }, () => [0.25, 0.25, 0.25, 0.25]);
    expectClose(auxOf(uniform, [[0], [0], [0], [0], [0]], 4), 1, 1e-6, 'loadBalancingLoss(uniform, all on 0, 4)');
    expectClose(
      auxOf(
        uniform,
        [
          [3, 1],
          [0, 2],
          [3, 1],
          [1, 3],
          [2, 0],
        ],
        4,
      ),
      1,
      1e-6,
      'loadBalancingLoss(uniform, k 2, 4)',
    );
    const third = Array.from({ length: 3 }, () => [1 / 3, 1 / 3, 1 / 3]);
    expectClose(auxOf(third, [[0], [1], [1]], 3), 1, 1e-6, 'loadBalancingLoss(uniform thirds, E 3)');
  });

  test('loadBalancingLoss of a collapsed router (every token sends prob 1 to expert 0 and picks it) is E: E 4 → 4', () => {
    const collapsed = Array.from({ length: 3 }, () => [1, 0, 0, 0]);
    expectClose(auxOf(collapsed, [[0], [0], [0]], 4), 4, 1e-6, 'loadBalancingLoss(one-hot probs, all on 0, 4)');
  });
});

/** Asserts `call` throws `error` and leaves no tensor behind (the arguments are built before). */
function expectThrows(call: () => unknown, error: typeof RangeError | typeof TypeError, what: string): void {
  const before = tf.memory().numTensors;
  expect(call, what).toThrow(error);
  expect(tf.memory().numTensors - before, `${what}: tensors left behind after the ${error.name}`).toBe(0);
}

describe('moe-router: bad input throws RangeError', () => {
  test('topKRouting: k 0, k > E (logits [2, 3], k 4) and a fractional k 1.5', () => {
    const logits = tf.tensor2d([
      [1, 2, 3],
      [0, 0, 1],
    ]);
    try {
      expectThrows(() => topKRouting(logits, 0), RangeError, 'topKRouting(logits, 0)');
      expectThrows(() => topKRouting(logits, 4), RangeError, 'topKRouting(logits [2, 3], 4)');
      expectThrows(() => topKRouting(logits, 1.5), RangeError, 'topKRouting(logits, 1.5)');
    } finally {
      logits.dispose();
    }
  });

  test('topKRouting: a NaN, +Infinity or −Infinity logit; logits that are not 2-D ([3] or [2, 3, 4]) or have no token ([0, 3])', () => {
    const bad = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map((v) =>
      tf.tensor2d([
        [1, 2, 3],
        [0, v, 1],
      ]),
    );
    const flat = tf.tensor1d([1, 2, 3]);
    const cube = tf.zeros([2, 3, 4]);
    const empty = tf.zeros([0, 3]);
    try {
      for (const logits of bad) {
        expectThrows(() => topKRouting(logits, 1), RangeError, `topKRouting with logit ${logits.dataSync()[4]}`);
      }
      expectThrows(
        () => topKRouting(cube as unknown as tf.Tensor2D, 1),
        RangeError,
        'topKRouting(logits [2, 3, 4], 1)',
      );
      expectThrows(() => topKRouting(flat as unknown as tf.Tensor2D, 1), RangeError, 'topKRouting(logits [3], 1)');
      expectThrows(() => topKRouting(empty as tf.Tensor2D, 1), RangeError, 'topKRouting(logits [0, 3], 1)');
    } finally {
      tf.dispose([...bad, flat, cube, empty]);
    }
  });

  test('expertCapacity: k 0, k > E, a fractional k; capacityFactor 0, −1, NaN, Infinity; tokens 0 or 2.5; experts 0', () => {
    const cases: [number, number, number, number][] = [
      [8, 4, 0, 1],
      [8, 4, 5, 1],
      [8, 4, 1.5, 1],
      [8, 4, 1, 0],
      [8, 4, 2, -1],
      [8, 4, 2, Number.NaN],
      [8, 4, 2, Number.POSITIVE_INFINITY],
      [0, 4, 1, 1],
      [2.5, 4, 1, 1],
      [8, 0, 1, 1],
    ];
    for (const args of cases)
      expectThrows(() => expertCapacity(...args), RangeError, `expertCapacity(${args.join(', ')})`);
  });

  test('dispatch and loadBalancingLoss with no tokens: r.probs / probs of shape [0, 3] and no rows', () => {
    const empty = tf.zeros([0, 3]) as tf.Tensor2D;
    try {
      expectThrows(
        () => dispatch({ experts: [], gates: [], probs: empty }, 3, 1),
        RangeError,
        'dispatch, probs [0, 3]',
      );
      expectThrows(() => loadBalancingLoss(empty, [], 3), RangeError, 'loadBalancingLoss(probs [0, 3], [], 3)');
    } finally {
      empty.dispose();
    }
  });

  test('dispatch: numExperts differs from the width of r.probs (3 vs 4 and 2)', () => {
    const r = routingFor(SPEC_K1, 3);
    try {
      expectThrows(() => dispatch(r, 4, 2), RangeError, 'dispatch(r, 4, 2)');
      expectThrows(() => dispatch(r, 2, 2), RangeError, 'dispatch(r, 2, 2)');
    } finally {
      r.probs.dispose();
    }
  });

  test('dispatch: a capacity that is negative, NaN or fractional (−1, NaN, 2.5); 0 and Infinity are valid', () => {
    const r = routingFor(SPEC_K1, 3);
    try {
      for (const capacity of [-1, Number.NaN, 2.5, Number.NEGATIVE_INFINITY]) {
        expectThrows(() => dispatch(r, 3, capacity), RangeError, `dispatch(r, 3, ${capacity})`);
      }
      expect(dispatch(r, 3, 0).load, 'capacity 0').toEqual([0, 0, 0]);
      expect(dispatch(r, 3, Number.POSITIVE_INFINITY).load, 'capacity Infinity').toEqual([4, 1, 1]);
    } finally {
      r.probs.dispose();
    }
  });

  test('dispatch: an expert id outside [0, E) or not an integer (3, −1, 0.5 for E 3); rows of different lengths; one row more than r.probs has tokens', () => {
    const r = routingFor(SPEC_K2, 3);
    try {
      const variants: [string, unknown[]][] = [
        ['id 3 = E', [[0, 3], ...SPEC_K2.slice(1)]],
        ['id −1', [[0, 1], [-1, 1], ...SPEC_K2.slice(2)]],
        ['id 0.5', [...SPEC_K2.slice(0, 5), [0, 0.5]]],
        ['a row of length 1', [[0], ...SPEC_K2.slice(1)]],
        ['7 rows for 6 tokens', [...SPEC_K2, [0, 1]]],
        ['5 rows for 6 tokens', SPEC_K2.slice(1)],
      ];
      for (const [what, experts] of variants) {
        expectThrows(() => dispatch({ ...r, experts: experts as number[][] }, 3, 4), RangeError, `dispatch: ${what}`);
      }
    } finally {
      r.probs.dispose();
    }
  });

  test('loadBalancingLoss: numExperts differs from the width of probs (3 vs 2 and 4)', () => {
    const probs = tf.tensor2d(float32Rows(SPEC_LOGITS.map(softmaxRow)));
    try {
      expectThrows(() => loadBalancingLoss(probs, SPEC_K1, 2), RangeError, 'loadBalancingLoss(probs [6, 3], …, 2)');
      expectThrows(() => loadBalancingLoss(probs, SPEC_K1, 4), RangeError, 'loadBalancingLoss(probs [6, 3], …, 4)');
      const twoExperts = [[0], [1], [0], [1], [0], [1]];
      expectThrows(
        () => loadBalancingLoss(probs, twoExperts, 2),
        RangeError,
        'probs [6, 3], choices in {0, 1}, numExperts 2',
      );
    } finally {
      probs.dispose();
    }
  });

  test('loadBalancingLoss: an expert id outside [0, E), empty rows, a row count that is not T, a NaN in probs', () => {
    const probs = tf.tensor2d(float32Rows(SPEC_LOGITS.map(softmaxRow)));
    const nan = tf.tensor2d([
      [0.5, 0.5, Number.NaN],
      [0.2, 0.3, 0.5],
    ]);
    try {
      expectThrows(() => loadBalancingLoss(probs, [[3], ...SPEC_K1.slice(1)], 3), RangeError, 'id 3 = E');
      expectThrows(
        () =>
          loadBalancingLoss(
            probs,
            SPEC_K1.map(() => []),
            3,
          ),
        RangeError,
        'empty rows (k = 0)',
      );
      expectThrows(() => loadBalancingLoss(probs, SPEC_K1.slice(1), 3), RangeError, '5 rows for 6 tokens');
      expectThrows(() => loadBalancingLoss(nan, [[0], [1]], 3), RangeError, 'a NaN in probs');
    } finally {
      tf.dispose([probs, nan]);
    }
  });

  test('moeForward: 2 expert functions for a router of width 3; x [2, 3] with routerW [2, 3]; k 0, k 4, k 1.5; capacityFactor 0, −1, Infinity', () => {
    const x = tf.tensor2d([
      [1, 0, 1],
      [0, 1, 0],
    ]);
    const w = tf.tensor2d(identity(3));
    const wrongHeight = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    const id: Expert = (h) => tf.clone(h);
    try {
      expectThrows(() => moeForward(x, w, [id, id], { k: 1 }), RangeError, '2 experts, router width 3');
      expectThrows(() => moeForward(x, w, [id, id, id, id], { k: 1 }), RangeError, '4 experts, router width 3');
      expectThrows(
        () => moeForward(x, wrongHeight, [id, id, id], { k: 1 }),
        RangeError,
        'x [2, 3] with routerW [2, 3]',
      );
      expectThrows(() => moeForward(x, w, [id, id, id], { k: 0 }), RangeError, 'k 0');
      expectThrows(() => moeForward(x, w, [id, id, id], { k: 4 }), RangeError, 'k 4 > E 3');
      expectThrows(() => moeForward(x, w, [id, id, id], { k: 1.5 }), RangeError, 'k 1.5');
      expectThrows(() => moeForward(x, w, [id, id, id], { k: 1, capacityFactor: 0 }), RangeError, 'capacityFactor 0');
      expectThrows(() => moeForward(x, w, [id, id, id], { k: 2, capacityFactor: -1 }), RangeError, 'capacityFactor -1');
      expectThrows(
        () => moeForward(x, w, [id, id, id], { k: 2, capacityFactor: Number.POSITIVE_INFINITY }),
        RangeError,
        'capacityFactor Infinity (leave it out for no limit)',
      );
    } finally {
      tf.dispose([x, w, wrongHeight]);
    }
  });

  test('moeForward: a NaN or Infinity in x or in routerW', () => {
    const good = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    const bad = [Number.NaN, Number.POSITIVE_INFINITY].map((v) =>
      tf.tensor2d([
        [1, v],
        [0, 1],
      ]),
    );
    const id: Expert = (h) => tf.clone(h);
    try {
      for (const b of bad) {
        const v = b.dataSync()[1];
        expectThrows(() => moeForward(b, good, [id, id], { k: 1 }), RangeError, `x holding ${v}`);
        expectThrows(() => moeForward(good, b, [id, id], { k: 1 }), RangeError, `routerW holding ${v}`);
      }
    } finally {
      tf.dispose([good, ...bad]);
    }
  });
});

describe('moe-router: bad input throws TypeError', () => {
  test('arguments that are not tensors: routerLogits, r.probs, x, routerW and probs as nested arrays or null', () => {
    const rows = [
      [1, 2],
      [0, 1],
    ];
    const t = tf.tensor2d(rows);
    const id: Expert = (h) => tf.clone(h);
    try {
      for (const bad of [rows, null]) {
        const what = JSON.stringify(bad);
        expectThrows(() => topKRouting(bad as never, 1), TypeError, `topKRouting(${what}, 1)`);
        expectThrows(
          () => dispatch({ experts: [[0], [1]], gates: [[1], [1]], probs: bad as never }, 2, 1),
          TypeError,
          `dispatch(r with probs ${what})`,
        );
        expectThrows(() => moeForward(bad as never, t, [id, id], { k: 1 }), TypeError, `moeForward(x = ${what})`);
        expectThrows(() => moeForward(t, bad as never, [id, id], { k: 1 }), TypeError, `moeForward(routerW = ${what})`);
        expectThrows(() => loadBalancingLoss(bad as never, [[0], [1]], 2), TypeError, `loadBalancingLoss(${what}, …)`);
      }
    } finally {
      t.dispose();
    }
  });

  test("numbers that are not numbers: k '2', capacityFactor '1', a capacity '4', numExperts '3', tokens '8'", () => {
    const logits = tf.tensor2d(SPEC_LOGITS);
    const r = routingFor(SPEC_K1, 3);
    const x = tf.tensor2d(SPEC_LOGITS);
    const w = tf.tensor2d(identity(3));
    const id: Expert = (h) => tf.clone(h);
    try {
      expectThrows(() => topKRouting(logits, '2' as never), TypeError, "topKRouting(logits, '2')");
      expectThrows(() => expertCapacity(8, 4, '2' as never, 1), TypeError, "expertCapacity(8, 4, '2', 1)");
      expectThrows(() => expertCapacity(8, 4, 2, '1' as never), TypeError, "expertCapacity(8, 4, 2, '1')");
      expectThrows(() => expertCapacity('8' as never, 4, 2, 1), TypeError, "expertCapacity('8', 4, 2, 1)");
      expectThrows(() => dispatch(r, 3, '4' as never), TypeError, "dispatch(r, 3, '4')");
      expectThrows(() => dispatch(r, '3' as never, 4), TypeError, "dispatch(r, '3', 4)");
      expectThrows(
        () => loadBalancingLoss(r.probs, SPEC_K1, '3' as never),
        TypeError,
        "loadBalancingLoss(probs, …, '3')",
      );
      expectThrows(() => moeForward(x, w, [id, id, id], { k: '1' as never }), TypeError, "moeForward cfg.k '1'");
      expectThrows(
        () => moeForward(x, w, [id, id, id], { k: 1, capacityFactor: '1' as never }),
        TypeError,
        "moeForward cfg.capacityFactor '1'",
      );
    } finally {
      tf.dispose([logits, r.probs, x, w]);
    }
  });

  test("missing or mistyped fields and options: cfg without k, normalize 'false' or 1, opts passed as a bare boolean, r.experts or experts not an array, an expert that is not a function", () => {
    const logits = tf.tensor2d(SPEC_LOGITS);
    const r = routingFor(SPEC_K1, 3);
    const x = tf.tensor2d(SPEC_LOGITS);
    const twoTokens = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 0],
    ]);
    const w = tf.tensor2d(identity(3));
    const id: Expert = (h) => tf.clone(h);
    try {
      expectThrows(() => moeForward(x, w, [id, id, id], {} as never), TypeError, 'moeForward(…, {}): cfg.k missing');
      expectThrows(
        () => moeForward(x, w, [id, id, id], { k: 1, normalize: 'false' as never }),
        TypeError,
        "cfg.normalize 'false'",
      );
      expectThrows(
        () => moeForward(x, w, [id, 'expert' as never, id], { k: 1 }),
        TypeError,
        'an expert that is a string',
      );
      // Expert 2 gets no token here: the check must not wait for a call to fail.
      expectThrows(
        () => moeForward(twoTokens, w, [id, id, null as never], { k: 1 }),
        TypeError,
        'an expert that is null',
      );
      expectThrows(
        () => moeForward(twoTokens, w, { length: 3, 0: id, 1: id, 2: id } as never, { k: 1 }),
        TypeError,
        'experts as an array-like object',
      );
      expectThrows(
        () => topKRouting(logits, 2, false as never),
        TypeError,
        'topKRouting(logits, 2, false): opts as a boolean',
      );
      expectThrows(() => topKRouting(logits, 2, { normalize: 1 as never }), TypeError, 'topKRouting opts.normalize 1');
      expectThrows(
        () => dispatch({ ...r, experts: 'experts' as never }, 3, 2),
        TypeError,
        'dispatch with r.experts a string',
      );
      expectThrows(
        () => dispatch({ ...r, experts: [0, 0, 1, 0, 2, 0] as never }, 3, 2),
        TypeError,
        'dispatch with flat r.experts',
      );
      const strings = ['0', '0', '1', '0', '2', '0'];
      expectThrows(
        () => dispatch({ ...r, experts: strings as never }, 3, 2),
        TypeError,
        'dispatch with r.experts of strings',
      );
      const mixed = [[0], 0, [1], [0], [2], [0]];
      expectThrows(
        () => dispatch({ ...r, experts: mixed as never }, 3, 2),
        TypeError,
        'dispatch with a row that is a number',
      );
      expectThrows(
        () => loadBalancingLoss(r.probs, mixed as never, 3),
        TypeError,
        'loadBalancingLoss with a row that is a number',
      );
      expectThrows(() => loadBalancingLoss(r.probs, null as never, 3), TypeError, 'loadBalancingLoss(probs, null, 3)');
    } finally {
      tf.dispose([logits, r.probs, x, w, twoTokens]);
    }
  });

  test.prop([badMoeCall], { numRuns: 80 })(
    'one bad argument anywhere throws its named error and leaks nothing',
    (c) => {
      const what = `${c.fn}: ${c.why}`;
      expectThrows(() => invokeBadCall(impl, c), c.error === 'TypeError' ? TypeError : RangeError, what);
    },
  );
});

/** The prompt's budget for dispatch: at most 16·T·k + 2·E + 64 steps of work (no rescanning). */
function expectDispatchWithinBudget(choices: number[][], numExperts: number, capacity: number): void {
  const t = choices.length;
  const k = (choices[0] as number[]).length;
  const probs = tf.tensor2d(float32Rows(logitsForChoices(choices, numExperts).map(softmaxRow)));
  try {
    const r: Routing = { experts: choices, gates: choices.map((row) => row.map(() => 1 / k)), probs };
    const out = expectWithinBudget(() => counted.dispatch(r, numExperts, capacity), {
      steps: 16 * t * k + 2 * numExperts + 64,
      rule: `16·T·k + 2·E + 64 for T = ${t}, k = ${k}, E = ${numExperts}`,
    });
    const want = dispatchOracle(choices, numExperts, capacity);
    expect(out.load, 'load').toEqual(want.load);
    expect(out.kept, 'kept').toEqual(want.kept);
  } finally {
    probs.dispose();
  }
}

/** T tokens choosing k distinct experts of E each, seeded. */
function randomChoices(t: number, k: number, e: number, seed: number): number[][] {
  const uniform = seededUniform(seed);
  return Array.from({ length: t }, () => {
    const pool = Array.from({ length: e }, (_, i) => i);
    for (let i = e - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
    }
    return pool.slice(0, k);
  });
}

describe('moe-router: scale and complexity', () => {
  test('dispatch, T 5000, k 2, E 8, capacity 1250: within 16·T·k + 2·E + 64 steps (one counter per expert; rescanning earlier assignments is quadratic)', () => {
    expectDispatchWithinBudget(randomChoices(5000, 2, 8, 21), 8, 1250);
  });

  test('dispatch, T 1000, k 8, E 64, capacity 40 (most assignments dropped): within 16·T·k + 2·E + 64 steps, work on a copy counts too', () => {
    expectDispatchWithinBudget(randomChoices(1000, 8, 64, 22), 64, 40);
  });

  test('dispatch, T 8000, k 1, E 4, capacity Infinity: within 16·T·k + 2·E + 64 steps', () => {
    expectDispatchWithinBudget(randomChoices(8000, 1, 4, 23), 4, Number.POSITIVE_INFINITY);
  });

  test('dispatch and loadBalancingLoss on T 4000 tokens, E 16, k 2 match the oracle', () => {
    const uniform = seededUniform(33);
    const t = 4000;
    const e = 16;
    const logits = Array.from({ length: t }, () =>
      Array.from({ length: e }, () => Math.round(uniform() * 24 - 12) / 4),
    );
    const oracle = routingOracle(logits, 2);
    const probs = float32Rows(oracle.probs);
    const r: Routing = { experts: oracle.experts, gates: oracle.gates, probs: tf.tensor2d(probs) };
    try {
      const capacity = capacityOracle(t, e, 2, 1);
      const out = expectNoLeaks(() => dispatch(r, e, capacity), 'dispatch at T 4000');
      const want = dispatchOracle(oracle.experts, e, capacity);
      expect(out.load, 'load').toEqual(want.load);
      expect(
        out.kept.every((row, i) => row[0] === want.kept[i]?.[0] && row[1] === want.kept[i]?.[1]),
        'kept',
      ).toBe(true);
      const aux = expectNoLeaks(() => loadBalancingLoss(r.probs, oracle.experts, e), 'loadBalancingLoss at T 4000');
      expectClose(aux, auxLossOracle(probs, oracle.experts, e), 1e-4, 'loadBalancingLoss at T 4000');
    } finally {
      r.probs.dispose();
    }
  });

  test('topKRouting on T 1024, E 64, k 8 matches the oracle and leaves only probs', () => {
    const uniform = seededUniform(44);
    const logits = Array.from({ length: 1024 }, () =>
      Array.from({ length: 64 }, () => Math.round(uniform() * 24 - 12) / 4),
    );
    const want = routingOracle(logits, 8);
    const input = tf.tensor2d(logits);
    let r: Routing | undefined;
    try {
      expectNoLeaks(() => {
        r = topKRouting(input, 8);
        return r.probs;
      }, 'topKRouting(logits [1024, 64], 8)');
      const got = r as Routing;
      expect(got.experts, 'experts').toEqual(want.experts);
      let worst = 0;
      want.gates.forEach((row, t) => {
        row.forEach((g, s) => {
          worst = Math.max(worst, Math.abs(((got.gates[t] as number[])[s] as number) - g));
        });
      });
      expect(worst, 'largest gate error').toBeLessThan(GATE_TOL);
      expectTensorClose(
        got.probs,
        { shape: [1024, 64], data: flat(want.probs) },
        { atol: GATE_TOL, rtol: GATE_TOL },
        'probs',
      );
    } finally {
      r?.probs.dispose();
      input.dispose();
    }
  });

  test('moeForward on T 512, d 16, E 8, k 2, cf 1.25 matches the oracle and leaks nothing', () => {
    const uniform = seededUniform(55);
    const halfValue = () => Math.round(uniform() * 4 - 2) / 2;
    const x = Array.from({ length: 512 }, () => Array.from({ length: 16 }, halfValue));
    const routerW = Array.from({ length: 16 }, () => Array.from({ length: 8 }, halfValue));
    checkMoe(x, routerW, expertWeights(66, 8, 16), { k: 2, capacityFactor: 1.25 });
  });
});

describe('moe-router: properties (against the float64 oracle)', () => {
  test.prop([routingCase], { numRuns: 60 })(
    'topKRouting matches the oracle: full softmax, top k with ties → lower index, gates',
    (c: RoutingCase) => {
      expectRoutingMatches(c.logits, c.k, c.normalize);
    },
  );

  test.prop([routingCase], { numRuns: 40 })(
    'normalised gates sum to 1; raw gates descend and equal probs at the chosen experts',
    (c: RoutingCase) => {
      const normalised = route(c.logits, c.k);
      normalised.gates.forEach((row, t) => {
        const sum = row.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - 1), `gates[${t}] = ${JSON.stringify(row)} sum to ${sum}`).toBeLessThan(1e-5);
      });
      const raw = route(c.logits, c.k, false);
      raw.gates.forEach((row, t) => {
        row.forEach((g, s) => {
          const e = (raw.experts[t] as number[])[s] as number;
          expect(
            Math.abs(g - ((raw.probs[t] as number[])[e] as number)),
            `raw gates[${t}][${s}] vs probs[${t}][${e}]`,
          ).toBeLessThan(1e-6);
          if (s > 0) expect(g, `raw gates[${t}] descend`).toBeLessThanOrEqual((row[s - 1] as number) + 1e-7);
        });
      });
    },
  );

  test.prop([routingCase, fc.integer({ min: -8, max: 8 })], { numRuns: 30 })(
    'adding a constant to every logit changes nothing (experts exact, gates within 1e-5)',
    (c: RoutingCase, shift: number) => {
      const a = route(c.logits, c.k, c.normalize);
      const b = route(
        c.logits.map((row) => row.map((v) => v + shift / 2)),
        c.k,
        c.normalize,
      );
      expect(b.experts, `shift ${shift / 2}`).toEqual(a.experts);
      a.gates.forEach((row, t) => {
        expectNumbersClose(b.gates[t] as number[], row, GATE_TOL, `gates[${t}] after shift`);
      });
    },
  );

  test.prop([capacityCase], { numRuns: 200 })('expertCapacity = ceil(k·T·cf / E) (exact integer oracle)', (c) => {
    const what = `expertCapacity(${c.tokens}, ${c.experts}, ${c.k}, ${c.capacityFactor})`;
    expect(expertCapacity(c.tokens, c.experts, c.k, c.capacityFactor), what).toBe(
      capacityOracle(c.tokens, c.experts, c.k, c.capacityFactor),
    );
  });

  test.prop([dispatchCase], { numRuns: 100 })(
    'dispatch matches the slot-major oracle; load ≤ capacity and Σ load = number kept',
    (c: DispatchCase) => {
      const out = dispatchOf(c.experts, c.numExperts, c.capacity);
      const want = dispatchOracle(c.experts, c.numExperts, c.capacity);
      const what = `dispatch(${JSON.stringify(c.experts)}, ${c.numExperts}, ${c.capacity})`;
      expect(out.kept, `${what}.kept`).toEqual(want.kept);
      expect(out.load, `${what}.load`).toEqual(want.load);
      const keptCount = out.kept.flat().filter(Boolean).length;
      expect(
        out.load.reduce((a, b) => a + b, 0),
        `${what}: Σ load vs number kept`,
      ).toBe(keptCount);
      for (const l of out.load) expect(l, `${what}: load ≤ capacity`).toBeLessThanOrEqual(c.capacity);
    },
  );

  test.prop([dispatchCase], { numRuns: 60 })('raising the capacity by one only ever keeps more', (c: DispatchCase) => {
    if (!Number.isFinite(c.capacity)) return;
    const small = dispatchOf(c.experts, c.numExperts, c.capacity);
    const large = dispatchOf(c.experts, c.numExperts, c.capacity + 1);
    small.kept.forEach((row, t) => {
      row.forEach((k, s) => {
        if (k)
          expect(
            (large.kept[t] as boolean[])[s],
            `kept[${t}][${s}] at capacity ${c.capacity} but not ${c.capacity + 1}`,
          ).toBe(true);
      });
    });
  });

  test.prop([dispatchCase, fc.nat()], { numRuns: 60 })(
    'relabelling the experts relabels the load and keeps the same assignments',
    (c: DispatchCase, seed: number) => {
      const perm = permutation(c.numExperts, seed);
      const a = dispatchOf(c.experts, c.numExperts, c.capacity);
      const b = dispatchOf(
        c.experts.map((row) => row.map((e) => perm[e] as number)),
        c.numExperts,
        c.capacity,
      );
      expect(b.kept, `relabelled by ${JSON.stringify(perm)}`).toEqual(a.kept);
      a.load.forEach((l, e) => {
        expect(b.load[perm[e] as number], `load of expert ${e} → ${perm[e]}`).toBe(l);
      });
    },
  );

  test.prop([moeCase], { numRuns: 40 })(
    'moeForward matches the float64 oracle (random shapes, k, normalize, capacity)',
    (c: MoeCase) => {
      const d = (c.x[0] as number[]).length;
      const e = (c.routerW[0] as number[]).length;
      checkMoe(c.x, c.routerW, expertWeights(c.seed, e, d), c.cfg);
    },
  );

  test.prop([moeCase, fc.nat()], { numRuns: 40 })(
    'relabelling the experts (routerW columns and the expert array together) leaves moeForward unchanged',
    (c: MoeCase, seed: number) => {
      const d = (c.x[0] as number[]).length;
      const e = (c.routerW[0] as number[]).length;
      const perm = permutation(e, seed); // old expert i becomes new expert perm[i]
      const weights = expertWeights(c.seed, e, d);
      // Only relabel when no token has a tie among the logits: a tie is broken by index, which relabelling changes.
      const logits = c.x.map((row) =>
        (c.routerW[0] as number[]).map((_, j) =>
          row.reduce((s, v, i) => s + v * ((c.routerW[i] as number[])[j] as number), 0),
        ),
      );
      if (!logits.every((row) => new Set(row).size === row.length)) return;
      const newW = c.routerW.map((row) => {
        const out = new Array<number>(e);
        row.forEach((v, i) => {
          out[perm[i] as number] = v;
        });
        return out;
      });
      const newWeights = new Array<ExpertWeights>(e);
      weights.forEach((w, i) => {
        newWeights[perm[i] as number] = w;
      });
      const xt = tf.tensor2d(c.x);
      const w1 = tf.tensor2d(c.routerW);
      const w2 = tf.tensor2d(newW);
      const ex1 = tfExperts(weights);
      const ex2 = tfExperts(newWeights);
      try {
        const a = moeForward(xt, w1, ex1.fns, { ...c.cfg });
        const b = moeForward(xt, w2, ex2.fns, { ...c.cfg });
        expectTensorClose(
          b,
          { shape: a.shape, data: Float64Array.from(a.dataSync()) },
          { atol: 1e-5 },
          `relabelled by ${JSON.stringify(perm)}`,
        );
        tf.dispose([a, b]);
      } finally {
        ex1.dispose();
        ex2.dispose();
        tf.dispose([xt, w1, w2]);
      }
    },
  );

  test.prop([auxCase], { numRuns: 60 })(
    'loadBalancingLoss matches E·Σ f·P with f over the T·k choices',
    (c: AuxCase) => {
      const probs = float32Rows(c.logits.map(softmaxRow));
      expectClose(
        auxOf(probs, c.experts, c.numExperts),
        auxLossOracle(probs, c.experts, c.numExperts),
        1e-5,
        `loadBalancingLoss(softmax(${JSON.stringify(c.logits)}), ${JSON.stringify(c.experts)}, ${c.numExperts})`,
      );
    },
  );

  test.prop([auxCase], { numRuns: 30 })(
    'loadBalancingLoss: uniform probs give 1 for any choices; repeating every token twice changes nothing',
    (c: AuxCase) => {
      const e = c.numExperts;
      const uniform = c.logits.map(() => new Array<number>(e).fill(Math.fround(1 / e)));
      expectClose(
        auxOf(uniform, c.experts, e),
        1,
        1e-5,
        `loadBalancingLoss(uniform [${c.logits.length}, ${e}], ${JSON.stringify(c.experts)})`,
      );
      const probs = float32Rows(c.logits.map(softmaxRow));
      const once = auxOf(probs, c.experts, e);
      const twice = auxOf([...probs, ...probs], [...c.experts, ...c.experts], e);
      expectClose(twice, once, 1e-5, 'loss of the tokens repeated twice vs once');
    },
  );
});

/** A seeded permutation of 0..n−1. */
function permutation(n: number, seed: number): number[] {
  const uniform = seededUniform(seed);
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [p[i], p[j]] = [p[j] as number, p[i] as number];
  }
  return p;
}
