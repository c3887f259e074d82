import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  tensorOf,
  useBackendFromEnv,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported } from '../../src/harness/compare.ts';
import {
  type BadClipCall,
  type BadInfoNCECall,
  type ClipCase,
  type InfoNCECase,
  type TensorArg,
  badClipCall,
  badInfoNCECall,
  clipCase,
  infoNCECase,
} from './inputs.ts';

type Opts = { maxLogitScale?: number };
const CLIP_KEYS = ['loss', 'logitsPerImage', 'logitsPerText'] as const;
type ClipValue = { readonly [K in (typeof CLIP_KEYS)[number]]: TensorValue };
type Output = TensorValue | ClipValue;

type Input =
  | { readonly fn: 'clipLoss'; readonly c: ClipCase }
  | { readonly fn: 'infoNCE'; readonly c: InfoNCECase }
  | { readonly fn: 'bad clipLoss'; readonly bad: BadClipCall }
  | { readonly fn: 'bad infoNCE'; readonly bad: BadInfoNCECall };

type ClipLoss = (
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  logitScale: number | tf.Scalar,
  opts?: Opts,
) => Record<(typeof CLIP_KEYS)[number], tf.Tensor>;
type InfoNCE = (q: tf.Tensor2D, k: tf.Tensor2D, temperature: number) => tf.Tensor;

/** Rarely (1 in 13), one bad argument, from inputs.ts. */
const mostly = <T, B>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<B>) =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });

/** Builds a bad call's tensors ('plain' stays a plain array), calls, disposes; it must throw. */
function callBad(args: readonly TensorArg[], call: (made: unknown[]) => unknown, what: string, error: string): never {
  const made = args.map((a) => (a === 'plain' ? [[1, 0]] : tensorOf(a)));
  try {
    const out = call(made);
    if (out instanceof tf.Tensor) out.dispose();
    else if (out !== null && typeof out === 'object') tf.dispose(Object.values(out) as tf.Tensor[]);
  } finally {
    tf.dispose(made.filter((t): t is tf.Tensor => t instanceof tf.Tensor));
  }
  throw new Error(`${what}: expected a ${error}, but the call returned`);
}

/** Runs clipLoss on fresh tensors and reads its three results; the call's leak count is reported on `loss`. */
function runClip(impl: ClipLoss, c: ClipCase): ClipValue {
  const inputs = [tf.tensor2d(c.images, [c.N, c.D]), tf.tensor2d(c.texts, [c.N, c.D])] as tf.Tensor2D[];
  if (c.scaleAsTensor) inputs.push(tf.scalar(c.logitScale) as unknown as tf.Tensor2D);
  try {
    const before = tf.memory().numTensors;
    const logitScale = c.scaleAsTensor ? (inputs[2] as unknown as tf.Scalar) : c.logitScale;
    const extra: [] | [Opts] = c.opts === undefined ? [] : [{ ...c.opts }];
    const out = impl(inputs[0] as tf.Tensor2D, inputs[1] as tf.Tensor2D, logitScale, ...extra);
    if (typeof out !== 'object' || out === null) {
      throw new TypeError('clipLoss must return { loss, logitsPerImage, logitsPerText }');
    }
    const read = (key: (typeof CLIP_KEYS)[number]) => {
      const t = out[key];
      if (!(t instanceof tf.Tensor)) throw new TypeError(`clipLoss(...).${key} is not a tf.Tensor`);
      return { shape: [...t.shape], dtype: t.dtype, data: Array.from(t.dataSync() as ArrayLike<number>) };
    };
    const values = Object.fromEntries(CLIP_KEYS.map((k) => [k, read(k)]));
    const returned = new Set(CLIP_KEYS.map((k) => out[k]));
    for (const t of returned) if (!inputs.includes(t as tf.Tensor2D) && !t.isDisposed) t.dispose();
    const leaked = tf.memory().numTensors - before;
    return Object.fromEntries(
      CLIP_KEYS.map((k) => [k, { ...values[k], leaked: k === 'loss' ? leaked : 0 }]),
    ) as unknown as ClipValue;
  } finally {
    tf.dispose(inputs);
  }
}

