import { fc, test } from '../../src/harness/prop.ts';
import * as tf from '@tensorflow/tfjs';
import { describe, expect } from 'vitest';
import {
  blockCausalMask,
  buildSftExample,
  maskBytes,
  packSequences,
  packedAttention,
  seqIdsFromCuSeqlens,
} from '@impl/sft-packing-mask';
import * as counted from '@impl-counted/sft-packing-mask';
import {
  attentionCase,
  badCuSeqlens,
  badPackCall,
  badSftCall,
  cuSeqlensFromLengths,
  packCase,
  seqIdsFromLengths,
  seqLengths,
  sftPair,
  ignoreIndexArb,
} from './inputs.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';
import {
  allowedPairs,
  maskOracle,
  maskOracleFlat,
  packOracle,
  packedAttentionOracle,
  seqIdsOracle,
  sftExampleOracle,
} from './oracle.ts';
import type { LabelledSequence } from './inputs.ts';
import {
  disposeAfterEachTest,
  expectNoLeaks,
  expectTensorClose,
  randomValues,
  useTensorBackend,
} from '../../src/harness/tf.ts';

useTensorBackend();
const keep = disposeAfterEachTest();

const TOL = { atol: 1e-4, rtol: 1e-4 };

/** The three sequences of the spec: labels = ids, labels = ids, and a two-token prompt masked. */
const SPEC_SEQS = [
  { inputIds: [11, 12, 13], labels: [11, 12, 13] },
  { inputIds: [21, 22], labels: [21, 22] },
  { inputIds: [31, 32, 33, 34], labels: [-100, -100, 33, 34] },
];
const SPEC_SEQIDS = [0, 0, 0, 1, 1, 2, 2, 2, 2];
const SPEC_CU = [0, 3, 5, 9];
const SPEC_ROWS = [
  '100000000',
  '110000000',
  '111000000',
  '000100000',
  '000110000',
  '000001000',
  '000001100',
  '000001110',
  '000001111',
];

const copySeqs = (seqs: ReadonlyArray<{ inputIds: number[]; labels: number[] }>) =>
  seqs.map((s) => ({ inputIds: [...s.inputIds], labels: [...s.labels] }));

/** blockCausalMask(seqIds), checked for leaks, shape, dtype and returned as '0101' row strings. */
function maskRows(seqIds: number[]): string[] {
  const mask = keep(expectNoLeaks(() => blockCausalMask(seqIds), `blockCausalMask([${seqIds}])`));
  expectTensorClose(
    mask,
    { shape: [seqIds.length, seqIds.length], data: maskOracleFlat(seqIds) },
    { atol: 0 },
    `blockCausalMask([${seqIds}])`,
  );
  return (mask.arraySync() as number[][]).map((row) => row.join(''));
}

interface Qkv {
  q: Float64Array;
  k: Float64Array;
  v: Float64Array;
}

function seededQkv(t: number, d: number, dv: number, seed: number, scale = 1): Qkv {
  return {
    q: randomValues(t * d, seed, scale),
    k: randomValues(t * d, seed + 1, scale),
    v: randomValues(t * dv, seed + 2, scale),
  };
}

/** packedAttention on float32 tensors of the given values; checks no leaks and inputs kept; returns the result. */
function runAttention(x: Qkv, t: number, d: number, dv: number, cuSeqlens: number[], what: string): tf.Tensor {
  const q = keep(tf.tensor2d(Float32Array.from(x.q), [t, d]));
  const k = keep(tf.tensor2d(Float32Array.from(x.k), [t, d]));
  const v = keep(tf.tensor2d(Float32Array.from(x.v), [t, dv]));
  const out = keep(expectNoLeaks(() => packedAttention(q, k, v, cuSeqlens), what));
  expect(q.isDisposed || k.isDisposed || v.isDisposed, `${what} must not dispose q, k or v`).toBe(false);
  return out;
}

/** packedAttention against the float64 oracle for sequences of the given lengths. */
function checkAttention(lengths: number[], d: number, dv: number, seed: number): void {
  const t = lengths.reduce((a, b) => a + b, 0);
  const cu = cuSeqlensFromLengths(lengths);
  const x = seededQkv(t, d, dv, seed);
  const what = `packedAttention(q [${t}, ${d}], k, v [${t}, ${dv}], cuSeqlens [${cu}])`;
  const out = runAttention(x, t, d, dv, cu, what);
  const expected = packedAttentionOracle(x.q, x.k, x.v, seqIdsFromLengths(lengths), d, dv);
  expectTensorClose(out, { shape: [t, dv], data: expected }, TOL, what);
}

