import { describe, expect } from 'vitest';
import { ropeInvFreq } from '@impl/rope-scaling';
import { badCall, badCallsOf, type RopeCase, ropeCase, ropeCaseOf, type RopeScalingOptions } from './inputs.ts';
import { type OracleConfig, ropeOracle, thetas } from './oracle.ts';
import { test } from '../../src/harness/prop.ts';

/** Relative tolerance of every comparison: far below any bug, far above float64 rounding. */
const RTOL = 1e-10;

const show = (value: unknown): string => {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `${v}` : v));
  return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
};

/** The oracle's configuration for a case: the prompt's defaults filled in. */
function configOf(c: RopeCase): OracleConfig {
  const o = c.options;
  const L = o.originalMaxPositionEmbeddings ?? 1;
  return {
    dim: c.dim,
    base: o.base ?? 10000,
    ropeType: o.ropeType ?? 'default',
    factor: o.factor ?? 1,
    originalMaxPositionEmbeddings: L,
    seqLen: o.seqLen ?? L,
    betaFast: o.betaFast ?? 32,
    betaSlow: o.betaSlow ?? 1,
    lowFreqFactor: o.lowFreqFactor ?? 1,
    highFreqFactor: o.highFreqFactor ?? 4,
  };
}

const close = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) <= RTOL * Math.abs(b);

/** `got` is `{ invFreq, attentionScaling }` with invFreq of length dim/2, each entry within RTOL of `want`. */
function expectFrequencies(got: unknown, want: { invFreq: readonly number[]; attentionScaling: number }, what: string) {
  if (typeof got !== 'object' || got === null) expect.fail(`${what}: expected an object, got ${show(got)}`);
  const { invFreq, attentionScaling } = got as { invFreq: unknown; attentionScaling: unknown };
  if (!Array.isArray(invFreq) || invFreq.length !== want.invFreq.length) {
    expect.fail(`${what}: invFreq should be an array of ${want.invFreq.length} numbers, got ${show(invFreq)}`);
  }
  want.invFreq.forEach((w, i) => {
    if (!close(invFreq[i], w)) expect.fail(`${what}: invFreq[${i}] = ${invFreq[i]}, expected ${w}`);
  });
  if (!close(attentionScaling, want.attentionScaling)) {
    expect.fail(`${what}: attentionScaling = ${show(attentionScaling)}, expected ${want.attentionScaling}`);
  }
}

const call = (dim: number, options?: RopeScalingOptions) =>
  options === undefined ? ropeInvFreq(dim) : ropeInvFreq(dim, options);

function expectCall(dim: number, options: RopeScalingOptions | undefined, invFreq: number[], attentionScaling = 1) {
  const what = `ropeInvFreq(${dim}${options === undefined ? '' : `, ${show(options)}`})`;
  expectFrequencies(call(dim, options), { invFreq, attentionScaling }, what);
}

/** Plain RoPE's inverse frequencies, base^(−2i/dim), written inline for the worked examples. */
const plain = (dim: number, base = 10000) => Array.from({ length: dim / 2 }, (_, i) => base ** ((-2 * i) / dim));