export const differential: Differential<Input, Output> = {
  inputs: fc.oneof(
    mostly(
      clipCase.map((c) => ({ fn: 'clipLoss' as const, c })),
      badClipCall.map((bad) => ({ fn: 'bad clipLoss' as const, bad })),
    ),
    mostly(
      infoNCECase.map((c) => ({ fn: 'infoNCE' as const, c })),
      badInfoNCECall.map((bad) => ({ fn: 'bad infoNCE' as const, bad })),
    ),
  ),
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'bad clipLoss') {
      const f = exported<ClipLoss>(impl, 'clipLoss');
      const { images, texts, logitScale, opts } = input.bad.args;
      const tensors = 'tensor' in logitScale ? [images, texts, logitScale.tensor] : [images, texts];
      return callBad(
        tensors,
        ([x, y, s]) =>
          f(
            x as tf.Tensor2D,
            y as tf.Tensor2D,
            ('tensor' in logitScale ? s : logitScale.value) as number,
            opts as Opts,
          ),
        input.bad.what,
        input.bad.error,
      );
    }
    if (input.fn === 'bad infoNCE') {
      const f = exported<InfoNCE>(impl, 'infoNCE');
      const { queries, keys, temperature } = input.bad.args;
      return callBad(
        [queries, keys],
        ([q, k]) => f(q as tf.Tensor2D, k as tf.Tensor2D, temperature as number),
        input.bad.what,
        input.bad.error,
      );
    }
    if (input.fn === 'infoNCE') {
      const f = exported<InfoNCE>(impl, 'infoNCE');
      const { c } = input;
      return runOnTensors(
        [
          { shape: [c.N, c.D], values: c.queries },
          { shape: [c.N, c.D], values: c.keys },
        ],
        ([q, k]) => f(q as tf.Tensor2D, k as tf.Tensor2D, c.temperature),
      );
    }
    return runClip(exported<ClipLoss>(impl, 'clipLoss'), input.c);
  },
  difference(mine, ref) {
    // infoNCE's raw logits reach ~1.6e6, where float32 round-off of two correct programs differs by ~0.1.
    if (isTensorValue(ref)) {
      return isTensorValue(mine)
        ? tensorDifference(mine, ref, { atol: 1e-3, rtol: 1e-3 })
        : 'a different kind of result';
    }
    if (isTensorValue(mine)) return 'a different kind of result';
    for (const key of CLIP_KEYS) {
      // Logits reach 100·cos at the clamp: float32 round-off grows with them.
      const d = tensorDifference(mine[key], ref[key], { atol: 1e-3, rtol: 1e-4 });
      if (d !== undefined) return `${key}: ${d}`;
    }
    return undefined;
  },
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if ('loss' in value) return CLIP_KEYS.map((k) => `${k}: ${showTensorValue(value[k])}`).join('\n    ');
    if (value.fn === 'bad clipLoss' || value.fn === 'bad infoNCE') {
      return `${value.fn.slice(4)}: ${value.bad.what}\n    ${JSON.stringify(value.bad.args)}`;
    }
    if (value.fn === 'infoNCE') {
      const { c } = value;
      return [
        `infoNCE(queries, keys, ${c.temperature})`,
        `    ${showSpec('queries', { shape: [c.N, c.D], values: c.queries })}`,
        `    ${showSpec('keys', { shape: [c.N, c.D], values: c.keys })}`,
      ].join('\n');
    }
    const { c } = value;
    const scale = c.scaleAsTensor ? `tf.scalar(${c.logitScale})` : String(c.logitScale);
    const opts = c.opts === undefined ? '' : `, ${JSON.stringify(c.opts)}`;
    return [
      `clipLoss(imageEmbeds, textEmbeds, ${scale}${opts})`,
      `    ${showSpec('imageEmbeds', { shape: [c.N, c.D], values: c.images })}`,
      `    ${showSpec('textEmbeds', { shape: [c.N, c.D], values: c.texts })}`,
    ].join('\n');
  },
};
