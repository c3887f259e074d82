import { describe, expect } from 'vitest';
import { activationBytesPerLayer, commElementsPerStep, modelStateBytes } from '@impl/training-memory';
import {
  activationCase,
  badActivationCall,
  badCommCall,
  badGpus,
  badModelStateCall,
  commCase,
  modelStateCase,
  stage1Case,
  stages,
} from './inputs.ts';
import { fc, test } from '../../src/harness/prop.ts';
import { oracleActivation, oracleComm, oracleModelState } from './oracle.ts';

type Stage = 0 | 1 | 2 | 3;
const STAGES: readonly Stage[] = [0, 1, 2, 3];
const GiB = 2 ** 30;

interface Parts {
  weights: number;
  grads: number;
  optimizer: number;
  total: number;
}

type ActivationInput = Parameters<typeof activationBytesPerLayer>[0];

const call = (params: number, opts?: { stage?: Stage; gpus?: number; k?: number }) =>
  `modelStateBytes(${params}${opts === undefined ? '' : `, ${JSON.stringify(opts)}`})`;

/** The four numbers, exactly (toEqual compares with Object.is, so no float drift passes). */
function expectParts(params: number, opts: { stage?: Stage; gpus?: number; k?: number } | undefined, want: Parts) {
  const got = opts === undefined ? modelStateBytes(params) : modelStateBytes(params, opts);
  const { weights, grads, optimizer, total } = got;
  expect({ weights, grads, optimizer, total }, call(params, opts)).toEqual(want);
}

describe('training-memory: the ZeRO paper (Figure 1) and the spec vectors', () => {
  test('Ψ = 7.5e9, N = 64, K = 12: 120e9, 31.40625e9, 16.640625e9, 1.875e9 bytes per GPU for stages 0–3', () => {
    const psi = 7.5e9;
    const want: Record<Stage, Parts> = {
      0: { weights: 15e9, grads: 15e9, optimizer: 90e9, total: 120e9 },
      1: { weights: 15e9, grads: 15e9, optimizer: 1.40625e9, total: 31.40625e9 },
      2: { weights: 15e9, grads: 0.234375e9, optimizer: 1.40625e9, total: 16.640625e9 },
      3: { weights: 0.234375e9, grads: 0.234375e9, optimizer: 1.40625e9, total: 1.875e9 },
    };
    for (const stage of STAGES) {
      expect(oracleModelState(psi, stage, 64, 12), `oracle, stage ${stage}`).toEqual(want[stage]);
      expectParts(psi, { stage, gpus: 64, k: 12 }, want[stage]);
    }
    // The paper's figure, in its GB (1e9 bytes): 120, 31.4, 16.6, 1.9.
    const gb = STAGES.map((stage) => (modelStateBytes(psi, { stage, gpus: 64 }).total / 1e9).toFixed(1));
    expect(gb, 'the paper’s GB (1e9 B) for stages 0–3').toEqual(['120.0', '31.4', '16.6', '1.9']);
    expect((modelStateBytes(psi).total / GiB).toFixed(2), '120 GB in GiB').toBe('111.76');
  });

  test('Ψ = 7e9, N = 8: 112, 38.5, 26.25, 14 GB = 104.3081, 35.8559, 24.4472, 13.0385 GiB', () => {
    const totals = [112e9, 38.5e9, 26.25e9, 14e9];
    const gib = ['104.3081', '35.8559', '24.4472', '13.0385'];
    for (const stage of STAGES) {
      expect(oracleModelState(7e9, stage, 8, 12).total, `oracle, stage ${stage}`).toBe(totals[stage]);
      const total = modelStateBytes(7e9, { stage, gpus: 8 }).total;
      expect(total, call(7e9, { stage, gpus: 8 })).toBe(totals[stage]);
      expect((total / GiB).toFixed(4), `${call(7e9, { stage, gpus: 8 })} in GiB`).toBe(gib[stage]);
    }
  });

  test('GPT-2 with Ψ = 1.5e9 needs 24 GB of model states (defaults: K = 12, no partitioning)', () => {
    const want = { weights: 3e9, grads: 3e9, optimizer: 18e9, total: 24e9 };
    expect(oracleModelState(1.5e9, 0, 1, 12), 'oracle').toEqual(want);
    expectParts(1.5e9, undefined, want);
  });

  test('activations, s = 2048, b = 1, h = 4096, a = 32: 956,301,312 B/layer (30.60 GB for 32 layers), selective 285,212,672, full 16,777,216', () => {
    const c = { seqLen: 2048, batch: 1, hidden: 4096, heads: 32 };
    const want = { none: 956_301_312, selective: 285_212_672, full: 16_777_216 } as const;
    for (const recompute of ['none', 'selective', 'full'] as const) {
      expect(oracleActivation(2048, 1, 4096, 32, recompute), `oracle, ${recompute}`).toBe(want[recompute]);
      expect(activationBytesPerLayer({ ...c, recompute }), `recompute '${recompute}'`).toBe(want[recompute]);
    }
    expect(((32 * activationBytesPerLayer(c)) / 1e9).toFixed(2), '32 layers, GB').toBe('30.60');
  });

  test('communication per step: 2Ψ for DP, ZeRO-1 and ZeRO-2, 3Ψ for ZeRO-3 (Ψ = 7.5e9)', () => {
    const want = [15e9, 15e9, 15e9, 22.5e9];
    for (const stage of STAGES) {
      expect(oracleComm(7.5e9, stage), `oracle, stage ${stage}`).toBe(want[stage]);
      expect(commElementsPerStep(7.5e9, stage), `commElementsPerStep(7.5e9, ${stage})`).toBe(want[stage]);
    }
  });
});