describe('buildSftExample: labels for one prompt/response pair', () => {
  test('prompt [5,6], response [7,8,9] → inputIds [5,6,7,8,9], labels [−100,−100,7,8,9] (unshifted)', () => {
    expect(buildSftExample([5, 6], [7, 8, 9])).toEqual({ inputIds: [5, 6, 7, 8, 9], labels: [-100, -100, 7, 8, 9] });
  });

  test('ignoreIndex −1 replaces −100 over the prompt: [5,6] + [7] → labels [−1,−1,7]', () => {
    expect(buildSftExample([5, 6], [7], -1)).toEqual({ inputIds: [5, 6, 7], labels: [-1, -1, 7] });
  });

  test('an empty prompt learns every token; an empty response learns nothing', () => {
    expect(buildSftExample([], [4, 2]), 'prompt [], response [4,2]').toEqual({ inputIds: [4, 2], labels: [4, 2] });
    expect(buildSftExample([4, 2], []), 'prompt [4,2], response []').toEqual({
      inputIds: [4, 2],
      labels: [-100, -100],
    });
  });

  test('token id 0 is an ordinary token: prompt [0] + response [0, 3] → labels [−100, 0, 3]', () => {
    expect(buildSftExample([0], [0, 3])).toEqual({ inputIds: [0, 0, 3], labels: [-100, 0, 3] });
  });

  test('empty prompt and empty response throws RangeError', () => {
    expect(() => buildSftExample([], [])).toThrow(RangeError);
    expect(() => buildSftExample([], [], -1)).toThrow(RangeError);
  });

  test("prompt or response that is not an array throws TypeError: null, undefined, '5,6'", () => {
    for (const bad of [null, undefined, '5,6', 5]) {
      const v = bad as unknown as number[];
      expect(() => buildSftExample(v, [7]), `prompt = ${JSON.stringify(bad)}`).toThrow(TypeError);
      expect(() => buildSftExample([5], v), `response = ${JSON.stringify(bad)}`).toThrow(TypeError);
    }
  });

  test("a token id that is not a number throws TypeError ('7', null); a negative or fractional one RangeError (-1, 2.5, NaN)", () => {
    for (const bad of ['7', null, true]) {
      const v = bad as unknown as number;
      expect(() => buildSftExample([5, v], [7]), `prompt [5, ${JSON.stringify(bad)}]`).toThrow(TypeError);
      expect(() => buildSftExample([5], [v]), `response [${JSON.stringify(bad)}]`).toThrow(TypeError);
    }
    for (const bad of [-1, -100, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => buildSftExample([5, bad], [7]), `prompt [5, ${bad}]`).toThrow(RangeError);
      expect(() => buildSftExample([5], [bad]), `response [${bad}]`).toThrow(RangeError);
    }
  });

  test("an ignoreIndex that is not a negative integer throws: RangeError for 0, 5, -1.5, NaN; TypeError for '-100', null", () => {
    for (const bad of [0, 5, -1.5, Number.NaN]) {
      expect(() => buildSftExample([5], [7], bad), `ignoreIndex ${bad}`).toThrow(RangeError);
    }
    for (const bad of ['-100', null]) {
      expect(() => buildSftExample([5], [7], bad as unknown as number), `ignoreIndex ${JSON.stringify(bad)}`).toThrow(
        TypeError,
      );
    }
    expect(buildSftExample([5], [7], undefined), 'ignoreIndex undefined is the default −100').toEqual({
      inputIds: [5, 7],
      labels: [-100, 7],
    });
  });

  test.prop([badSftCall], { numRuns: 100 })(
    'one argument broken anywhere: the named error',
    ({ args, error, broken }) => {
      const call = buildSftExample as (...a: unknown[]) => unknown;
      expect(() => call(...args), broken).toThrow(error === 'TypeError' ? TypeError : RangeError);
    },
  );

  test('does not modify prompt or response', () => {
    const prompt = [5, 6];
    const response = [7, 8, 9];
    const out = buildSftExample(prompt, response);
    expect(out.labels).toEqual([-100, -100, 7, 8, 9]);
    out.inputIds[0] = 99;
    out.labels[4] = 99;
    expect(prompt, 'prompt after the call').toEqual([5, 6]);
    expect(response, 'response after the call (the result must not share its array)').toEqual([7, 8, 9]);
  });

  test.prop([sftPair, ignoreIndexArb], { numRuns: 100 })('matches the oracle on random pairs', (c, ignore) => {
    const got =
      ignore === undefined ? buildSftExample(c.prompt, c.response) : buildSftExample(c.prompt, c.response, ignore);
    expect(got, `buildSftExample([${c.prompt}], [${c.response}], ${ignore})`).toEqual(
      sftExampleOracle(c.prompt, c.response, ignore),
    );
  });
});