describe('rope-scaling: worked examples', () => {
  test("default: ropeInvFreq(8) = [1, 0.1, 0.01, 0.001] (base 10000, ropeType 'default'), attentionScaling 1", () => {
    expectCall(8, undefined, [1, 0.1, 0.01, 0.001]);
    expectCall(8, {}, [1, 0.1, 0.01, 0.001]);
    expectCall(8, { ropeType: 'default' }, [1, 0.1, 0.01, 0.001]);
  });

  test('default: the pairs step by 2 over dim, base^(−2i/dim): ropeInvFreq(4, { base: 100 }) = [1, 0.1], dim 6 base 1e6 = [1, 0.01, 1e-4]', () => {
    expectCall(4, { base: 100 }, [1, 0.1]);
    expectCall(6, { base: 1e6 }, [1, 0.01, 1e-4]);
  });

  test("linear divides every frequency by factor: ropeInvFreq(8, { ropeType: 'linear', factor: 4 }) = [0.25, 0.025, 0.0025, 0.00025]", () => {
    expectCall(8, { ropeType: 'linear', factor: 4 }, [0.25, 0.025, 0.0025, 0.00025]);
  });

  test('dynamic NTK above L: factor 2, L 2048, seqLen 4096 → s = 3, base·3^(8/6): [1, 0.1/3^(1/3), 0.01/3^(2/3), 0.001/3]', () => {
    const o: RopeScalingOptions = { ropeType: 'dynamic', factor: 2, originalMaxPositionEmbeddings: 2048, seqLen: 4096 };
    expectCall(8, o, [1, 0.1 / 3 ** (1 / 3), 0.01 / 3 ** (2 / 3), 0.001 / 3]);
  });

  test('dynamic NTK with factor 4, L 1000, seqLen 1500: s = 4·1.5 − 3 = 3, dim 4 → base·3^2: [1, 0.01/3]', () => {
    expectCall(4, { ropeType: 'dynamic', factor: 4, originalMaxPositionEmbeddings: 1000, seqLen: 1500 }, [1, 0.01 / 3]);
  });

  test('dynamic at or below L (seqLen 2048, 100, or left out) is the default: [1, 0.1, 0.01, 0.001]', () => {
    for (const seqLen of [2048, 100, 1, undefined]) {
      const o: RopeScalingOptions = { ropeType: 'dynamic', factor: 8, originalMaxPositionEmbeddings: 2048 };
      expectCall(8, seqLen === undefined ? o : { ...o, seqLen }, [1, 0.1, 0.01, 0.001]);
    }
  });

  test('dynamic one token above L already rescales: factor 2, L 2048, seqLen 2049 → s = 1 + 2/2048', () => {
    const s = 1 + 2 / 2048;
    const o: RopeScalingOptions = { ropeType: 'dynamic', factor: 2, originalMaxPositionEmbeddings: 2048, seqLen: 2049 };
    expectCall(8, o, [1, 0.1 / s ** (1 / 3), 0.01 / s ** (2 / 3), 0.001 / s]);
  });

  test('yarn: factor 4, L 2048 → correction dims 1.008 and 2.513, floor/ceil to low 1, high 3: [1, 0.1, 0.00625, 0.00025], attentionScaling 1 + 0.1·ln 4', () => {
    const o: RopeScalingOptions = { ropeType: 'yarn', factor: 4, originalMaxPositionEmbeddings: 2048 };
    expectCall(8, o, [1, 0.1, 0.01 * (0.5 / 4 + 0.5), 0.001 / 4], 1 + 0.1 * Math.log(4));
  });

  test('yarn uses betaFast and betaSlow: 64 and 0.25 with factor 4, L 2048 → low 0, high 4, ramp i/4: [1, 0.08125, 0.00625, 0.0004375]', () => {
    const o: RopeScalingOptions = {
      ropeType: 'yarn',
      factor: 4,
      originalMaxPositionEmbeddings: 2048,
      betaFast: 64,
      betaSlow: 0.25,
    };
    expectCall(8, o, [1, 0.08125, 0.00625, 0.0004375], 1 + 0.1 * Math.log(4));
  });

  test('yarn clamps high to dim − 1 (not dim/2 − 1): dim 8, base 10, factor 2, L 477 → low 1, high min(8, 7) = 7, ramp (i − 1)/6', () => {
    const o: RopeScalingOptions = { ropeType: 'yarn', base: 10, factor: 2, originalMaxPositionEmbeddings: 477 };
    const d = plain(8, 10);
    const blend = (f: number, ramp: number) => (f / 2) * ramp + f * (1 - ramp);
    expectCall(
      8,
      o,
      d.map((f, i) => blend(f, Math.min(Math.max((i - 1) / 6, 0), 1))),
      1 + 0.1 * Math.log(2),
    );
  });

  test('yarn with a collapsed range (L 4: low = high = 0) widens it by 0.001: factor 4 → [1, 0.025, 0.0025, 0.00025]', () => {
    const o: RopeScalingOptions = { ropeType: 'yarn', factor: 4, originalMaxPositionEmbeddings: 4 };
    expectCall(8, o, [1, 0.025, 0.0025, 0.00025], 1 + 0.1 * Math.log(4));
  });

  test('yarn with high < low (dim 64, L 1: correction dims < 0, high = ceil(−6.39) = −6, low = 0) keeps every frequency', () => {
    const o: RopeScalingOptions = { ropeType: 'yarn', factor: 4, originalMaxPositionEmbeddings: 1 };
    expectCall(64, o, plain(64), 1 + 0.1 * Math.log(4));
  });

  test('llama3: factor 8, L 1024 → wavelengths 6.3 and 62.8 kept (< 256), 628.3 blended with smooth (1024/628.3 − 1)/3, 6283 divided (> 1024)', () => {
    const smooth = (1024 / ((2 * Math.PI) / 0.01) - 1) / 3;
    const o: RopeScalingOptions = { ropeType: 'llama3', factor: 8, originalMaxPositionEmbeddings: 1024 };
    expectCall(8, o, [1, 0.1, 0.01 * ((1 - smooth) / 8 + smooth), 0.001 / 8]);
  });

  test('llama3 uses lowFreqFactor and highFreqFactor: 2 and 8 with L 1024 → bands at wavelength 128 and 512', () => {
    // wavelengths 6.28, 62.8 (< 128, kept), 628.3 (> 512, divided), 6283 (divided)
    const o: RopeScalingOptions = {
      ropeType: 'llama3',
      factor: 8,
      originalMaxPositionEmbeddings: 1024,
      lowFreqFactor: 2,
      highFreqFactor: 8,
    };
    expectCall(8, o, [1, 0.1, 0.01 / 8, 0.001 / 8]);
    // L 4096: 628.3 is between 512 and 2048, smooth = (4096/628.3 − 2)/6
    const smooth = (4096 / ((2 * Math.PI) / 0.01) - 2) / 6;
    expectCall(8, { ...o, originalMaxPositionEmbeddings: 4096 }, [
      1,
      0.1,
      0.01 * ((1 - smooth) / 8 + smooth),
      0.001 / 8,
    ]);
  });

  test('llama3 with the Llama 3.1 config (dim 128, base 500000, factor 8, L 8192): pairs 0..28 kept, 29..34 blended, 35..63 divided by 8', () => {
    const got = ropeInvFreq(128, { base: 500000, ropeType: 'llama3', factor: 8, originalMaxPositionEmbeddings: 8192 });
    const d = plain(128, 500000);
    expect(got.invFreq.length, 'dim/2 = 64 frequencies').toBe(64);
    for (let i = 0; i < 64; i++) {
      const f = got.invFreq[i] as number;
      const ratio = f / (d[i] as number);
      if (i <= 28) expect(close(f, d[i] as number), `pair ${i} (wavelength < 2048) is kept: ratio ${ratio}`).toBe(true);
      else if (i >= 35)
        expect(close(f * 8, d[i] as number), `pair ${i} (wavelength > 8192) is divided by 8: ratio ${ratio}`).toBe(
          true,
        );
      else expect(ratio > 1 / 8 && ratio < 1, `pair ${i} is blended strictly between: ratio ${ratio}`).toBe(true);
    }
    expect(got.attentionScaling, 'llama3 attentionScaling').toBe(1);
  });

  test('attentionScaling is 1 for default, linear, dynamic and llama3, and 0.1·ln(factor) + 1 for yarn (factor 8 → 1.2079)', () => {
    const common = { factor: 8, originalMaxPositionEmbeddings: 2048, seqLen: 8192 };
    for (const ropeType of ['default', 'linear', 'dynamic', 'llama3'] as const) {
      expect(ropeInvFreq(8, { ropeType, ...common }).attentionScaling, `${ropeType}`).toBe(1);
    }
    expect(close(ropeInvFreq(8, { ropeType: 'yarn', ...common }).attentionScaling, 1 + 0.1 * Math.log(8))).toBe(true);
    expect(
      close(ropeInvFreq(8, { ropeType: 'yarn', ...common, factor: 1 }).attentionScaling, 1),
      'yarn, factor 1',
    ).toBe(true);
  });

  test('options the type does not use are ignored, not validated: default with factor 0.5, linear with seqLen −1 and betaFast "x"', () => {
    expectCall(8, { ropeType: 'default', factor: 0.5, originalMaxPositionEmbeddings: -3 }, [1, 0.1, 0.01, 0.001]);
    const o = { ropeType: 'linear', factor: 2, seqLen: -1, betaFast: 'x', lowFreqFactor: Number.NaN } as unknown;
    expectCall(8, o as RopeScalingOptions, [0.5, 0.05, 0.005, 0.0005]);
    const y = {
      ropeType: 'yarn',
      factor: 4,
      originalMaxPositionEmbeddings: 2048,
      seqLen: 0,
      highFreqFactor: -1,
    } as unknown;
    expectCall(8, y as RopeScalingOptions, [1, 0.1, 0.00625, 0.00025], 1 + 0.1 * Math.log(4));
    const l = {
      ropeType: 'llama3',
      factor: 8,
      originalMaxPositionEmbeddings: 1024,
      betaSlow: 0,
      seqLen: 'x',
    } as unknown;
    const smooth = (1024 / ((2 * Math.PI) / 0.01) - 1) / 3;
    expectCall(8, l as RopeScalingOptions, [1, 0.1, 0.01 * ((1 - smooth) / 8 + smooth), 0.001 / 8]);
  });

  test('returns a new plain array of numbers each call (not shared between calls)', () => {
    const a = ropeInvFreq(8);
    expect(Array.isArray(a.invFreq), 'invFreq is an array').toBe(true);
    a.invFreq[0] = 42;
    expect(ropeInvFreq(8).invFreq[0], 'a second call is not affected by editing the first result').toBe(1);
  });
});

