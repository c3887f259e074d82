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
import { type Differential, exported } from '../../src/harness/compare.ts';

interface RopeOptions {
  positions?: number[];
  base?: number;
  style?: string;
}

interface Input {
  readonly x: TensorSpec;
  /** undefined calls applyRope(x) with no options argument at all. */
  readonly options: RopeOptions | undefined;
}

type ApplyRope = (x: tf.Tensor, options?: RopeOptions) => tf.Tensor;

/**
 * x of shape [...lead, T, D] with up to two leading axes, T ≤ 4, even D ≤ 8, values in [-8, 8];
 * positions below 64 (float32 angles stay accurate to ~1e-5), bases other than 10000 now and
 * then, both styles; and rarely an input the spec says must throw RangeError.
 */
const inputs: fc.Arbitrary<Input> = fc
  .record({
    lead: fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 2 }),
    t: fc.integer({ min: 1, max: 4 }),
    pairs: fc.integer({ min: 1, max: 4 }),
    x: valuesArb(16, 4),
    positions: fc.option(fc.array(fc.nat({ max: 63 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    base: fc.constantFrom(undefined, 10000, 100, 500000),
    style: fc.constantFrom(undefined, 'half', 'interleaved'),
    noOptions: fc.boolean(),
    bad: fc.oneof(
      { weight: 12, arbitrary: fc.constant('none' as const) },
      { weight: 1, arbitrary: fc.constantFrom('rank1', 'oddD', 'positionsLength', 'base', 'style') },
    ),
  })
  .map(({ lead, t, pairs, x, positions, base, style, noOptions, bad }) => {
    const d = 2 * pairs + (bad === 'oddD' ? 1 : 0);
    const shape = bad === 'rank1' ? [d] : [...lead, t, d];
    const options: RopeOptions = {};
    // Positions are given per row (the values cycled to length T), so a decode offset shows up.
    if (positions !== undefined || bad === 'positionsLength') {
      const given = positions ?? [0];
      options.positions = Array.from(
        { length: t + (bad === 'positionsLength' ? 1 : 0) },
        (_, i) => given[i % given.length] as number,
      );
    }
    if (base !== undefined || bad === 'base') options.base = bad === 'base' ? 0 : base;
    if (style !== undefined || bad === 'style') options.style = bad === 'style' ? 'complex' : style;
    const empty = Object.keys(options).length === 0;
    return { x: { shape, values: x }, options: empty && noOptions ? undefined : options };
  });

export const differential: Differential<Input, TensorValue> = {
  inputs,
  setup: () => useBackendFromEnv(),
  run(impl, input) {
    const applyRope = exported<ApplyRope>(impl, 'applyRope');
    // A fresh copy of the options for each call, so neither side can see the other's edits.
    const options: [] | [RopeOptions] = input.options === undefined ? [] : [structuredClone(input.options)];
    return runOnTensors([input.x], ([x]) => applyRope(x as tf.Tensor, ...options));
  },
  difference: (mine, ref) => tensorDifference(mine, ref),
  show(value) {
    if (isTensorValue(value)) return showTensorValue(value);
    const options = value.options === undefined ? '' : `, ${showOptions(value.options)}`;
    return `applyRope(x${options})\n    ${showSpec('x', value.x)}`;
  },
};

function showOptions(options: RopeOptions): string {
  const parts: string[] = [];
  if (options.positions !== undefined) parts.push(`positions: [${options.positions.join(', ')}]`);
  if (options.base !== undefined) parts.push(`base: ${options.base}`);
  if (options.style !== undefined) parts.push(`style: '${options.style}'`);
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}