describe('packSequences: padding-free packing', () => {
  test('spec pack [11,12,13] + [21,22] + [31,32,33,34]: every field', () => {
    const pack = packSequences(copySeqs(SPEC_SEQS));
    expect(pack.inputIds, 'inputIds').toEqual([11, 12, 13, 21, 22, 31, 32, 33, 34]);
    expect(pack.labels, 'labels: first label of each sequence → −100').toEqual([
      -100, 12, 13, -100, 22, -100, -100, 33, 34,
    ]);
    expect(pack.positionIds, 'positionIds restart at 0 in every sequence').toEqual([0, 1, 2, 0, 1, 0, 1, 2, 3]);
    expect(pack.seqIds, 'seqIds').toEqual(SPEC_SEQIDS);
    expect(pack.cuSeqlens, 'cuSeqlens = [0, l₁, l₁+l₂, …]').toEqual(SPEC_CU);
  });

  test('a single sequence [7,8,9]: first label −100, positions 0..2, cuSeqlens [0, 3]', () => {
    expect(packSequences([{ inputIds: [7, 8, 9], labels: [7, 8, 9] }])).toEqual({
      inputIds: [7, 8, 9],
      labels: [-100, 8, 9],
      positionIds: [0, 1, 2],
      seqIds: [0, 0, 0],
      cuSeqlens: [0, 3],
    });
  });

  test('ignoreIndex −1 marks each first label; −100 labels inside a sequence stay as given', () => {
    const pack = packSequences(copySeqs(SPEC_SEQS), -1);
    expect(pack.labels).toEqual([-1, 12, 13, -1, 22, -1, -100, 33, 34]);
  });

  test('one-token sequences [4], [5], [6] learn nothing: labels all −100, positions all 0', () => {
    const pack = packSequences([
      { inputIds: [4], labels: [4] },
      { inputIds: [5], labels: [5] },
      { inputIds: [6], labels: [6] },
    ]);
    expect(pack.labels).toEqual([-100, -100, -100]);
    expect(pack.positionIds).toEqual([0, 0, 0]);
    expect(pack.seqIds).toEqual([0, 1, 2]);
    expect(pack.cuSeqlens).toEqual([0, 1, 2, 3]);
  });

  test('packing buildSftExample outputs: prompt [5,6] + [7,8,9] and prompt [1] + [2] → labels [−100,−100,7,8,9, −100,2]', () => {
    const pack = packSequences([buildSftExample([5, 6], [7, 8, 9]), buildSftExample([1], [2])]);
    expect(pack.labels).toEqual([-100, -100, 7, 8, 9, -100, 2]);
    expect(pack.cuSeqlens).toEqual([0, 5, 7]);
  });

  test('inputIds and labels of different lengths throw RangeError', () => {
    expect(() => packSequences([{ inputIds: [1, 2, 3], labels: [1, 2] }])).toThrow(RangeError);
    expect(() =>
      packSequences([
        { inputIds: [1], labels: [1] },
        { inputIds: [2], labels: [2, 3] },
      ]),
    ).toThrow(RangeError);
  });

  test('an empty sequence anywhere in the pack throws RangeError', () => {
    expect(() => packSequences([{ inputIds: [], labels: [] }])).toThrow(RangeError);
    expect(() =>
      packSequences([
        { inputIds: [1, 2], labels: [1, 2] },
        { inputIds: [], labels: [] },
        { inputIds: [3], labels: [3] },
      ]),
    ).toThrow(RangeError);
  });

  test('no sequences at all is an empty pack: packSequences([]) → cuSeqlens [0], every other field []', () => {
    expect(packSequences([])).toEqual({ inputIds: [], labels: [], positionIds: [], seqIds: [], cuSeqlens: [0] });
  });

  test('seqs that is not an array, or a sequence that is not an object or lacks inputIds or labels, throws TypeError', () => {
    for (const bad of [null, undefined, 5, { 0: { inputIds: [1], labels: [1] }, length: 1 }]) {
      expect(() => packSequences(bad as unknown as LabelledSequence[]), `seqs = ${JSON.stringify(bad)}`).toThrow(
        TypeError,
      );
    }
    for (const bad of [null, 5, { inputIds: [1, 2] }, { labels: [1, 2] }, { inputIds: null, labels: [1] }]) {
      const seqs = [{ inputIds: [9], labels: [9] }, bad] as unknown as LabelledSequence[];
      expect(() => packSequences(seqs), `seqs[1] = ${JSON.stringify(bad)}`).toThrow(TypeError);
    }
  });

  test("a bad token id or label throws: TypeError for '3' or null, RangeError for a negative id, 1.5 or NaN", () => {
    const withId = (id: unknown) => [{ inputIds: [1, id], labels: [1, 2] }] as unknown as LabelledSequence[];
    const withLabel = (label: unknown) => [{ inputIds: [1, 2], labels: [1, label] }] as unknown as LabelledSequence[];
    for (const bad of ['3', null, true]) {
      expect(() => packSequences(withId(bad)), `inputIds [1, ${JSON.stringify(bad)}]`).toThrow(TypeError);
      expect(() => packSequences(withLabel(bad)), `labels [1, ${JSON.stringify(bad)}]`).toThrow(TypeError);
    }
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => packSequences(withId(bad)), `inputIds [1, ${bad}]`).toThrow(RangeError);
    }
    for (const bad of [1.5, -0.5, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() => packSequences(withLabel(bad)), `labels [1, ${bad}]`).toThrow(RangeError);
    }
    expect(packSequences(withLabel(-7)).labels, 'a negative integer label (another ignored value) is kept').toEqual([
      -100, -7,
    ]);
  });

  test("an ignoreIndex that is not a negative integer throws: RangeError for 0 or 3, TypeError for '-100'", () => {
    for (const bad of [0, 3, -2.5]) {
      expect(() => packSequences(copySeqs(SPEC_SEQS), bad), `ignoreIndex ${bad}`).toThrow(RangeError);
    }
    expect(() => packSequences(copySeqs(SPEC_SEQS), '-100' as unknown as number), "ignoreIndex '-100'").toThrow(
      TypeError,
    );
  });

  test.prop([badPackCall], { numRuns: 100 })(
    'one rule broken anywhere in the pack: the named error',
    ({ args, error, broken }) => {
      const call = packSequences as (...a: unknown[]) => unknown;
      expect(() => call(...args), broken).toThrow(error === 'TypeError' ? TypeError : RangeError);
    },
  );

  test('does not modify the sequences (their first labels stay as given)', () => {
    const seqs = copySeqs(SPEC_SEQS);
    const pack = packSequences(seqs);
    expect(pack.labels[0]).toBe(-100);
    expect(seqs, 'seqs after packSequences').toEqual(SPEC_SEQS);
  });

  test.prop([packCase], { numRuns: 100 })(
    'matches the token-by-token oracle on random packs',
    ({ seqs, ignoreIndex }) => {
      const got =
        ignoreIndex === undefined ? packSequences(copySeqs(seqs)) : packSequences(copySeqs(seqs), ignoreIndex);
      expect(got, `packSequences(${JSON.stringify(seqs)}, ${ignoreIndex})`).toEqual(packOracle(seqs, ignoreIndex));
    },
  );

  test.prop([packCase], { numRuns: 100 })(
    'no label at a sequence start is learned, and every other label is kept',
    ({ seqs, ignoreIndex }) => {
      const ignore = ignoreIndex ?? -100;
      const pack = packSequences(copySeqs(seqs), ignore);
      const starts = new Set(pack.cuSeqlens.slice(0, -1));
      const given = seqs.flatMap((s) => s.labels);
      pack.labels.forEach((label, p) => {
        const message = `packSequences(${JSON.stringify(seqs)}, ${ignore}).labels[${p}]`;
        expect(label, message).toBe(starts.has(p) ? ignore : given[p]);
      });
    },
  );
});

