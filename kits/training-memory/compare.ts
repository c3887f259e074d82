import fc from 'fast-check';
import {
  type ActivationCase,
  type ModelStateCase,
  activationCase,
  badActivationCall,
  badCommCall,
  badModelStateCall,
  commCase,
  modelStateCase,
  stage1Case,
} from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Stage = 0 | 1 | 2 | 3;
interface ModelStateOptions {
  stage?: Stage;
  gpus?: number;
  k?: number;
}

type Input =
  | { readonly fn: 'modelStateBytes'; readonly params: number; readonly opts: ModelStateOptions }
  | { readonly fn: 'activationBytesPerLayer'; readonly c: ActivationCase }
  | { readonly fn: 'commElementsPerStep'; readonly params: number; readonly stage: Stage }
  | {
      readonly fn: 'bad';
      readonly call: 'modelStateBytes' | 'activationBytesPerLayer' | 'commElementsPerStep';
      readonly args: unknown[];
    };

/** A call with bad arguments, passed as they are (objects copied, so neither side sees the other's edits). */
const bad = (
  call: 'modelStateBytes' | 'activationBytesPerLayer' | 'commElementsPerStep',
  ...args: unknown[]
): Input => ({
  fn: 'bad',
  call,
  args,
});

type Output = number | Record<string, number>;

/** The call's options; with `omitDefaults`, options equal to the defaults (stage 0, gpus 1, k 12) are left out. */
function withOptions({ params, stage, gpus, k }: ModelStateCase, omitDefaults: boolean): Input {
  const opts: ModelStateOptions = {};
  if (!omitDefaults || stage !== 0) opts.stage = stage;
  if (!omitDefaults || gpus !== 1) opts.gpus = gpus;
  if (!omitDefaults || k !== 12) opts.k = k;
  return { fn: 'modelStateBytes', params, opts };
}

const inputs: fc.Arbitrary<Input> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(modelStateCase, fc.boolean()).map(([c, omit]) => withOptions(c, omit)),
  },
  { weight: 2, arbitrary: stage1Case.map((c) => withOptions(c, false)) },
  // Rarely, one argument broken (TypeError or RangeError expected on both sides).
  { weight: 1, arbitrary: badModelStateCall.map(({ args: [params, opts] }) => bad('modelStateBytes', params, opts)) },
  { weight: 1, arbitrary: badActivationCall.map(({ args: [c] }) => bad('activationBytesPerLayer', c)) },
  { weight: 1, arbitrary: badCommCall.map(({ args: [params, stage] }) => bad('commElementsPerStep', params, stage)) },
  { weight: 3, arbitrary: activationCase.map((c) => ({ fn: 'activationBytesPerLayer' as const, c })) },
  {
    weight: 2,
    arbitrary: commCase.map(({ params, stage }) => ({ fn: 'commElementsPerStep' as const, params, stage })),
  },
);

export const differential: Differential<Input, Output> = {
  // Whole-byte cases (params a multiple of gpus, integer k) so every correct answer is exact;
  // now and then a call with one argument broken, where both sides must throw the same error class.
  inputs,
  run: (impl, input) => {
    switch (input.fn) {
      case 'modelStateBytes': {
        const r = exported<(p: number, o?: ModelStateOptions) => Record<string, number>>(impl, input.fn)(input.params, {
          ...input.opts,
        });
        return {
          weights: r.weights as number,
          grads: r.grads as number,
          optimizer: r.optimizer as number,
          total: r.total as number,
        };
      }
      case 'activationBytesPerLayer':
        return exported<(c: ActivationCase) => number>(impl, input.fn)({ ...input.c });
      case 'commElementsPerStep':
        return exported<(p: number, s: Stage) => number>(impl, input.fn)(input.params, input.stage);
      case 'bad': {
        const args = input.args.map((arg) =>
          typeof arg === 'object' && arg !== null && !Array.isArray(arg) ? { ...arg } : arg,
        );
        const result = exported<(...a: unknown[]) => Output>(impl, input.call)(...args);
        return typeof result === 'number' ? result : { ...(result as Record<string, number>) };
      }
    }
  },
  difference: (a, b) => {
    if (typeof a === 'number' || typeof b === 'number') {
      return Object.is(a, b) ? undefined : `${showJson(a)} is not ${showJson(b)}`;
    }
    const keys = Object.keys(b).filter((key) => !Object.is(a[key], b[key]));
    return keys.length === 0
      ? undefined
      : keys.map((key) => `${key}: ${showJson(a[key])} is not ${showJson(b[key])}`).join('; ');
  },
  show: showJson,
};
