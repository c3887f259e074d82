import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  tensorOf,
  useBackendFromEnv,
  valuesArb,
  rarely,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';

type LossType = 'sigmoid' | 'ipo' | 'hinge';
interface SeqOpts {
  ignoreIndex?: number;
  average?: boolean;
}
interface DpoOpts {
  beta?: number;
  labelSmoothing?: number;
  lossType?: LossType;
}

interface SeqInput {
  readonly fn: 'sequenceLogProbs';
  readonly logits: TensorSpec;
  readonly labels: TensorSpec;
  /** undefined: called with two arguments. */
  readonly opts: SeqOpts | undefined;
}

interface DpoInput {
  readonly fn: 'dpoLoss';
  /** policyChosen, policyRejected, refChosen, refRejected. */
  readonly logps: readonly [TensorSpec, TensorSpec, TensorSpec, TensorSpec];
  readonly opts: DpoOpts | undefined;
}

type Input = SeqInput | DpoInput;

/** dpoLoss's four results, each as plain data. */
type DpoValue = { readonly [K in (typeof DPO_KEYS)[number]]: TensorValue };
type Output = TensorValue | DpoValue;

const DPO_KEYS = ['loss', 'losses', 'chosenRewards', 'rejectedRewards'] as const;

type SequenceLogProbs = (logits: tf.Tensor3D, labels: tf.Tensor2D, opts?: SeqOpts) => tf.Tensor1D;
type DpoLoss = (
  a: tf.Tensor1D,
  b: tf.Tensor1D,
  c: tf.Tensor1D,
  d: tf.Tensor1D,
  opts?: DpoOpts,
) => Record<(typeof DPO_KEYS)[number], tf.Tensor>;

function cycle<T>(values: readonly T[], length: number): T[] {
  return Array.from({ length }, (_, i) => values[i % values.length] as T);
}

/**
 * B ≤ 3, T ≤ 4, V ≤ 4, logits halves in [-2, 2]; labels cycled from ids in [0, 8) mod V, some
 * ignored; labels[:, 0] sometimes garbage (99). average only when every row counts a label.
 */
const seq: fc.Arbitrary<SeqInput> = fc
  .record({
    b: fc.integer({ min: 1, max: 3 }),
    t: fc.integer({ min: 1, max: 4 }),
    v: fc.integer({ min: 1, max: 4 }),
    logits: valuesArb(24),
    ids: fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 8 }),
    ignored: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    ignoreIndex: fc.constantFrom(undefined, -100, -1),
    average: fc.constantFrom(undefined, false, true),
    garbageFirst: fc.boolean(),
    bad: rarely('labelRange', 'emptyRowAverage'),
  })
  .map(({ b, t, v, logits, ids, ignored, ignoreIndex, average, garbageFirst, bad }) => {
    const skip = ignoreIndex ?? -100;
    const flags = cycle(ignored, b * t);
    const labels = cycle(ids, b * t).map((id, i) => (flags[i] ? skip : id % v));
    if (garbageFirst) for (let row = 0; row < b; row++) labels[row * t] = 99;
    let avg = average;
    if (bad === 'labelRange' && t > 1) labels[b * t - 1] = v;
    if (bad === 'emptyRowAverage') {
      for (let i = 1; i < t; i++) labels[i] = skip;
      avg = true;
    }
    const everyRow = Array.from({ length: b }, (_, r) =>
      labels.slice(r * t + 1, (r + 1) * t).some((x) => x !== skip),
    ).every(Boolean);
    if (avg === true && !everyRow && bad !== 'emptyRowAverage') avg = false;
    const opts: SeqOpts = {};
    if (ignoreIndex !== undefined) opts.ignoreIndex = ignoreIndex;
    if (avg !== undefined) opts.average = avg;
    return {
      fn: 'sequenceLogProbs' as const,
      logits: { shape: [b, t, v], values: logits },
      labels: { shape: [b, t], values: labels, dtype: 'int32' as const },
      opts: Object.keys(opts).length === 0 ? undefined : opts,
    };
  });