describe('blockCausalMask: the dense [T, T] mask', () => {
  test('spec seqIds [0,0,0,1,1,2,2,2,2]: the 9 rows, 19 allowed pairs = Σ l(l+1)/2', () => {
    expect(maskRows(SPEC_SEQIDS)).toEqual(SPEC_ROWS);
    expect(allowedPairs([3, 2, 4])).toBe(19);
    const mask = keep(blockCausalMask(SPEC_SEQIDS));
    const ones = keep(mask.sum());
    expect(ones.dataSync()[0]).toBe(19);
  });

  test('one sequence [0,0,0,0] is the plain lower-triangular causal mask (row i sees j ≤ i)', () => {
    expect(maskRows([0, 0, 0, 0])).toEqual(['1000', '1100', '1110', '1111']);
  });

  test('every token its own sequence [0,1,2] → identity; T = 1 → [[1]]', () => {
    expect(maskRows([0, 1, 2])).toEqual(['100', '010', '001']);
    expect(maskRows([0])).toEqual(['1']);
  });

  test('ids are only compared for equality: [4,4,9,9,9] gives the same mask as [0,0,1,1,1]', () => {
    expect(maskRows([4, 4, 9, 9, 9])).toEqual(['10000', '11000', '00100', '00110', '00111']);
  });

  test('large ids stay distinct (no float32 comparison): [16777216, 16777217] and [2147483646, 2147483647, -2147483648] are separate sequences', () => {
    expect(maskRows([16777216, 16777217]), '2^24 and 2^24 + 1').toEqual(['10', '01']);
    expect(maskRows([2147483646, 2147483647, -2147483648]), 'the ends of int32').toEqual(['100', '010', '001']);
  });

  test('returns a float32 [T, T] tensor of 1s and 0s (1 = may attend) and leaks nothing', () => {
    const mask = keep(expectNoLeaks(() => blockCausalMask([0, 0, 1]), 'blockCausalMask([0,0,1])'));
    expect(mask.shape).toEqual([3, 3]);
    expect(mask.dtype, 'a 1/0 float32 mask, not bool and not additive 0/−∞').toBe('float32');
    expect(Array.from(mask.dataSync())).toEqual([1, 0, 0, 1, 1, 0, 0, 0, 1]);
  });

  test("seqIds that is not an array (an Int32Array neither), or an id that is not a number, throws TypeError: null, ['0', '0']", () => {
    for (const bad of [null, undefined, '001', [0, '0'], [0, null], Int32Array.from([0, 0, 1])]) {
      expect(() => blockCausalMask(bad as unknown as number[]), `blockCausalMask(${String(bad)})`).toThrow(TypeError);
    }
  });

  test('an id that is not an integer throws RangeError ([0, 0.5], [NaN, NaN]); no tokens ([]) throws RangeError', () => {
    for (const bad of [[0, 0.5], [Number.NaN, Number.NaN], [0, Number.POSITIVE_INFINITY], []]) {
      expect(() => blockCausalMask(bad), `blockCausalMask([${bad}])`).toThrow(RangeError);
    }
  });

  test.prop([seqLengths(7)], { numRuns: 60 })(
    'equals the oracle, with Σ l(l+1)/2 ones, for random packs',
    (lengths) => {
      const seqIds = seqIdsFromLengths(lengths);
      const mask = keep(expectNoLeaks(() => blockCausalMask(seqIds), `blockCausalMask([${seqIds}])`));
      expectTensorClose(
        mask,
        { shape: [seqIds.length, seqIds.length], data: maskOracleFlat(seqIds) },
        { atol: 0 },
        `blockCausalMask([${seqIds}])`,
      );
      const total = Array.from(mask.dataSync()).reduce((a, b) => a + b, 0);
      expect(total, `ones in the mask for lengths [${lengths}]`).toBe(allowedPairs(lengths));
    },
  );
});

