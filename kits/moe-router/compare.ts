import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type AuxCase,
  type BadMoeCall,
  type CapacityCase,
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
  type TensorArg,
} from './inputs.ts';
import { routingOracle, softmaxRow } from './oracle.ts';
import {
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, type ImplModule, showJson } from '../../src/harness/compare.ts';

type Expert = (h: tf.Tensor2D) => tf.Tensor2D;
interface Routing {
  experts: number[][];
  gates: number[][];
  probs: tf.Tensor2D;
}
type TopKRouting = (logits: tf.Tensor2D, k: number, opts?: { normalize?: boolean }) => Routing;
type ExpertCapacity = (tokens: number, experts: number, k: number, cf: number) => number;
type Dispatch = (r: Routing, numExperts: number, capacity: number) => { kept: boolean[][]; load: number[] };
type MoeForward = (x: tf.Tensor2D, w: tf.Tensor2D, experts: Expert[], cfg: MoeCase['cfg']) => tf.Tensor2D;
type LoadBalancingLoss = (probs: tf.Tensor2D, experts: number[][], numExperts: number) => number;

type Input =
  | ({ readonly fn: 'topKRouting' } & RoutingCase)
  | ({ readonly fn: 'expertCapacity' } & CapacityCase)
  | ({ readonly fn: 'dispatch' } & DispatchCase)
  | ({ readonly fn: 'moeForward' } & MoeCase)
  | ({ readonly fn: 'loadBalancingLoss' } & AuxCase)
  | { readonly fn: 'bad'; readonly call: BadMoeCall };

/** Plain results; `leaked` counts tensors left behind (besides the returned ones). */
type Output =
  | { readonly kind: 'routing'; experts: unknown; gates: unknown; probs: TensorValue }
  | { readonly kind: 'number'; value: unknown; leaked: number }
  | { readonly kind: 'dispatch'; kept: unknown; load: unknown; leaked: number }
  | TensorValue;

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 3, arbitrary: routingCase.map((c) => ({ fn: 'topKRouting' as const, ...c })) },
  { weight: 3, arbitrary: capacityCase.map((c) => ({ fn: 'expertCapacity' as const, ...c })) },
  { weight: 3, arbitrary: dispatchCase.map((c) => ({ fn: 'dispatch' as const, ...c })) },
  { weight: 3, arbitrary: moeCase.map((c) => ({ fn: 'moeForward' as const, ...c })) },
  { weight: 3, arbitrary: auxCase.map((c) => ({ fn: 'loadBalancingLoss' as const, ...c })) },
  // Rarely, one bad argument that must throw its TypeError or RangeError (inputs.ts: badMoeCall).
  { weight: 1, arbitrary: badMoeCall.map((call) => ({ fn: 'bad' as const, call })) },
);

function tensorOfArg(arg: TensorArg, held: tf.Tensor[]): unknown {
  if ('notATensor' in arg) return arg.notATensor;
  const t = tf.tensor(Float32Array.from(arg.values), [...arg.shape], 'float32');
  held.push(t);
  return t;
}

/** tanh experts h ↦ tanh(h·A + b) of width d, from a seed; their weights go into `held`. */
function tanhExperts(seed: number, count: number, d: number, held: tf.Tensor[]): Expert[] {
  return expertWeights(seed, count, d).map((w) => {
    const a = tf.tensor2d(w.a, [d, d]);
    const b = tf.tensor1d(w.b);
    held.push(a, b);
    return (h: tf.Tensor2D) => tf.tidy(() => tf.tanh(h.matMul(a).add(b)) as tf.Tensor2D);
  });
}

/**
 * Builds the arguments of a bad call, calls the implementation's function with them and disposes
 * what it built (the call is expected to throw; a result is returned for the caller to dispose).
 */
export function invokeBadCall(impl: ImplModule, c: BadMoeCall): unknown {
  const held: tf.Tensor[] = [];
  try {
    switch (c.fn) {
      case 'topKRouting': {
        const f = exported<(...args: unknown[]) => unknown>(impl, c.fn);
        const logits = tensorOfArg(c.logits, held);
        return c.opts === undefined ? f(logits, c.k) : f(logits, c.k, c.opts.value);
      }
      case 'expertCapacity':
        return exported<(...args: unknown[]) => unknown>(impl, c.fn)(...c.args);
      case 'dispatch': {
        const probs = tensorOfArg(c.probs, held);
        const r = { experts: c.experts, gates: [], probs };
        return exported<(...args: unknown[]) => unknown>(impl, c.fn)(r, c.numExperts, c.capacity);
      }
      case 'moeForward': {
        const x = tensorOfArg(c.x, held);
        const d = 'shape' in c.x ? (c.x.shape[1] as number) : 1;
        const experts: unknown[] = tanhExperts(c.experts.seed, c.experts.count, d, held);
        if (c.experts.notAFunction !== undefined) experts[c.experts.notAFunction] = 'expert';
        return exported<(...args: unknown[]) => unknown>(impl, c.fn)(x, tensorOfArg(c.routerW, held), experts, c.cfg);
      }
      case 'loadBalancingLoss':
        return exported<(...args: unknown[]) => unknown>(impl, c.fn)(
          tensorOfArg(c.probs, held),
          c.experts,
          c.numExperts,
        );
    }
  } finally {
    tf.dispose(held);
  }
}

