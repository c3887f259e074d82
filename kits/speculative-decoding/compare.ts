import fc from 'fast-check';
import { type BadCall, type StepCase, badCall, callBad, inputOf, stepCase, uniformOf } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Input = { readonly kind: 'case'; readonly c: StepCase } | { readonly kind: 'bad'; readonly bad: BadCall };
/** The result, and how many uniforms the step drew. */
type Output = { tokens: number[]; accepted: number; draws: number };
type Step = (input: ReturnType<typeof inputOf>) => { tokens: number[]; accepted: number };

function difference(a: Output, b: Output): string | undefined {
  if (showJson(a?.tokens) !== showJson(b.tokens))
    return `tokens ${showJson(a?.tokens)}, expected ${showJson(b.tokens)}`;
  if (a.accepted !== b.accepted) return `accepted ${showJson(a.accepted)}, expected ${b.accepted}`;
  if (a.draws !== b.draws) return `${a.draws} calls of uniform, expected ${b.draws}`;
  return undefined;
}

export const differential: Differential<Input, Output> = {
  // V 1–4, K 1–3, probabilities in eighths; uniforms from a seeded stream or a list of sixteenths
  // (exact ties with p/q); about one input in ten is a bad call (both sides must throw the same class).
  inputs: fc.oneof(
    { weight: 9, arbitrary: stepCase.map((c) => ({ kind: 'case' as const, c })) },
    { weight: 1, arbitrary: badCall.map((bad) => ({ kind: 'bad' as const, bad })) },
  ),
  run: (impl, input) => {
    if (input.kind === 'bad') {
      callBad(impl, input.bad);
      throw new Error(`${input.bad.what}: expected a ${input.bad.error}, but the call returned`);
    }
    const source = uniformOf(input.c);
    const result = exported<Step>(impl, 'speculativeStep')(inputOf(input.c, source.uniform));
    return { tokens: result.tokens, accepted: result.accepted, draws: source.calls() };
  },
  difference,
  show: showJson,
};