describe('seqIdsFromCuSeqlens: boundaries back to ids', () => {
  test('[0,3,5,9] → [0,0,0,1,1,2,2,2,2]', () => {
    expect(seqIdsFromCuSeqlens([0, 3, 5, 9])).toEqual(SPEC_SEQIDS);
  });

  test('[0,1] → [0]; [0,1,2,3] → [0,1,2]; [0] (no sequence) → []', () => {
    expect(seqIdsFromCuSeqlens([0, 1])).toEqual([0]);
    expect(seqIdsFromCuSeqlens([0, 1, 2, 3])).toEqual([0, 1, 2]);
    expect(seqIdsFromCuSeqlens([0])).toEqual([]);
  });

  test('cuSeqlens not starting at 0 throws RangeError: [3,5,9], [1,2], []', () => {
    expect(() => seqIdsFromCuSeqlens([3, 5, 9]), '[3,5,9] (no leading 0)').toThrow(RangeError);
    expect(() => seqIdsFromCuSeqlens([1, 2]), '[1,2]').toThrow(RangeError);
    expect(() => seqIdsFromCuSeqlens([]), '[]').toThrow(RangeError);
  });

  test('cuSeqlens not strictly increasing throws RangeError: [0,3,3,5], [0,5,3], [0,2,4,1]', () => {
    expect(() => seqIdsFromCuSeqlens([0, 3, 3, 5]), '[0,3,3,5] (an empty sequence)').toThrow(RangeError);
    expect(() => seqIdsFromCuSeqlens([0, 5, 3]), '[0,5,3]').toThrow(RangeError);
    expect(() => seqIdsFromCuSeqlens([0, 2, 4, 1]), '[0,2,4,1]').toThrow(RangeError);
  });

  test("cuSeqlens that is not an array, or an entry that is not a number, throws TypeError: null, [0, '3']", () => {
    for (const bad of [null, undefined, '0,3', [0, '3'], [0, null, 5]]) {
      expect(() => seqIdsFromCuSeqlens(bad as unknown as number[]), `cuSeqlens ${JSON.stringify(bad)}`).toThrow(
        TypeError,
      );
    }
  });

  test('a fractional or non-finite entry throws RangeError: [0, 1.5, 3], [0, NaN], [0, Infinity]', () => {
    for (const bad of [
      [0, 1.5, 3],
      [0, Number.NaN],
      [0, Number.POSITIVE_INFINITY],
    ]) {
      expect(() => seqIdsFromCuSeqlens(bad), `cuSeqlens [${bad}]`).toThrow(RangeError);
    }
  });

  test.prop([badCuSeqlens], { numRuns: 100 })(
    'a broken cuSeqlens throws the named error',
    ({ cuSeqlens, error, broken }) => {
      expect(() => seqIdsFromCuSeqlens(cuSeqlens as number[]), broken).toThrow(
        error === 'TypeError' ? TypeError : RangeError,
      );
    },
  );

  test.prop([packCase], { numRuns: 100 })(
    'inverts packing: seqIdsFromCuSeqlens(pack.cuSeqlens) = pack.seqIds',
    ({ seqs }) => {
      const pack = packSequences(copySeqs(seqs));
      expect(seqIdsFromCuSeqlens([...pack.cuSeqlens]), `cuSeqlens [${pack.cuSeqlens}]`).toEqual(pack.seqIds);
      expect(pack.seqIds).toEqual(seqIdsOracle(pack.cuSeqlens));
    },
  );

  test.prop([seqLengths(8)], { numRuns: 60 })(
    'both masks agree: blockCausalMask(seqIdsFromCuSeqlens(cu)) = the oracle mask of the lengths',
    (lengths) => {
      const cu = cuSeqlensFromLengths(lengths);
      const ids = seqIdsFromCuSeqlens(cu);
      expect(ids, `seqIdsFromCuSeqlens([${cu}])`).toEqual(seqIdsOracle(cu));
      const mask = keep(blockCausalMask(ids));
      expect(mask.arraySync(), `blockCausalMask(seqIdsFromCuSeqlens([${cu}]))`).toEqual(
        maskOracle(seqIdsFromLengths(lengths)),
      );
    },
  );
});