/** A fixed valid case per type, with and without its optional fields. */
const FIXED: RopeCase[] = [
  { dim: 8, options: {} },
  { dim: 16, options: { ropeType: 'default', base: 500 } },
  { dim: 8, options: { ropeType: 'linear', factor: 4 } },
  { dim: 8, options: { ropeType: 'dynamic', factor: 2, originalMaxPositionEmbeddings: 2048, seqLen: 4096 } },
  { dim: 8, options: { ropeType: 'dynamic', factor: 2, originalMaxPositionEmbeddings: 2048 } },
  { dim: 8, options: { ropeType: 'yarn', factor: 4, originalMaxPositionEmbeddings: 2048 } },
  { dim: 8, options: { ropeType: 'yarn', factor: 4, originalMaxPositionEmbeddings: 2048, betaFast: 16, betaSlow: 2 } },
  { dim: 8, options: { ropeType: 'llama3', factor: 8, originalMaxPositionEmbeddings: 1024 } },
  {
    dim: 8,
    options: {
      ropeType: 'llama3',
      factor: 8,
      originalMaxPositionEmbeddings: 1024,
      lowFreqFactor: 2,
      highFreqFactor: 3,
    },
  },
];

/** Every bad call of the fixed cases, grouped by the rule it breaks. */
const BAD = new Map<string, ReturnType<typeof badCallsOf>>();
for (const c of FIXED) {
  for (let pick = 0; pick < 8; pick++) {
    for (const b of badCallsOf(c, pick)) BAD.set(b.broken, [...(BAD.get(b.broken) ?? []), b]);
  }
}

