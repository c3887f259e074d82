import fc from 'fast-check';
import {
  badScalerOptions,
  float32Value,
  float32Values,
  notAFloat32Array,
  notANumber,
  type ScalerOptions,
  type ScalerRun,
  scalerRun,
  wrongTypeScalerOptions,
} from './inputs.ts';
import { type Differential, exported, type ImplModule, showJson } from '../../src/harness/compare.ts';

type Kind = 'fp16' | 'bf16';

type Input =
  | { readonly fn: 'toFp16' | 'toBf16'; readonly xs: number[] }
  /** Not a Float32Array: must throw TypeError. */
  | { readonly fn: 'toFp16' | 'toBf16'; readonly notArray: unknown }
  /** A number, or (rarely) something else that must throw TypeError. */
  | { readonly fn: 'fp16Bits' | 'bf16Bits'; readonly x: unknown }
  | ({ readonly fn: 'DynamicLossScaler' } & ScalerRun);

interface ScalerStep {
  scale: number;
  grads: number[];
  foundInf: boolean;
  inputUntouched: boolean;
  skipped: boolean;
}
type Output = number[] | number | string | { steps: ScalerStep[]; final: number };

const inputs: fc.Arbitrary<Input> = fc.oneof(
  { weight: 3, arbitrary: float32Values(12).map((xs) => ({ fn: 'toFp16' as const, xs })) },
  { weight: 3, arbitrary: float32Values(12).map((xs) => ({ fn: 'toBf16' as const, xs })) },
  { weight: 2, arbitrary: fc.oneof(float32Value, fc.double()).map((x) => ({ fn: 'fp16Bits' as const, x })) },
  { weight: 2, arbitrary: fc.oneof(float32Value, fc.double()).map((x) => ({ fn: 'bf16Bits' as const, x })) },
  { weight: 3, arbitrary: scalerRun.map((r) => ({ fn: 'DynamicLossScaler' as const, ...r })) },
  // Rarely, what must throw: options out of range (RangeError) or of the wrong type, an array
  // that is not a Float32Array, an argument that is not a number (TypeError).
  {
    weight: 1,
    arbitrary: fc.oneof(
      badScalerOptions.map((opts): Input => ({ fn: 'DynamicLossScaler', opts, steps: [] })),
      wrongTypeScalerOptions.map(
        (opts): Input => ({ fn: 'DynamicLossScaler', opts: opts as Partial<ScalerOptions>, steps: [] }),
      ),
      fc.record({ fn: fc.constantFrom<'toFp16' | 'toBf16'>('toFp16', 'toBf16'), notArray: notAFloat32Array }),
      fc.record({ fn: fc.constantFrom<'fp16Bits' | 'bf16Bits'>('fp16Bits', 'bf16Bits'), x: notANumber }),
    ),
  },
);

/** Any quiet NaN pattern of the format is a correct answer: show them all as one. */
function normalizeBits(kind: Kind, bits: number): number | string {
  const quiet = kind === 'fp16' ? 0x7e00 : 0x7fc0;
  return Number.isInteger(bits) && bits >= 0 && bits <= 0xffff && (bits & quiet) === quiet ? 'a quiet NaN' : bits;
}

interface Scaler {
  readonly scale: number;
  unscale(grads: Float32Array): { grads: Float32Array; foundInf: boolean };
  update(foundInf: boolean): { skipped: boolean };
}

function runScaler(impl: ImplModule, opts: Partial<ScalerOptions>, steps: ScalerRun) {
  const Ctor = impl.DynamicLossScaler;
  if (typeof Ctor !== 'function')
    throw new TypeError('the implementation does not export a class named DynamicLossScaler');
  const scaler = new (Ctor as new (o?: Partial<ScalerOptions>) => Scaler)({ ...opts });
  const out: ScalerStep[] = steps.steps.map(({ grads, inf }) => {
    const scale = scaler.scale;
    const input = Float32Array.from(grads);
    const r = scaler.unscale(input);
    const inputUntouched = showJson(Array.from(input)) === showJson(Array.from(Float32Array.from(grads)));
    return {
      scale,
      grads: Array.from(r.grads),
      foundInf: r.foundInf,
      inputUntouched,
      skipped: scaler.update(inf).skipped,
    };
  });
  return { steps: out, final: scaler.scale };
}

export const differential: Differential<Input, Output> = {
  inputs,
  run(impl, input) {
    switch (input.fn) {
      case 'toFp16':
      case 'toBf16': {
        const f = exported<(x: unknown) => Float32Array>(impl, input.fn);
        return 'xs' in input ? Array.from(f(Float32Array.from(input.xs))) : Array.from(f(input.notArray));
      }
      case 'fp16Bits':
      case 'bf16Bits':
        return normalizeBits(
          input.fn === 'fp16Bits' ? 'fp16' : 'bf16',
          exported<(x: unknown) => number>(impl, input.fn)(input.x),
        );
      case 'DynamicLossScaler':
        return runScaler(impl, input.opts, input);
    }
  },
  difference(a, b) {
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return `length ${a.length}, expected ${b.length}`;
      const i = a.findIndex((v, j) => showJson(v) !== showJson(b[j]));
      return i < 0 ? undefined : `element ${i}: ${showJson(a[i])}, expected ${showJson(b[i])}`;
    }
    if (typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      const i = a.steps.findIndex((s, j) => showJson(s) !== showJson(b.steps[j]));
      const mine = a.steps[i];
      const theirs = b.steps[i];
      if (mine !== undefined && theirs !== undefined) {
        const keys = (Object.keys(theirs) as (keyof ScalerStep)[]).filter(
          (key) => showJson(mine[key]) !== showJson(theirs[key]),
        );
        return `step ${i}: ${keys.map((key) => `${key} ${showJson(mine[key])}, expected ${showJson(theirs[key])}`).join('; ')}`;
      }
      if (a.steps.length !== b.steps.length) return `${a.steps.length} steps, expected ${b.steps.length}`;
      return Object.is(a.final, b.final) ? undefined : `final scale ${a.final}, expected ${b.final}`;
    }
    const show = (v: Output) =>
      typeof v === 'number' ? `0x${v.toString(16).toUpperCase().padStart(4, '0')}` : showJson(v);
    return showJson(a) === showJson(b) ? undefined : `${show(a)}, expected ${show(b)}`;
  },
  show: showJson,
};