describe('packedAttention: varlen causal attention, one head', () => {
  test('cuSeqlens [0,1,3]: token 1 starts a sequence and sees only itself; token 2 mixes v₁, v₂ with weights softmax(0, 1)', () => {
    // d = 4, so scores are divided by √4 = 2: q₂·k₁ = 0, q₂·k₂ = 2 → 1.
    const q = keep(
      tf.tensor2d([
        [1, 1, 1, 1],
        [3, 0, 0, 0],
        [2, 0, 0, 0],
      ]),
    );
    const k = keep(
      tf.tensor2d([
        [5, 5, 5, 5],
        [0, 0, 0, 0],
        [1, 0, 0, 0],
      ]),
    );
    const v = keep(tf.tensor2d([[1], [2], [4]]));
    const out = keep(expectNoLeaks(() => packedAttention(q, k, v, [0, 1, 3]), 'packedAttention(…, [0,1,3])'));
    const third = (2 + 4 * Math.E) / (1 + Math.E);
    expectTensorClose(
      out,
      { shape: [3, 1], data: Float64Array.from([1, 2, third]) },
      { atol: 1e-5 },
      'packedAttention',
    );
  });

  test('the spec pack (lengths 3, 2, 4), d = 8, dv = 8: matches the float64 oracle', () => {
    checkAttention([3, 2, 4], 8, 8, 1);
  });

  test('one sequence of 6 tokens is ordinary causal attention; d = 4, dv = 3 (output [T, dv])', () => {
    checkAttention([6], 4, 3, 2);
  });

  test('all one-token sequences: every token attends to itself only, so the output is v', () => {
    const x = seededQkv(5, 3, 2, 3);
    const out = runAttention(x, 5, 3, 2, [0, 1, 2, 3, 4, 5], 'packedAttention(cuSeqlens [0,1,2,3,4,5])');
    expectTensorClose(out, { shape: [5, 2], data: x.v }, { atol: 1e-6 }, 'packedAttention with all lengths 1');
  });

  test('large scores (q, k in [−6, 6], d = 2) stay finite: softmax is computed stably', () => {
    const lengths = [4, 5];
    const x = seededQkv(9, 2, 2, 4, 6);
    const out = runAttention(x, 9, 2, 2, cuSeqlensFromLengths(lengths), 'packedAttention (large scores)');
    const expected = packedAttentionOracle(x.q, x.k, x.v, seqIdsFromLengths(lengths), 2, 2);
    expectTensorClose(out, { shape: [9, 2], data: expected }, TOL, 'packedAttention (large scores)');
  });

  test('a pack equals its sequences run one by one (cuSeqlens [0, l]) and concatenated', () => {
    const lengths = [2, 5, 3];
    const x = seededQkv(10, 4, 4, 5);
    const packed = runAttention(x, 10, 4, 4, cuSeqlensFromLengths(lengths), 'packedAttention (pack)').dataSync();
    let start = 0;
    for (const l of lengths) {
      const part = {
        q: x.q.slice(start * 4, (start + l) * 4),
        k: x.k.slice(start * 4, (start + l) * 4),
        v: x.v.slice(start * 4, (start + l) * 4),
      };
      const alone = runAttention(part, l, 4, 4, [0, l], `packedAttention (sequence at ${start} alone)`);
      expectTensorClose(
        alone,
        { shape: [l, 4], data: Float64Array.from(packed.slice(start * 4, (start + l) * 4)) },
        { atol: 1e-5 },
        `rows ${start}..${start + l - 1} of the pack vs the sequence alone`,
      );
      start += l;
    }
  });

  test('bad cuSeqlens throw RangeError: [3, 6] (no leading 0), [0, 3, 3, 6], [0, 4, 2, 6]', () => {
    const x = keep(tf.zeros([6, 4])) as tf.Tensor2D;
    expect(() => packedAttention(x, x, x, [3, 6]), '[3,6]').toThrow(RangeError);
    expect(() => packedAttention(x, x, x, [0, 3, 3, 6]), '[0,3,3,6]').toThrow(RangeError);
    expect(() => packedAttention(x, x, x, [0, 4, 2, 6]), '[0,4,2,6]').toThrow(RangeError);
  });

  test('cuSeqlens that does not end at T throws RangeError: [0, 3] or [0, 3, 7] for T = 6', () => {
    const x = keep(tf.zeros([6, 4])) as tf.Tensor2D;
    expect(() => packedAttention(x, x, x, [0, 3]), '[0,3] (stops short of T)').toThrow(RangeError);
    expect(() => packedAttention(x, x, x, [0, 3, 7]), '[0,3,7] (past T)').toThrow(RangeError);
    expect(() => packedAttention(x, x, x, [0]), '[0] (no sequence, T = 6)').toThrow(RangeError);
  });

  test('q, k or v that is not a float32 tf.Tensor throws TypeError: a nested array, an int32 tensor', () => {
    const x = keep(tf.zeros([3, 2])) as tf.Tensor2D;
    const ints = keep(tf.zeros([3, 2], 'int32')) as tf.Tensor2D;
    const plain = [
      [0, 0],
      [0, 0],
      [0, 0],
    ] as unknown as tf.Tensor2D;
    for (const [what, args] of [
      ['q plain', [plain, x, x]],
      ['k plain', [x, plain, x]],
      ['v plain', [x, x, plain]],
      ['q int32', [ints, x, x]],
      ['v int32', [x, x, ints]],
    ] as const) {
      expect(() => packedAttention(args[0], args[1], args[2], [0, 3]), what).toThrow(TypeError);
    }
  });

  test('shapes that do not fit throw RangeError: q, k or v not 2-D, k not [T, d], v not T rows', () => {
    const q = keep(tf.zeros([4, 2])) as tf.Tensor2D;
    const cases: [string, tf.Tensor, tf.Tensor, tf.Tensor][] = [
      ['q rank 1', keep(tf.zeros([8])), q, q],
      ['q rank 3', keep(tf.zeros([1, 4, 2])), q, q],
      ['k [4, 3]', q, keep(tf.zeros([4, 3])), q],
      ['k [5, 2]', q, keep(tf.zeros([5, 2])), q],
      ['v [3, 2]', q, q, keep(tf.zeros([3, 2]))],
      ['k of rank 3, [4, 2, 1]', q, keep(tf.zeros([4, 2, 1])), q],
      ['v of rank 3, [4, 2, 1]', q, q, keep(tf.zeros([4, 2, 1]))],
    ];
    for (const [what, a, b, c] of cases) {
      expect(() => packedAttention(a as tf.Tensor2D, b as tf.Tensor2D, c as tf.Tensor2D, [0, 4]), what).toThrow(
        RangeError,
      );
    }
  });

  test.prop([attentionCase], { numRuns: 50 })('matches the float64 oracle for random packs, d and dv', (c) => {
    checkAttention(c.lengths, c.d, c.dv, c.seed);
  });
});

