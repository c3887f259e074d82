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
} from '../../src/harness/compare-tensors.ts';
import {
  type BadDpoCall,
  type BadSeqCall,
  type TensorArg,
  badDpoCall,
  badSeqCall,
  dpoCase,
  seqCase,
} from './inputs.ts';
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

type Input =
  | SeqInput
  | DpoInput
  | { readonly fn: 'bad sequenceLogProbs'; readonly bad: BadSeqCall }
  | { readonly fn: 'bad dpoLoss'; readonly bad: BadDpoCall };

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

/**
 * sequenceLogProbs on `seqCase`: the options given or left out (ignoreIndex −100 may be passed or
 * defaulted; average only when every row counts a label).
 */
const seq: fc.Arbitrary<SeqInput> = fc
  .tuple(seqCase, fc.boolean(), fc.constantFrom<boolean | undefined>(undefined, false, true))
  .map(([c, passIgnore, average]) => {
    const opts: SeqOpts = {};
    if (c.ignoreIndex !== -100 || passIgnore) opts.ignoreIndex = c.ignoreIndex;
    if (average !== undefined && (average === false || c.everyRowCounted)) opts.average = average;
    return {
      fn: 'sequenceLogProbs' as const,
      logits: { shape: [c.B, c.T, c.V], values: c.logits },
      labels: { shape: [c.B, c.T], values: c.labels, dtype: 'int32' as const },
      opts: Object.keys(opts).length === 0 ? undefined : opts,
    };
  });

/** dpoLoss on `dpoCase` (n ≤ 6 pairs, log-probs up to −100 where log σ underflows); options as the case sets them. */
const dpo: fc.Arbitrary<DpoInput> = dpoCase.map((c) => ({
  fn: 'dpoLoss' as const,
  logps: [c.policyChosen, c.policyRejected, c.refChosen, c.refRejected].map((values) => ({
    shape: [values.length],
    values,
  })) as unknown as DpoInput['logps'],
  opts: Object.keys(c.opts).length === 0 ? undefined : { ...c.opts },
}));

/** Rarely (1 in 13), one bad argument, from inputs.ts. */
const mostly = <T, B>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<B>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });

/** Builds a bad call's tensors ('plain' stays a plain array), calls, disposes; it must throw. */
function callBad(args: readonly TensorArg[], call: (made: unknown[]) => unknown, what: string, error: string): never {
  const made = args.map((a) => (a === 'plain' ? [[1]] : tensorOf(a)));
  try {
    const out = call(made);
    if (out instanceof tf.Tensor) out.dispose();
    else if (out !== null && typeof out === 'object') tf.dispose(Object.values(out) as tf.Tensor[]);
  } finally {
    tf.dispose(made.filter((t): t is tf.Tensor => t instanceof tf.Tensor));
  }
  throw new Error(`${what}: expected a ${error}, but the call returned`);
}

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
  inputs: fc.oneof(
    mostly(
      seq,
      badSeqCall.map((bad) => ({ fn: 'bad sequenceLogProbs' as const, bad })),
    ),
    mostly(
      dpo,
      badDpoCall.map((bad) => ({ fn: 'bad dpoLoss' as const, bad })),
    ),
  ),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'bad sequenceLogProbs') {
      const f = exported<SequenceLogProbs>(impl, 'sequenceLogProbs');
      const { logits, labels, opts } = input.bad.args;
      return callBad(
        [logits, labels],
        ([l, y]) =>
          opts === undefined ? f(l as tf.Tensor3D, y as tf.Tensor2D) : f(l as tf.Tensor3D, y as tf.Tensor2D, opts),
        input.bad.what,
        input.bad.error,
      );
    }
    if (input.fn === 'bad dpoLoss') {
      const f = exported<DpoLoss>(impl, 'dpoLoss');
      const { vectors, opts } = input.bad.args;
      return callBad(
        vectors,
        ([a, b, c, d]) => f(a as tf.Tensor1D, b as tf.Tensor1D, c as tf.Tensor1D, d as tf.Tensor1D, opts as DpoOpts),
        input.bad.what,
        input.bad.error,
      );
    }
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
    if (value.fn === 'bad sequenceLogProbs' || value.fn === 'bad dpoLoss') {
      return `${value.fn.slice(4)}: ${value.bad.what}\n    ${JSON.stringify(value.bad.args)}`;
    }
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