const ERRORS = { TypeError, RangeError } as const;

describe('rope-scaling: bad input', () => {
  for (const [broken, calls] of BAD) {
    const error = (calls[0] as (typeof calls)[number]).error;
    test(`${broken} throws ${error}`, () => {
      for (const b of calls) {
        expect(
          () => ropeInvFreq(b.dim as number, b.options as RopeScalingOptions),
          `ropeInvFreq(${show(b.dim)}, ${show(b.options)})`,
        ).toThrow(ERRORS[error]);
      }
    });
  }

  test('dim 2 throws RangeError (the NTK exponent dim/(dim − 2) needs dim >= 4), dim 4 is fine', () => {
    expect(() => ropeInvFreq(2), 'ropeInvFreq(2)').toThrow(RangeError);
    expectCall(4, undefined, [1, 0.01]);
  });

  test('factor exactly 1 and base 1.5 are allowed; factor 0.999 and base 1 throw RangeError', () => {
    expectCall(4, { ropeType: 'linear', factor: 1, base: 1.5 }, [1, 1.5 ** -0.5]);
    expect(() => ropeInvFreq(4, { ropeType: 'linear', factor: 0.999 }), 'factor 0.999').toThrow(RangeError);
    expect(() => ropeInvFreq(4, { base: 1 }), 'base 1').toThrow(RangeError);
  });

  test.prop([badCall])('every broken call throws its error class (random cases of every type)', (b) => {
    expect(() => ropeInvFreq(b.dim as number, b.options as RopeScalingOptions), `${b.broken}: ${show(b)}`).toThrow(
      ERRORS[b.error],
    );
  });
});