/** Lengths cycling through 16..46 that sum to exactly `t` (the last one absorbs the rest: 16..61). */
function shortLengths(t: number): number[] {
  const lengths: number[] = [];
  let total = 0;
  for (let i = 0; total < t; i++) {
    let l = 16 + ((i * 7) % 31);
    if (t - total - l < 16) l = t - total;
    lengths.push(l);
    total += l;
  }
  return lengths;
}

/** Runs packedAttention under tf.profile: no kernel may read or write T² elements, and the result must be right. */
async function expectNoTSquaredTensor(lengths: readonly number[], d: number, dv: number, seed: number): Promise<void> {
  const t = lengths.reduce((a, b) => a + b, 0);
  const cu = cuSeqlensFromLengths(lengths);
  const x = seededQkv(t, d, dv, seed);
  const q = keep(tf.tensor2d(Float32Array.from(x.q), [t, d]));
  const k = keep(tf.tensor2d(Float32Array.from(x.k), [t, d]));
  const v = keep(tf.tensor2d(Float32Array.from(x.v), [t, dv]));
  const profile = await tf.profile(() => packedAttention(q, k, v, cu));
  const out = keep(profile.result as tf.Tensor);
  let worst = { size: 0, kernel: '(none)', shape: [] as number[] };
  for (const kernel of profile.kernels) {
    for (const shape of [...kernel.outputShapes, ...kernel.inputShapes]) {
      const size = (shape ?? []).reduce((a, b) => a * b, 1);
      if (size > worst.size) worst = { size, kernel: kernel.name, shape: shape ?? [] };
    }
  }
  expect(
    worst.size,
    `kernel ${worst.kernel} touched a tensor of shape [${worst.shape}] (${worst.size} elements ≥ T² = ${t * t}): ` +
      'run each sequence on its own slice instead of masking a [T, T] score matrix or padding every sequence to the longest',
  ).toBeLessThan(t * t);
  const expected = packedAttentionOracle(x.q, x.k, x.v, seqIdsFromLengths(lengths), d, dv);
  expectTensorClose(
    out,
    { shape: [t, dv], data: expected },
    TOL,
    `packedAttention(T = ${t}, ${lengths.length} sequences)`,
  );
}

describe('packedAttention: memory, checked with tf.profile (no [T, T] tensor)', () => {
  test('T = 2048, ~67 sequences of 16..61 tokens, d = 16, dv = 8: no kernel input or output has T² elements', async () => {
    await expectNoTSquaredTensor(shortLengths(2048), 16, 8, 6);
  });

  test('T = 64, one sequence of 32 tokens and 32 of one token, d = dv = 4: no T² tensor (padding all 33 to 32 tokens builds 33·32² > 64²)', async () => {
    await expectNoTSquaredTensor([32, ...new Array<number>(32).fill(1)], 4, 4, 7);
  });
});

