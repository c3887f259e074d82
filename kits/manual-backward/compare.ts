import * as tf from '@tensorflow/tfjs';
import {
  type TensorValue,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';
import { type BackwardCall, backwardCall } from './inputs.ts';

/** The named gradients of one call, plus how many tensors the call left behind. */
interface Output {
  readonly grads: Readonly<Record<string, TensorValue>>;
  readonly leaked: number;
}

type Fn = (...args: unknown[]) => unknown;

const floats = (values: ArrayLike<number>, shape: number[]) => tf.tensor(Float32Array.from(values), shape, 'float32');

/** The call's arguments as tensors (and numbers), with the call's one bad input applied. */
function argsOf(call: BackwardCall): unknown[] {
  if (call.fn === 'softmaxCrossEntropyBackward') {
    const c = call.case;
    const labels = [...c.labels];
    if (call.bad === 'labelOutOfRange') labels[0] = c.c;
    const dloss = call.bad === 'nanDloss' ? [Number.NaN] : c.dloss === undefined ? [] : [c.dloss];
    return [
      floats(c.logits, [c.n, c.c]),
      tf.tensor1d(labels, call.bad === 'floatLabels' ? 'float32' : 'int32'),
      ...dloss,
    ];
  }
  if (call.fn === 'layerNormBackward') {
    const c = call.case;
    const gamma = call.bad === 'gammaLength' ? [...c.gamma, 1] : [...c.gamma];
    const eps = call.bad === 'zeroEps' ? [0] : c.eps === undefined ? [] : [c.eps];
    return [floats(c.x, [c.n, c.d]), floats(gamma, [gamma.length]), floats(c.dy, [c.n, c.d]), ...eps];
  }
  const c = call.case;
  const tq = call.bad === 'causalTqOverTk' ? c.tk + 1 : c.tq;
  const d = call.bad === 'kWidth' ? c.d + 1 : c.d;
  const cycle = (values: Float64Array, size: number) =>
    Array.from({ length: size }, (_, i) => values[i % values.length] as number);
  const q = floats(cycle(c.q, tq * d), [tq, d]);
  const dOut = floats(cycle(c.dOut, tq * c.dv), [tq, c.dv]);
  const causal = call.bad === 'causalTqOverTk' ? true : c.causal;
  const options = causal === undefined ? [] : [{ causal }];
  return [q, floats(c.k, [c.tk, c.d]), floats(c.v, [c.tk, c.dv]), dOut, ...options];
}

function readBack(t: unknown, name: string): TensorValue {
  if (!(t instanceof tf.Tensor)) throw new TypeError(`expected ${name} to be a tf.Tensor`);
  if (t.isDisposed) throw new TypeError(`${name} is already disposed`);
  return { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.dataSync() as ArrayLike<number>), leaked: 0 };
}

const NAMES = {
  softmaxCrossEntropyBackward: ['dlogits'],
  layerNormBackward: ['dx', 'dgamma', 'dbeta'],
  attentionBackward: ['dq', 'dk', 'dv'],
} as const;

export const differential: Differential<BackwardCall, Output> = {
  // Small calls of the three functions from inputs.ts (`backwardCall`), about one in thirteen with
  // one bad input (both sides must then throw the same error type).
  inputs: backwardCall,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    const fn = exported<Fn>(impl, input.fn);
    const args = argsOf(input);
    const inputs = args.filter((a): a is tf.Tensor => a instanceof tf.Tensor);
    try {
      const before = tf.memory().numTensors;
      const result = fn(...args);
      const parts: Record<string, unknown> =
        input.fn === 'softmaxCrossEntropyBackward'
          ? { dlogits: result }
          : typeof result === 'object' && result !== null
            ? (result as Record<string, unknown>)
            : {};
      const grads: Record<string, TensorValue> = {};
      for (const name of NAMES[input.fn]) grads[name] = readBack(parts[name], name);
      tf.dispose(NAMES[input.fn].map((name) => parts[name] as tf.Tensor).filter((t) => !inputs.includes(t)));
      return { grads, leaked: tf.memory().numTensors - before };
    } finally {
      tf.dispose(inputs);
    }
  },
  difference(mine, ref) {
    for (const [name, value] of Object.entries(ref.grads)) {
      const other = mine.grads[name];
      if (other === undefined) return `${name} is missing`;
      const diff = tensorDifference(other, value);
      if (diff !== undefined) return `${name}: ${diff}`;
    }
    if (mine.leaked !== ref.leaked) {
      return mine.leaked > ref.leaked
        ? `the values agree, but yours leaves ${mine.leaked - ref.leaked} tensor(s) behind: wrap the work in tf.tidy()`
        : `the values agree, but yours disposes ${ref.leaked - mine.leaked} tensor(s) it did not create (an input?)`;
    }
    return undefined;
  },
  show(value) {
    if ('grads' in value) {
      return Object.entries(value.grads)
        .map(([name, t]) => `${name}: ${showTensorValue(t)}`)
        .join('\n');
    }
    const c = value.case as unknown as Record<string, unknown>;
    const arrays = Object.entries(c)
      .map(([key, v]) =>
        v instanceof Float64Array
          ? `    ${key} = [${Array.from(v, (x) => Number(x.toPrecision(6))).join(', ')}]`
          : `    ${key} = ${JSON.stringify(v)}`,
      )
      .join('\n');
    return `${value.fn}(…)${value.bad === 'none' ? '' : ` with a bad input: ${value.bad}`}\n${arrays}`;
  },
};