describe('rope-scaling: properties against the float64 oracle', () => {
  test.prop([ropeCase], { numRuns: 300 })(
    'matches the HF formulas of every rope type (random dim, base, factor, L, seqLen, betas, band factors) to 1e-10',
    (c) => {
      expectFrequencies(
        ropeInvFreq(c.dim, c.options),
        ropeOracle(configOf(c)),
        `ropeInvFreq(${c.dim}, ${show(c.options)})`,
      );
    },
  );

  test.prop([ropeCase])('at factor 1 every type is plain RoPE (dynamic: with seqLen <= L), attentionScaling 1', (c) => {
    const L = c.options.originalMaxPositionEmbeddings;
    const options = { ...c.options, factor: 1, ...(c.options.ropeType === 'dynamic' && { seqLen: L }) };
    const what = `ropeInvFreq(${c.dim}, ${show(options)})`;
    expectFrequencies(
      ropeInvFreq(c.dim, options),
      { invFreq: thetas(c.dim, c.options.base ?? 10000), attentionScaling: 1 },
      what,
    );
  });

  test.prop([ropeCaseOf('linear')])('linear = default / factor, pair by pair', (c) => {
    const base = c.options.base ?? 10000;
    const factor = c.options.factor as number;
    const want = thetas(c.dim, base).map((t) => t / factor);
    expectFrequencies(ropeInvFreq(c.dim, c.options), { invFreq: want, attentionScaling: 1 }, show(c));
  });

  test.prop([ropeCase])(
    'invFreq has dim/2 entries, strictly decreasing, each between default/factor and default',
    (c) => {
      const got = ropeInvFreq(c.dim, c.options).invFreq;
      const d = thetas(c.dim, c.options.base ?? 10000);
      expect(got.length, show(c)).toBe(c.dim / 2);
      for (let i = 1; i < got.length; i++) {
        expect((got[i] as number) < (got[i - 1] as number), `${show(c)}: invFreq[${i}] < invFreq[${i - 1}]`).toBe(true);
      }
      if (c.options.ropeType !== 'dynamic') {
        const factor = c.options.factor ?? 1;
        got.forEach((f, i) => {
          const di = d[i] as number;
          expect(f <= di * (1 + RTOL) && f >= (di / factor) * (1 - RTOL), `${show(c)}: invFreq[${i}] = ${f}`).toBe(
            true,
          );
        });
      }
    },
  );

  test.prop([ropeCaseOf('dynamic')])(
    'dynamic above L divides the slowest pair by s = factor·seqLen/L − (factor − 1) and keeps pair 0 at 1',
    (c) => {
      const L = c.options.originalMaxPositionEmbeddings as number;
      const factor = c.options.factor as number;
      const seqLen = L + 1 + Math.floor(L * 0.7);
      const got = ropeInvFreq(c.dim, { ...c.options, seqLen }).invFreq;
      const s = (factor * seqLen) / L - (factor - 1);
      const d = thetas(c.dim, c.options.base ?? 10000);
      const last = c.dim / 2 - 1;
      expect(close(got[0], 1), `${show(c)}: invFreq[0] = ${got[0]}`).toBe(true);
      expect(
        close(got[last], (d[last] as number) / s),
        `${show(c)}, seqLen ${seqLen}: invFreq[${last}] = ${got[last]}`,
      ).toBe(true);
    },
  );

  test.prop([ropeCaseOf('llama3')])(
    'llama3 keeps pairs with wavelength < L/highFreqFactor and divides those > L/lowFreqFactor by factor',
    (c) => {
      const o = c.options;
      const L = o.originalMaxPositionEmbeddings as number;
      const got = ropeInvFreq(c.dim, o).invFreq;
      thetas(c.dim, o.base ?? 10000).forEach((t, i) => {
        const wavelen = (2 * Math.PI) / t;
        const what = `${show(c)}: pair ${i}, wavelength ${wavelen}`;
        if (wavelen < (L / (o.highFreqFactor ?? 4)) * (1 - 1e-9)) expect(close(got[i], t), what).toBe(true);
        if (wavelen > (L / (o.lowFreqFactor ?? 1)) * (1 + 1e-9))
          expect(close(got[i], t / (o.factor as number)), what).toBe(true);
      });
    },
  );

  test.prop([ropeCaseOf('yarn')])(
    'yarn attentionScaling is 0.1·ln(factor) + 1 and pair 0 is never interpolated more than the last',
    (c) => {
      const got = ropeInvFreq(c.dim, c.options);
      const factor = c.options.factor as number;
      expect(close(got.attentionScaling, 0.1 * Math.log(factor) + 1), show(c)).toBe(true);
      const d = thetas(c.dim, c.options.base ?? 10000);
      const last = c.dim / 2 - 1;
      const ratio0 = (got.invFreq[0] as number) / (d[0] as number);
      const ratioLast = (got.invFreq[last] as number) / (d[last] as number);
      expect(ratio0 >= ratioLast * (1 - RTOL), `${show(c)}: ${ratio0} >= ${ratioLast}`).toBe(true);
    },
  );
});