describe('maskBytes: what each mask representation costs', () => {
  test('T = 8192, 2d fp32 mask: 268,435,456 B = 256 MiB (× 32 heads = 8 GiB)', () => {
    expect(maskBytes(8192, '2d', 4)).toBe(268_435_456);
    expect(32 * maskBytes(8192, '2d', 4)).toBe(8 * 2 ** 30);
  });

  test('T = 8192, 2d bool mask (1 byte): 64 MiB', () => {
    expect(maskBytes(8192, '2d', 1)).toBe(64 * 2 ** 20);
  });

  test('T = 8192, int32 seqIds: 32,768 B; int32 cuSeqlens of 4 sequences: 20 B', () => {
    expect(maskBytes(8192, 'seqIds', 4)).toBe(32_768);
    expect(maskBytes(8192, 'cuSeqlens', 4, 4)).toBe(20);
  });

  test("a misspelled kind throws RangeError: '2D', 'seqids', 'cu_seqlens', ''", () => {
    for (const kind of ['2D', 'seqids', 'cu_seqlens', '', 'dense', null]) {
      expect(() => maskBytes(8192, kind as '2d', 4, 4), `kind ${JSON.stringify(kind)}`).toThrow(RangeError);
    }
  });

  test('T or bytesPerElement not an integer >= 1 throws RangeError (0, -1, 1.5, NaN); not a number TypeError', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => maskBytes(bad, '2d', 4), `T = ${bad}`).toThrow(RangeError);
      expect(() => maskBytes(8192, 'seqIds', bad), `bytesPerElement = ${bad}`).toThrow(RangeError);
    }
    for (const bad of ['8192', null]) {
      expect(() => maskBytes(bad as unknown as number, '2d', 4), `T = ${JSON.stringify(bad)}`).toThrow(TypeError);
      expect(() => maskBytes(8192, '2d', bad as unknown as number), `bytes = ${JSON.stringify(bad)}`).toThrow(
        TypeError,
      );
    }
  });

  test("'cuSeqlens' needs numSeqs: missing → TypeError; 0, -1, 1.5 or NaN → RangeError", () => {
    expect(() => maskBytes(8192, 'cuSeqlens', 4), 'numSeqs missing').toThrow(TypeError);
    expect(() => maskBytes(8192, 'cuSeqlens', 4, '4' as unknown as number), "numSeqs '4'").toThrow(TypeError);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => maskBytes(8192, 'cuSeqlens', 4, bad), `numSeqs = ${bad}`).toThrow(RangeError);
    }
  });

  test("numSeqs is ignored for '2d' and 'seqIds'", () => {
    expect(maskBytes(16, '2d', 1, 3), "maskBytes(16, '2d', 1, 3)").toBe(256);
    expect(maskBytes(16, 'seqIds', 4, 3), "maskBytes(16, 'seqIds', 4, 3)").toBe(64);
  });

  test.prop([fc.integer({ min: 1, max: 1 << 17 }), fc.constantFrom(1, 2, 4, 8), fc.integer({ min: 1, max: 1000 })], {
    numRuns: 100,
  })('2d = T²·b, seqIds = T·b, cuSeqlens = (numSeqs + 1)·b', (t, b, n) => {
    expect(maskBytes(t, '2d', b), `maskBytes(${t}, '2d', ${b})`).toBe(t * t * b);
    expect(maskBytes(t, 'seqIds', b), `maskBytes(${t}, 'seqIds', ${b})`).toBe(t * b);
    expect(maskBytes(t, 'cuSeqlens', b, n), `maskBytes(${t}, 'cuSeqlens', ${b}, ${n})`).toBe((n + 1) * b);
  });
});

/** The prompt's budget for the bookkeeping: at most 16·T + 32·n + 64 steps (built-ins cost what they touch). */
const bookkeeping = (t: number, n: number) => ({
  steps: 16 * t + 32 * n + 64,
  rule: `16·T + 32·n + 64 for T = ${t}, n = ${n}`,
});

describe('work, counted (packSequences, seqIdsFromCuSeqlens: 16·T + 32·n + 64 steps; packedAttention: 8·T + 64 steps of JavaScript)', () => {
  const lengths = shortLengths(2048);
  const cu = cuSeqlensFromLengths(lengths);

  test('packSequences of 2048 tokens in 67 sequences: one pass, not a copy of the pack per sequence', () => {
    const seqs = lengths.map((l, s) => ({
      inputIds: Array.from({ length: l }, (_, p) => (s * 31 + p) % 1000),
      labels: Array.from({ length: l }, (_, p) => (p < 3 ? -100 : (s * 31 + p) % 1000)),
    }));
    const expected = packOracle(seqs);
    const pack = expectWithinBudget(() => counted.packSequences(seqs), bookkeeping(2048, seqs.length));
    expect(pack, 'packSequences (counted)').toEqual(expected);
  });

  test('seqIdsFromCuSeqlens for 2048 tokens in 67 sequences: O(T), not a scan of cuSeqlens per token', () => {
    const ids = expectWithinBudget(() => counted.seqIdsFromCuSeqlens(cu), bookkeeping(2048, lengths.length));
    expect(ids, 'seqIdsFromCuSeqlens (counted)').toEqual(seqIdsFromLengths(lengths));
  });

  test('packedAttention, T = 512 in sequences of 16..61: the arithmetic is in tfjs ops, no JavaScript loop over pairs of tokens', () => {
    const [t, d, dv] = [512, 8, 4];
    const short = shortLengths(t);
    const cuShort = cuSeqlensFromLengths(short);
    const x = seededQkv(t, d, dv, 9);
    const q = keep(tf.tensor2d(Float32Array.from(x.q), [t, d]));
    const k = keep(tf.tensor2d(Float32Array.from(x.k), [t, d]));
    const v = keep(tf.tensor2d(Float32Array.from(x.v), [t, dv]));
    const out = keep(
      expectWithinBudget(
        () => counted.packedAttention(q, k, v, cuShort),
        { steps: 8 * t + 64, rule: `8·T + 64 for T = ${t}` },
        { builtins: false },
      ),
    );
    const expected = packedAttentionOracle(x.q, x.k, x.v, seqIdsFromLengths(short), d, dv);
    expectTensorClose(out, { shape: [t, dv], data: expected }, TOL, 'packedAttention (counted)');
  });
});
