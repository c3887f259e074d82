import fc from 'fast-check';
import { type BadCall, type BeamCase, badCall, beamCase, callBad, optionsOf, stepOf } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Input = { readonly kind: 'case'; readonly c: BeamCase } | { readonly kind: 'bad'; readonly bad: BadCall };
type Output = { tokens: number[]; score: number }[];
type BeamSearch = (step: (prefix: readonly number[]) => readonly number[], options: unknown) => Output;

function difference(a: Output, b: Output): string | undefined {
  if (!Array.isArray(a) || a.length !== b.length) return `should be ${b.length} hypotheses, got ${showJson(a)}`;
  for (let i = 0; i < b.length; i++) {
    const x = a[i];
    const y = b[i] as Output[number];
    if (showJson(x?.tokens) !== showJson(y.tokens))
      return `hypothesis ${i}: tokens ${showJson(x?.tokens)}, expected ${showJson(y.tokens)}`;
    const same = Object.is(x?.score, y.score) || Math.abs((x?.score as number) - y.score) <= 1e-12;
    if (!same) return `hypothesis ${i}: score ${showJson(x?.score)}, expected ${showJson(y.score)}`;
  }
  return undefined;
}

export const differential: Differential<Input, Output> = {
  // Vocabularies of 1 to 4 tokens, 1 to 5 beams and new tokens, log-probs in quarters (now and then
  // −Infinity); about one input in ten is a bad call (both sides must throw the same error class).
  inputs: fc.oneof(
    { weight: 9, arbitrary: beamCase.map((c) => ({ kind: 'case' as const, c })) },
    { weight: 1, arbitrary: badCall.map((bad) => ({ kind: 'bad' as const, bad })) },
  ),
  run: (impl, input) => {
    if (input.kind === 'bad') {
      callBad(impl, input.bad);
      throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
    }
    return exported<BeamSearch>(impl, 'beamSearch')(stepOf(input.c), optionsOf(input.c));
  },
  difference,
  show: showJson,
};