/** Calls `body`, then reports how many tensors it left behind besides `kept` ones (disposed by the caller afterwards). */
function leakCount<T>(body: () => T, kept: (result: T) => tf.Tensor[]): { result: T; leaked: number } {
  const before = tf.memory().numTensors;
  const result = body();
  const own = kept(result).filter((t) => t instanceof tf.Tensor && !t.isDisposed).length;
  return { result, leaked: tf.memory().numTensors - before - own };
}

function routingFor(experts: number[][], probsWidth: number): Routing {
  const logits = logitsForChoices(experts, probsWidth);
  const oracle = routingOracle(logits, (experts[0] as number[]).length);
  return {
    experts: experts.map((row) => [...row]),
    gates: oracle.gates,
    probs: tf.tensor2d(oracle.probs, [experts.length, probsWidth], 'float32'),
  };
}

function runTopK(f: TopKRouting, input: Extract<Input, { fn: 'topKRouting' }>): Output {
  const logits = tf.tensor2d(input.logits);
  try {
    const { result, leaked } = leakCount(
      () => (input.normalize === undefined ? f(logits, input.k) : f(logits, input.k, { normalize: input.normalize })),
      (r) => [r.probs],
    );
    if (!(result.probs instanceof tf.Tensor)) throw new TypeError('topKRouting(...).probs is not a tf.Tensor');
    if (result.probs.isDisposed) throw new TypeError('topKRouting(...).probs is disposed: it belongs to the caller');
    const probs: TensorValue = {
      shape: [...result.probs.shape],
      dtype: result.probs.dtype,
      data: Array.from(result.probs.dataSync()),
      leaked,
    };
    result.probs.dispose();
    return { kind: 'routing', experts: result.experts, gates: result.gates, probs };
  } finally {
    logits.dispose();
  }
}

function runMoe(f: MoeForward, input: Extract<Input, { fn: 'moeForward' }>): Output {
  const d = (input.x[0] as number[]).length;
  const e = (input.routerW[0] as number[]).length;
  const held: tf.Tensor[] = [];
  const experts = tanhExperts(input.seed, e, d, held);
  try {
    return runOnTensors(
      [
        { shape: [input.x.length, d], values: input.x.flat() },
        { shape: [input.routerW.length, e], values: input.routerW.flat() },
      ],
      ([x, w]) => f(x as tf.Tensor2D, w as tf.Tensor2D, experts, { ...input.cfg }),
    );
  } finally {
    tf.dispose(held);
  }
}