describe('training-memory: what each stage partitions, defaults and edge cases', () => {
  test('stage 1 shards only the optimizer, stage 2 adds the grads, stage 3 adds the weights (Ψ = 1e9, N = 4)', () => {
    expectParts(1e9, { stage: 1, gpus: 4 }, { weights: 2e9, grads: 2e9, optimizer: 3e9, total: 7e9 });
    expectParts(1e9, { stage: 2, gpus: 4 }, { weights: 2e9, grads: 0.5e9, optimizer: 3e9, total: 5.5e9 });
    expectParts(1e9, { stage: 3, gpus: 4 }, { weights: 0.5e9, grads: 0.5e9, optimizer: 3e9, total: 4e9 });
  });

  test('stage 0 (plain data parallelism) replicates everything: N = 64 still needs 16Ψ on every GPU', () => {
    expectParts(1e9, { stage: 0, gpus: 64 }, { weights: 2e9, grads: 2e9, optimizer: 12e9, total: 16e9 });
  });

  test('defaults: stage 0, one GPU, K = 12 (modelStateBytes(Ψ), {gpus: 64}, {stage: 3}, {stage: 1, gpus: 8})', () => {
    expectParts(2e9, undefined, { weights: 4e9, grads: 4e9, optimizer: 24e9, total: 32e9 });
    expectParts(2e9, {}, { weights: 4e9, grads: 4e9, optimizer: 24e9, total: 32e9 });
    expectParts(2e9, { gpus: 64 }, { weights: 4e9, grads: 4e9, optimizer: 24e9, total: 32e9 });
    expectParts(2e9, { stage: 3 }, { weights: 4e9, grads: 4e9, optimizer: 24e9, total: 32e9 });
    expectParts(2e9, { stage: 1, gpus: 8 }, { weights: 4e9, grads: 4e9, optimizer: 3e9, total: 11e9 });
  });

  test('K is the optimizer’s bytes per parameter: K = 0 leaves 4Ψ, K = 4 (SGD with fp32 master) 8Ψ', () => {
    expectParts(1e9, { k: 0 }, { weights: 2e9, grads: 2e9, optimizer: 0, total: 4e9 });
    expectParts(1e9, { k: 4, stage: 1, gpus: 2 }, { weights: 2e9, grads: 2e9, optimizer: 2e9, total: 6e9 });
    expectParts(1e9, { k: 2.5 }, { weights: 2e9, grads: 2e9, optimizer: 2.5e9, total: 6.5e9 });
  });

  test('an option given as undefined takes its default ({ stage: undefined, gpus: undefined, k: undefined })', () => {
    expectParts(
      2e9,
      { stage: undefined, gpus: undefined, k: undefined },
      {
        weights: 4e9,
        grads: 4e9,
        optimizer: 24e9,
        total: 32e9,
      },
    );
    const c = { seqLen: 4, batch: 2, hidden: 8, heads: 2, recompute: undefined };
    expect(activationBytesPerLayer(c), 'recompute: undefined').toBe(34 * 4 * 2 * 8 + 5 * 2 * 4 * 4 * 2);
  });

  test('hidden need not be a multiple of heads: s = 3, b = 1, h = 100, a = 3 → 34·300 + 5·3·9 = 10335', () => {
    expect(oracleActivation(3, 1, 100, 3, 'none'), 'oracle').toBe(10_335);
    expect(activationBytesPerLayer({ seqLen: 3, batch: 1, hidden: 100, heads: 3 }), 'h = 100, a = 3').toBe(10_335);
  });

  test('one GPU: every stage needs 16Ψ (Ψ = 3, N = 1)', () => {
    for (const stage of STAGES) {
      expectParts(3, { stage, gpus: 1 }, { weights: 6, grads: 6, optimizer: 36, total: 48 });
    }
  });

  test('bytes are divided exactly, not rounded to whole bytes: Ψ = 1000, N = 64, stage 3 → 31.25 + 31.25 + 187.5', () => {
    expectParts(1000, { stage: 3, gpus: 64 }, { weights: 31.25, grads: 31.25, optimizer: 187.5, total: 250 });
  });

  test('recompute defaults to none; frozen arguments are read, not modified', () => {
    const c = Object.freeze({ seqLen: 4, batch: 2, hidden: 8, heads: 2 });
    expect(activationBytesPerLayer(c), 'recompute omitted').toBe(34 * 4 * 2 * 8 + 5 * 2 * 4 * 4 * 2);
    const opts = Object.freeze({ stage: 2 as const, gpus: 2 });
    expect(modelStateBytes(10, opts).total, 'frozen opts').toBe(20 + 10 + 60);
  });

  test('params ≤ 0 throws RangeError (modelStateBytes and commElementsPerStep): 0, -1, -7.5e9, -Infinity', () => {
    for (const params of [0, -0, -1, -7.5e9, Number.NEGATIVE_INFINITY]) {
      expect(() => modelStateBytes(params, { stage: 3, gpus: 8 }), call(params)).toThrow(RangeError);
      expect(() => commElementsPerStep(params, 0), `commElementsPerStep(${params}, 0)`).toThrow(RangeError);
    }
  });

  test('params that is not a whole number throws RangeError: 1.5, 7.5e9 + 0.5, NaN, Infinity', () => {
    for (const params of [1.5, 7.5e9 + 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => modelStateBytes(params), call(params)).toThrow(RangeError);
      expect(() => modelStateBytes(params, { stage: 2, gpus: 4 }), call(params, { stage: 2, gpus: 4 })).toThrow(
        RangeError,
      );
      expect(() => commElementsPerStep(params, 3), `commElementsPerStep(${params}, 3)`).toThrow(RangeError);
    }
  });

  test("params that is not a number throws TypeError: '7.5e9', null, undefined, 10n", () => {
    for (const params of ['7.5e9', null, undefined, 10n, [1e9]]) {
      const p = params as unknown as number;
      expect(() => modelStateBytes(p), `modelStateBytes(${String(params)})`).toThrow(TypeError);
      expect(() => commElementsPerStep(p, 1), `commElementsPerStep(${String(params)}, 1)`).toThrow(TypeError);
    }
  });

  test('gpus that is not a positive integer throws RangeError: 0, -8, 1.5, NaN, Infinity', () => {
    for (const gpus of [0, -8, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => modelStateBytes(1e9, { stage: 3, gpus }), call(1e9, { stage: 3, gpus })).toThrow(RangeError);
      expect(() => modelStateBytes(1e9, { stage: 1, gpus }), call(1e9, { stage: 1, gpus })).toThrow(RangeError);
      expect(() => modelStateBytes(1e9, { stage: 0, gpus }), call(1e9, { stage: 0, gpus })).toThrow(RangeError);
    }
  });

  test("gpus or k that is not a number throws TypeError: '8', null, true", () => {
    for (const bad of ['8', null, true]) {
      const v = bad as unknown as number;
      expect(() => modelStateBytes(1e9, { stage: 3, gpus: v }), `gpus = ${JSON.stringify(bad)}`).toThrow(TypeError);
      expect(() => modelStateBytes(1e9, { stage: 0, gpus: v }), `gpus = ${JSON.stringify(bad)}, stage 0`).toThrow(
        TypeError,
      );
      expect(() => modelStateBytes(1e9, { k: v }), `k = ${JSON.stringify(bad)}`).toThrow(TypeError);
    }
  });

  test("an unknown stage throws RangeError: 4, -1, 1.5, 5, '1', null (and a missing stage in commElementsPerStep)", () => {
    for (const stage of [4, -1, 1.5, 5, '1', null, Number.NaN] as unknown as Stage[]) {
      expect(() => modelStateBytes(1e9, { stage, gpus: 8 }), `stage ${String(stage)}`).toThrow(RangeError);
      expect(() => commElementsPerStep(1e9, stage), `commElementsPerStep(1e9, ${String(stage)})`).toThrow(RangeError);
    }
    expect(() => (commElementsPerStep as (p: number) => number)(1e9), 'commElementsPerStep(1e9)').toThrow(RangeError);
  });

  test('k negative or not finite throws RangeError: -1, -0.5, NaN, Infinity', () => {
    for (const k of [-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => modelStateBytes(1e9, { k }), call(1e9, { k })).toThrow(RangeError);
      expect(() => modelStateBytes(1e9, { stage: 3, gpus: 4, k }), call(1e9, { stage: 3, gpus: 4, k })).toThrow(
        RangeError,
      );
    }
  });

  test("opts that is not an object throws TypeError: null, 3, 'stage 3', [3, 8]", () => {
    for (const opts of [null, 3, 'stage 3', [3, 8]]) {
      expect(
        () => modelStateBytes(1e9, opts as unknown as { stage: Stage }),
        `modelStateBytes(1e9, ${JSON.stringify(opts)})`,
      ).toThrow(TypeError);
    }
  });

  test('an unknown option throws TypeError, never a silent default: { gpu: 8 }, { stages: 3 }, { K: 12 }', () => {
    for (const opts of [{ gpu: 8 }, { stage: 3, stages: 3 }, { K: 12 }, { stage: 1, gpus: 8, zero: 1 }]) {
      expect(
        () => modelStateBytes(1e9, opts as unknown as { stage: Stage }),
        `modelStateBytes(1e9, ${JSON.stringify(opts)})`,
      ).toThrow(TypeError);
    }
  });

  test("activationBytesPerLayer: a misspelled recompute throws RangeError: 'fulll', 'Full', 'selective ', '', null", () => {
    for (const recompute of ['fulll', 'Full', 'selective ', '', 'partial', null, true]) {
      const c = { seqLen: 2048, batch: 1, hidden: 4096, heads: 32, recompute };
      expect(
        () => activationBytesPerLayer(c as unknown as ActivationInput),
        `recompute ${JSON.stringify(recompute)}`,
      ).toThrow(RangeError);
    }
  });

  test('activationBytesPerLayer: seqLen, batch, hidden or heads not a positive integer throws RangeError: -1, 0, 1.5, NaN, Infinity', () => {
    for (const field of ['seqLen', 'batch', 'hidden', 'heads'] as const) {
      for (const value of [-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        const c = { seqLen: 2048, batch: 1, hidden: 4096, heads: 32, [field]: value };
        expect(() => activationBytesPerLayer(c), `${field} = ${value}`).toThrow(RangeError);
      }
    }
  });

  test("activationBytesPerLayer: a missing or non-number field throws TypeError (no NaN): heads missing, seqLen '2048'", () => {
    for (const field of ['seqLen', 'batch', 'hidden', 'heads'] as const) {
      const { [field]: _dropped, ...missing } = { seqLen: 2048, batch: 1, hidden: 4096, heads: 32 };
      expect(() => activationBytesPerLayer(missing as unknown as ActivationInput), `${field} missing`).toThrow(
        TypeError,
      );
      for (const value of ['2048', null, true]) {
        const c = { seqLen: 2048, batch: 1, hidden: 4096, heads: 32, [field]: value };
        expect(
          () => activationBytesPerLayer(c as unknown as ActivationInput),
          `${field} = ${JSON.stringify(value)}`,
        ).toThrow(TypeError);
      }
    }
  });

  test("activationBytesPerLayer: a config that is not an object, or has an unknown key, throws TypeError: null, { recomputed: 'full' }", () => {
    for (const c of [null, undefined, 2048, 'full', [2048, 1, 4096, 32]]) {
      expect(() => activationBytesPerLayer(c as unknown as ActivationInput), `c = ${JSON.stringify(c)}`).toThrow(
        TypeError,
      );
    }
    for (const extra of [{ recomputed: 'full' }, { seq_len: 2048 }, { layers: 32 }]) {
      const c = { seqLen: 2048, batch: 1, hidden: 4096, heads: 32, ...extra };
      expect(() => activationBytesPerLayer(c as unknown as ActivationInput), JSON.stringify(extra)).toThrow(TypeError);
    }
  });
});

describe('training-memory: scale (huge counts stay exact: multiply before dividing)', () => {
  test('one trillion parameters on 1024 GPUs with ZeRO-3: 15.625e9 bytes per GPU (16e12 without ZeRO)', () => {
    expect(oracleModelState(1e12, 3, 1024, 12).total, 'oracle').toBe(15.625e9);
    expectParts(
      1e12,
      { stage: 3, gpus: 1024 },
      { weights: 1.953125e9, grads: 1.953125e9, optimizer: 11.71875e9, total: 15.625e9 },
    );
    expectParts(1e12, { stage: 0, gpus: 1024 }, { weights: 2e12, grads: 2e12, optimizer: 12e12, total: 16e12 });
  });

  test('Ψ = 175e9, N = 77, K = 11, stage 1: optimizer exactly 25e9 (11·(Ψ/77) drifts to 24999999999.999996)', () => {
    const want = { weights: 350e9, grads: 350e9, optimizer: 25e9, total: 725e9 };
    expect(oracleModelState(175e9, 1, 77, 11), 'oracle').toEqual(want);
    expectParts(175e9, { stage: 1, gpus: 77, k: 11 }, want);
  });

  test('Ψ = 1e12, N = 55, K = 11, stage 2: optimizer exactly 2e11; N = 110: 1e11', () => {
    expect(
      modelStateBytes(1e12, { stage: 2, gpus: 55, k: 11 }).optimizer,
      call(1e12, { stage: 2, gpus: 55, k: 11 }),
    ).toBe(2e11);
    expect(
      modelStateBytes(1e12, { stage: 3, gpus: 110, k: 11 }).optimizer,
      call(1e12, { stage: 3, gpus: 110, k: 11 }),
    ).toBe(1e11);
  });

  test('GPT-3 175B layer (s = 2048, b = 1, h = 12288, a = 96) and s = 777, h = 1000, a = 10 are exact integers', () => {
    const gpt3 = { seqLen: 2048, batch: 1, hidden: 12288, heads: 96 };
    expect(activationBytesPerLayer(gpt3), 'GPT-3 layer').toBe(oracleActivation(2048, 1, 12288, 96, 'none'));
    // sbh·(34 + 5as/h) computed in that order gives 56604449.99999999.
    expect(oracleActivation(777, 1, 1000, 10, 'none'), 'oracle').toBe(56_604_450);
    expect(
      activationBytesPerLayer({ seqLen: 777, batch: 1, hidden: 1000, heads: 10 }),
      's = 777, h = 1000, a = 10',
    ).toBe(56_604_450);
  });

  test('ZeRO-3 communication for a trillion parameters: 3e12 elements (2e12 for stages 0–2)', () => {
    expect(commElementsPerStep(1e12, 3), 'stage 3').toBe(3e12);
    expect(commElementsPerStep(1e12, 2), 'stage 2').toBe(2e12);
  });
});

describe('training-memory: properties (against an exact BigInt oracle)', () => {
  test.prop([modelStateCase])(
    'modelStateBytes equals the exact oracle (whole bytes, params a multiple of gpus)',
    (c) => {
      expectParts(c.params, { stage: c.stage, gpus: c.gpus, k: c.k }, oracleModelState(c.params, c.stage, c.gpus, c.k));
    },
  );

  test.prop([stage1Case])(
    'stage 1: the optimizer shard K·Ψ/N is exact even when Ψ/N is not a whole number',
    ({ params, stage, gpus, k }) => {
      expectParts(params, { stage, gpus, k }, oracleModelState(params, stage, gpus, k));
    },
  );

  test.prop([modelStateCase])('the parts sum to the total', ({ params, stage, gpus, k }) => {
    const r = modelStateBytes(params, { stage, gpus, k });
    expect(r.weights + r.grads + r.optimizer, call(params, { stage, gpus, k })).toBe(r.total);
  });

  test.prop([modelStateCase])('stage 3 is stage 0 divided by N, in every part', ({ params, gpus, k }) => {
    const s0 = modelStateBytes(params, { stage: 0, gpus, k });
    const s3 = modelStateBytes(params, { stage: 3, gpus, k });
    const divided = {
      weights: s0.weights / gpus,
      grads: s0.grads / gpus,
      optimizer: s0.optimizer / gpus,
      total: s0.total / gpus,
    };
    expect(
      { weights: s3.weights, grads: s3.grads, optimizer: s3.optimizer, total: s3.total },
      call(params, { stage: 3, gpus, k }),
    ).toEqual(divided);
  });

  test.prop([modelStateCase])('memory never grows with the stage, part by part', ({ params, gpus, k }) => {
    const r = STAGES.map((stage) => modelStateBytes(params, { stage, gpus, k }));
    for (let s = 1; s < 4; s++) {
      const [prev, cur] = [r[s - 1] as Parts, r[s] as Parts];
      const where = `stage ${s - 1} → ${s}, ${call(params, { gpus, k })}`;
      expect(cur.total, where).toBeLessThanOrEqual(prev.total);
      expect(cur.weights, where).toBeLessThanOrEqual(prev.weights);
      expect(cur.grads, where).toBeLessThanOrEqual(prev.grads);
      expect(cur.optimizer, where).toBeLessThanOrEqual(prev.optimizer);
    }
  });

  test.prop([modelStateCase])('one GPU: every stage gives (4 + K)Ψ', ({ params, stage, k }) => {
    expect(modelStateBytes(params, { stage, gpus: 1, k }).total, call(params, { stage, gpus: 1, k })).toBe(
      (4 + k) * params,
    );
  });

  test.prop([fc.integer({ min: 1, max: 2 ** 40 }), stages, badGpus])(
    'gpus not a positive integer throws RangeError at every stage',
    (params, stage, gpus) => {
      expect(() => modelStateBytes(params, { stage, gpus }), call(params, { stage, gpus })).toThrow(RangeError);
    },
  );

  test.prop([badModelStateCall])(
    'modelStateBytes with one argument broken anywhere throws the named error',
    ({ args: [params, opts], error, broken }) => {
      const expected = error === 'TypeError' ? TypeError : RangeError;
      expect(() => modelStateBytes(params as number, opts as { stage: Stage }), broken).toThrow(expected);
    },
  );

  test.prop([badActivationCall])(
    'activationBytesPerLayer with the config broken in one place throws the named error',
    ({ args: [c], error, broken }) => {
      const expected = error === 'TypeError' ? TypeError : RangeError;
      expect(() => activationBytesPerLayer(c as ActivationInput), broken).toThrow(expected);
    },
  );

  test.prop([badCommCall])(
    'commElementsPerStep with one argument broken throws the named error',
    ({ args: [params, stage], error, broken }) => {
      const expected = error === 'TypeError' ? TypeError : RangeError;
      expect(() => commElementsPerStep(params as number, stage as Stage), broken).toThrow(expected);
    },
  );

  test.prop([activationCase])('activationBytesPerLayer equals the exact oracle', (c) => {
    expect(activationBytesPerLayer(c), JSON.stringify(c)).toBe(
      oracleActivation(c.seqLen, c.batch, c.hidden, c.heads, c.recompute),
    );
  });

  test.prop([activationCase])('full ≤ selective ≤ none, and doubling the batch doubles the bytes', (c) => {
    const at = (recompute: 'none' | 'selective' | 'full', batch = c.batch) =>
      activationBytesPerLayer({ ...c, batch, recompute });
    expect(at('full'), JSON.stringify(c)).toBeLessThan(at('selective'));
    expect(at('selective'), JSON.stringify(c)).toBeLessThan(at('none'));
    expect(at(c.recompute, 2 * c.batch), `${JSON.stringify(c)} with batch ${2 * c.batch}`).toBe(2 * at(c.recompute));
  });

  test.prop([commCase])(
    'commElementsPerStep equals the oracle; ZeRO-3 moves 1.5× the elements of stage 0',
    ({ params, stage }) => {
      expect(commElementsPerStep(params, stage), `commElementsPerStep(${params}, ${stage})`).toBe(
        oracleComm(params, stage),
      );
      expect(commElementsPerStep(params, 3), `commElementsPerStep(${params}, 3)`).toBe(
        1.5 * commElementsPerStep(params, 0),
      );
    },
  );
});