/** N ≤ 4 pairs of log-probs (multiples of 4 in [-16, 0], or ×100); β, ε, loss type given or not; rarely bad input. */
const dpo: fc.Arbitrary<DpoInput> = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    logps: fc.tuple(valuesArb(4, 8), valuesArb(4, 8), valuesArb(4, 8), valuesArb(4, 8)),
    beta: fc.constantFrom(undefined, 0.1, 0.5, 1),
    labelSmoothing: fc.constantFrom(undefined, 0, 0.1, 0.3),
    lossType: fc.constantFrom<LossType | undefined>(undefined, 'sigmoid', 'ipo', 'hinge'),
    // Log-probs of long sequences: ×100, where −log(sigmoid(βh)) overflows to Infinity.
    large: fc.boolean(),
    bad: rarely('beta', 'labelSmoothing', 'length'),
  })
  .map(({ n, logps, beta, labelSmoothing, lossType, large, bad }) => {
    const specs = logps.map((values, k) => ({
      shape: [bad === 'length' && k === 3 ? n + 1 : n],
      values: values.map((x) => 0 - Math.abs(x) * (large ? 100 : 1)),
    })) as unknown as DpoInput['logps'];
    const opts: DpoOpts = {};
    if (beta !== undefined || bad === 'beta') opts.beta = bad === 'beta' ? 0 : beta;
    if (labelSmoothing !== undefined || bad === 'labelSmoothing')
      opts.labelSmoothing = bad === 'labelSmoothing' ? 0.5 : labelSmoothing;
    if (lossType !== undefined) opts.lossType = lossType;
    return { fn: 'dpoLoss' as const, logps: specs, opts: Object.keys(opts).length === 0 ? undefined : opts };
  });

/** Runs dpoLoss on fresh tensors and reads its four results; the leak count is shared by all four. */
function runDpo(impl: DpoLoss, input: DpoInput): DpoValue {
  const inputs = input.logps.map(tensorOf) as tf.Tensor1D[];
  try {
    const before = tf.memory().numTensors;
    const extra: [] | [DpoOpts] = input.opts === undefined ? [] : [{ ...input.opts }];
    const out = impl(
      inputs[0] as tf.Tensor1D,
      inputs[1] as tf.Tensor1D,
      inputs[2] as tf.Tensor1D,
      inputs[3] as tf.Tensor1D,
      ...extra,
    );
    if (typeof out !== 'object' || out === null)
      throw new TypeError('dpoLoss must return { loss, losses, chosenRewards, rejectedRewards }');
    const read = (key: (typeof DPO_KEYS)[number]) => {
      const t = out[key];
      if (!(t instanceof tf.Tensor)) throw new TypeError(`dpoLoss(...).${key} is not a tf.Tensor`);
      return { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.dataSync() as ArrayLike<number>) };
    };
    const values = Object.fromEntries(DPO_KEYS.map((k) => [k, read(k)]));
    for (const k of DPO_KEYS) if (!inputs.includes(out[k] as tf.Tensor1D)) out[k].dispose();
    const leaked = tf.memory().numTensors - before;
    // The call's leak count is reported once, on `loss`.
    return Object.fromEntries(
      DPO_KEYS.map((k) => [k, { ...values[k], leaked: k === 'loss' ? leaked : 0 }]),
    ) as unknown as DpoValue;
  } finally {
    tf.dispose(inputs);
  }
}

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(seq, dpo),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'sequenceLogProbs') {
      const f = exported<SequenceLogProbs>(impl, 'sequenceLogProbs');
      const extra: [] | [SeqOpts] = input.opts === undefined ? [] : [{ ...input.opts }];
      return runOnTensors([input.logits, input.labels], ([logits, labels]) =>
        f(logits as tf.Tensor3D, labels as tf.Tensor2D, ...extra),
      );
    }
    return runDpo(exported<DpoLoss>(impl, 'dpoLoss'), input);
  },
  difference(mine, ref) {
    if (isTensorValue(ref)) return isTensorValue(mine) ? tensorDifference(mine, ref) : 'a different kind of result';
    if (isTensorValue(mine)) return 'a different kind of result';
    for (const key of DPO_KEYS) {
      const d = tensorDifference(mine[key], ref[key]);
      if (d !== undefined) return `${key}: ${d}`;
    }
    return undefined;
  },
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if ('loss' in value) return DPO_KEYS.map((k) => `${k}: ${showTensorValue(value[k])}`).join('\n    ');
    const opts = value.opts === undefined ? '' : `, ${JSON.stringify(value.opts)}`;
    if (value.fn === 'sequenceLogProbs') {
      return [
        `sequenceLogProbs(logits, labels${opts})`,
        `    ${showSpec('logits', value.logits)}`,
        `    ${showSpec('labels', value.labels)}`,
      ].join('\n');
    }
    const names = ['policyChosen', 'policyRejected', 'refChosen', 'refRejected'];
    return [
      `dpoLoss(${names.join(', ')}${opts})`,
      ...value.logps.map((spec, k) => `    ${showSpec(names[k] as string, spec)}`),
    ].join('\n');
  },
};