export const differential: Differential<Input, Output> = {
  // One of the five functions per input: logits on a 1/4 grid (exact ties), T ≤ 12, E ≤ 8, capacity
  // factors 0.25…2, tanh experts from a seed; rarely a bad argument that must throw its TypeError or
  // RangeError (the error class is compared).
  inputs,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    switch (input.fn) {
      case 'bad': {
        const before = tf.memory().numTensors;
        // Expected to throw; a call that returns instead is reported as such.
        tf.dispose(invokeBadCall(impl, input.call) as tf.TensorContainer);
        return { kind: 'number', value: 'returned instead of throwing', leaked: tf.memory().numTensors - before };
      }
      case 'topKRouting':
        return runTopK(exported<TopKRouting>(impl, input.fn), input);
      case 'expertCapacity': {
        const f = exported<ExpertCapacity>(impl, input.fn);
        return { kind: 'number', value: f(input.tokens, input.experts, input.k, input.capacityFactor), leaked: 0 };
      }
      case 'dispatch': {
        const f = exported<Dispatch>(impl, input.fn);
        const r = routingFor(input.experts, input.numExperts);
        try {
          const { result, leaked } = leakCount(
            () => f(r, input.numExperts, input.capacity),
            () => [],
          );
          if (r.probs.isDisposed) throw new TypeError('dispatch disposed r.probs, which belongs to the caller');
          return { kind: 'dispatch', kept: result.kept, load: result.load, leaked };
        } finally {
          r.probs.dispose();
        }
      }
      case 'moeForward':
        return runMoe(exported<MoeForward>(impl, input.fn), input);
      case 'loadBalancingLoss': {
        const f = exported<LoadBalancingLoss>(impl, input.fn);
        const rows = input.logits.map(softmaxRow);
        const probs = tf.tensor2d(rows, [rows.length, input.numExperts], 'float32');
        try {
          const { result, leaked } = leakCount(
            () =>
              f(
                probs,
                input.experts.map((row) => [...row]),
                input.numExperts,
              ),
            () => [],
          );
          if (probs.isDisposed) throw new TypeError('loadBalancingLoss disposed probs, which belongs to the caller');
          return { kind: 'number', value: result, leaked };
        } finally {
          probs.dispose();
        }
      }
    }
  },
  difference(mine, ref) {
    if (isTensorValue(ref)) {
      if (!isTensorValue(mine) || 'kind' in mine) return 'a different kind of result';
      return tensorDifference(mine, ref);
    }
    if (isTensorValue(mine) && !('kind' in mine)) return 'a different kind of result';
    const a = mine as Exclude<Output, TensorValue>;
    if (a.kind !== ref.kind) return 'a different kind of result';
    if (ref.kind === 'routing' && a.kind === 'routing') {
      if (showJson(a.experts) !== showJson(ref.experts))
        return `experts ${showJson(a.experts)}, expected ${showJson(ref.experts)}`;
      const gates = closeNumbers(a.gates, ref.gates as number[][], 1e-5);
      if (gates !== undefined) return `gates: ${gates}`;
      const probs = tensorDifference(
        { ...a.probs, leaked: 0 },
        { ...ref.probs, leaked: 0 },
        { atol: 1e-5, rtol: 1e-5 },
      );
      return probs === undefined ? leakText(a.probs.leaked, ref.probs.leaked) : `probs: ${probs}`;
    }
    if (ref.kind === 'number' && a.kind === 'number') {
      const r = ref.value as number;
      if (typeof a.value !== 'number') return `expected a number, got ${showJson(a.value)}`;
      if (!(Math.abs(a.value - r) <= 1e-5 * Math.max(1, Math.abs(r)))) return `${a.value}, expected ${r}`;
      return leakText(a.leaked, ref.leaked);
    }
    if (ref.kind === 'dispatch' && a.kind === 'dispatch') {
      if (showJson(a.kept) !== showJson(ref.kept)) return `kept ${showJson(a.kept)}, expected ${showJson(ref.kept)}`;
      if (showJson(a.load) !== showJson(ref.load)) return `load ${showJson(a.load)}, expected ${showJson(ref.load)}`;
      return leakText(a.leaked, ref.leaked);
    }
    return 'a different kind of result';
  },
  show(value) {
    if ('fn' in value) {
      const { fn, ...rest } = value;
      return `${fn}(${showJson(rest)})`;
    }
    if (isTensorValue(value) && !('kind' in value)) return showTensorValue(value);
    const v = value as Exclude<Output, TensorValue>;
    if (v.kind === 'routing') {
      return `experts ${showJson(v.experts)}, gates ${showJson(v.gates)}, probs ${showTensorValue(v.probs)}`;
    }
    if (v.kind === 'dispatch') return `kept ${showJson(v.kept)}, load ${showJson(v.load)}${leakNote(v.leaked)}`;
    return `${showJson(v.value)}${leakNote(v.leaked)}`;
  },
};

function closeNumbers(mine: unknown, ref: number[][], tol: number): string | undefined {
  if (!Array.isArray(mine) || mine.length !== ref.length) return `expected ${ref.length} rows, got ${showJson(mine)}`;
  for (let t = 0; t < ref.length; t++) {
    const a = mine[t] as unknown;
    const b = ref[t] as number[];
    if (!Array.isArray(a) || a.length !== b.length) return `row ${t}: ${showJson(a)}, expected ${showJson(b)}`;
    for (let s = 0; s < b.length; s++) {
      if (!(Math.abs((a[s] as number) - (b[s] as number)) <= tol)) return `[${t}][${s}] = ${a[s]}, expected ${b[s]}`;
    }
  }
  return undefined;
}

function leakText(mine: number, ref: number): string | undefined {
  if (mine === ref) return undefined;
  return mine > ref
    ? `the values agree, but yours leaves ${mine - ref} tensor(s) behind: wrap the work in tf.tidy()`
    : `the values agree, but yours disposes ${ref - mine} tensor(s) it did not create (an input?)`;
}

function leakNote(leaked: number): string {
  return leaked > 0
    ? ` (left ${leaked} tensor(s) behind)`
    : leaked < 0
      ? ` (disposed ${-leaked} tensor(s) it did not create)`
      : '';
}
