import fc from 'fast-check';
import type { DecoderBlockParamsF64 } from './oracle.ts';
import { randomDecoderBlockParamsF64, randomDecoderInputF64 } from './random.ts';
import type { ShapedData } from '../../src/harness/tensor-data.ts';

/**
 * Inputs of the decoder-block-forward kata, shared by the hidden suite and the learner's
 * katas/decoder-block-forward/decoder-block-forward.props.ts. A case is plain data (sizes, seed,
 * eps, row scales); `decoderInputs(c)` gives x and the nine parameters as float64 arrays, and
 * `inputTensor` / `paramTensors` (re-exported) turn them into tensors (`disposeParams` frees them).
 */
export type { DecoderBlockParamsF64 } from './oracle.ts';
export { disposeParams, inputTensor, paramTensors } from './random.ts';

export interface DecoderCase {
  readonly batch: number;
  readonly seqLen: number;
  readonly dModel: number;
  readonly nHeads: number;
  readonly ffnDim: number;
  readonly seed: number;
  /** Omitted: the config has no eps, so the default 1e-6 applies. */
  readonly eps?: number;
  /** Multiplies input row (b·T + t) by rowScales[(b·T + t) % length]: small rows expose eps placement. */
  readonly rowScales?: readonly number[];
}

/** [dModel, nHeads] pairs: head sizes 1 to 8, one to eight heads. */
const HEAD_CHOICES: ReadonlyArray<readonly [number, number]> = [
  [8, 1],
  [8, 2],
  [8, 4],
  [12, 3],
  [12, 2],
  [16, 2],
  [16, 4],
  [16, 8],
];

/** B 1..2, T 1..6, (dModel, nHeads) from HEAD_CHOICES, F 16..32, eps default/1e-6/1e-3/0.1, some tiny rows. */
export const decoderCase: fc.Arbitrary<DecoderCase> = fc
  .record({
    batch: fc.integer({ min: 1, max: 2 }),
    seqLen: fc.integer({ min: 1, max: 6 }),
    heads: fc.constantFrom(...HEAD_CHOICES),
    ffnDim: fc.integer({ min: 16, max: 32 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    eps: fc.constantFrom<number | undefined>(undefined, 1e-6, 1e-3, 1e-1),
    rowScales: fc.constantFrom<readonly number[] | undefined>(undefined, [1e-4, 1], [1, 1, 1e-4], [0.01]),
  })
  .map(({ heads, eps, rowScales, ...rest }) => ({
    ...rest,
    dModel: heads[0],
    nHeads: heads[1],
    ...(eps === undefined ? {} : { eps }),
    ...(rowScales === undefined ? {} : { rowScales }),
  }));

/** The case's input x [B, T, D] (row scales applied) and parameters, float32-representable float64 values. */
export function decoderInputs(c: DecoderCase): { x: ShapedData; params: DecoderBlockParamsF64 } {
  const x = randomDecoderInputF64({ batch: c.batch, seqLen: c.seqLen, dModel: c.dModel, seed: c.seed + 7919 });
  const params = randomDecoderBlockParamsF64({ dModel: c.dModel, nHeads: c.nHeads, ffnDim: c.ffnDim, seed: c.seed });
  const scales = c.rowScales;
  if (scales === undefined) return { x, params };
  const data = new Float64Array(x.data.length);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.fround((x.data[i] as number) * (scales[Math.floor(i / c.dModel) % scales.length] as number));
  }
  return { x: { shape: x.shape, data }, params };
}

/** The config the case describes: `{ nHeads }`, plus `eps` when the case sets one. */
export function decoderConfig(c: DecoderCase): { nHeads: number; eps?: number } {
  return c.eps === undefined ? { nHeads: c.nHeads } : { nHeads: c.nHeads, eps: c.eps };
}
