import type * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  type TensorSpec,
  type TensorValue,
  isTensorValue,
  runOnTensors,
  showSpec,
  showTensorValue,
  tensorDifference,
  useBackendFromEnv,
  valuesArb,
} from '../../src/harness/compare-tensors.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Target = 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down';
const TARGETS: readonly Target[] = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];

interface TensorInput {
  readonly fn: 'loraForward' | 'mergeLora' | 'unmergeLora';
  readonly x: TensorSpec;
  readonly w: TensorSpec;
  readonly bias: TensorSpec | undefined;
  readonly a: TensorSpec;
  readonly b: TensorSpec;
  readonly alpha: number;
  /** undefined calls without the options argument. */
  readonly rslora: boolean | undefined;
}

interface CountInput {
  readonly fn: 'loraParamCount';
  readonly cfg: {
    hidden: number;
    intermediate: number;
    layers: number;
    heads: number;
    kvHeads: number;
    headDim?: number;
    r: number;
    targets: Target[];
  };
}

type Input = TensorInput | CountInput;
type Output = TensorValue | { readonly count: number };

interface Params {
  w: tf.Tensor2D;
  bias?: tf.Tensor1D;
  a: tf.Tensor2D;
  b: tf.Tensor2D;
  alpha: number;
}
type Opts = [] | [{ rslora: boolean }];

/**
 * Small layers (dIn, dOut ≤ 5, r ≤ 3, x with one or two leading axes), alpha from {1, 4, 16},
 * rsLoRA on, off or omitted; now and then a shape or alpha the spec says must throw RangeError.
 * Parameter counts on small configurations with random targets (rarely an unknown one).
 */
const tensorInput: fc.Arbitrary<TensorInput> = fc
  .record({
    fn: fc.constantFrom('loraForward', 'mergeLora', 'unmergeLora') as fc.Arbitrary<TensorInput['fn']>,
    lead: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 2 }),
    dIn: fc.integer({ min: 1, max: 5 }),
    dOut: fc.integer({ min: 1, max: 5 }),
    r: fc.integer({ min: 1, max: 3 }),
    alpha: fc.constantFrom(1, 4, 16),
    rslora: fc.constantFrom(undefined, false, true),
    withBias: fc.boolean(),
    values: fc.tuple(valuesArb(8), valuesArb(8), valuesArb(8), valuesArb(8), valuesArb(8)),
    bad: fc.oneof(
      { weight: 12, arbitrary: fc.constant('none' as const) },
      { weight: 1, arbitrary: fc.constantFrom('xDim', 'aRows', 'bRows', 'alpha') },
    ),
  })
  .map(({ fn, lead, dIn, dOut, r, alpha, rslora, withBias, values, bad }) => {
    const [xv, wv, bv, av, bbv] = values;
    return {
      fn,
      x: { shape: [...lead, dIn + (bad === 'xDim' ? 1 : 0)], values: xv },
      w: { shape: [dIn, dOut], values: wv },
      bias: withBias ? { shape: [dOut], values: bv } : undefined,
      a: { shape: [dIn + (bad === 'aRows' ? 1 : 0), r], values: av },
      b: { shape: [r + (bad === 'bRows' ? 1 : 0), dOut], values: bbv },
      alpha: bad === 'alpha' ? 0 : alpha,
      rslora,
    };
  });

const countInput: fc.Arbitrary<CountInput> = fc
  .record({
    heads: fc.integer({ min: 1, max: 8 }),
    kvHeads: fc.integer({ min: 1, max: 8 }),
    headDim: fc.option(fc.integer({ min: 1, max: 16 }), { nil: undefined }),
    intermediate: fc.integer({ min: 1, max: 64 }),
    layers: fc.integer({ min: 1, max: 4 }),
    r: fc.integer({ min: 1, max: 16 }),
    targets: fc.subarray([...TARGETS]),
  })
  .map(({ heads, kvHeads, headDim, intermediate, layers, r, targets }) => ({
    fn: 'loraParamCount' as const,
    cfg: {
      hidden: heads * 4,
      intermediate,
      layers,
      heads,
      kvHeads: Math.min(kvHeads, heads),
      ...(headDim !== undefined && { headDim }),
      r,
      targets,
    },
  }));

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 3, arbitrary: tensorInput },
  { weight: 1, arbitrary: countInput },
);

export const differential: Differential<Input, Output> = {
  inputs,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    if (input.fn === 'loraParamCount') {
      const count = exported<(cfg: CountInput['cfg']) => number>(impl, 'loraParamCount');
      return { count: count(structuredClone(input.cfg)) };
    }
    const opts: Opts = input.rslora === undefined ? [] : [{ rslora: input.rslora }];
    const specs = [input.x, input.w, input.a, input.b, ...(input.bias === undefined ? [] : [input.bias])];
    return runOnTensors(specs, ([x, w, a, b, bias]) => {
      const p: Params = {
        w: w as tf.Tensor2D,
        a: a as tf.Tensor2D,
        b: b as tf.Tensor2D,
        alpha: input.alpha,
        ...(bias !== undefined && { bias: bias as tf.Tensor1D }),
      };
      if (input.fn === 'loraForward') {
        return exported<(x: tf.Tensor, p: Params, ...o: Opts) => tf.Tensor>(impl, 'loraForward')(
          x as tf.Tensor,
          p,
          ...opts,
        );
      }
      if (input.fn === 'mergeLora')
        return exported<(p: Params, ...o: Opts) => tf.Tensor>(impl, 'mergeLora')(p, ...opts);
      // unmergeLora is handed W as the merged matrix (any [dIn, dOut] matrix will do).
      return exported<(m: tf.Tensor2D, p: Params, ...o: Opts) => tf.Tensor>(impl, 'unmergeLora')(
        w as tf.Tensor2D,
        p,
        ...opts,
      );
    });
  },
  difference(mine, ref) {
    if (isTensorValue(mine) && isTensorValue(ref)) return tensorDifference(mine, ref);
    if (!isTensorValue(mine) && !isTensorValue(ref)) {
      return mine.count === ref.count ? undefined : `count ${mine.count} vs ${ref.count} (yours vs the reference)`;
    }
    return 'a different kind of result from the reference';
  },
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    if ('count' in value) return String(value.count);
    if (value.fn === 'loraParamCount') return `loraParamCount(${showJson(value.cfg)})`;
    const opts = value.rslora === undefined ? '' : `, { rslora: ${value.rslora} }`;
    const lines = [
      showSpec('w', value.w),
      ...(value.bias === undefined ? [] : [showSpec('bias', value.bias)]),
      showSpec('a', value.a),
      showSpec('b', value.b),
    ];
    const call =
      value.fn === 'loraForward'
        ? `loraForward(x, p${opts})`
        : value.fn === 'mergeLora'
          ? `mergeLora(p${opts})`
          : `unmergeLora(w, p${opts})`;
    if (value.fn === 'loraForward') lines.unshift(showSpec('x', value.x));
    return `${call}, p = { w, ${value.bias === undefined ? '' : 'bias, '}a, b, alpha: ${value.alpha} }\n    ${lines.join('\n    ')}`;
  },
};
