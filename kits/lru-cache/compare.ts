import fc from 'fast-check';
import {
  type CacheLike,
  type LruScenario,
  type SizedScenario,
  type Step,
  lruScenario,
  runOps,
  sizedScenario,
} from './inputs.ts';
import { type Differential, type ImplModule, showJson } from '../../src/harness/compare.ts';

/** One cache and the calls played on it: an LRUCache by count, or a SizedLRUCache by bytes. */
type Input = ({ readonly kind: 'LRUCache' } & LruScenario) | ({ readonly kind: 'SizedLRUCache' } & SizedScenario);

const inputs: fc.Arbitrary<Input> = fc.oneof(
  lruScenario.map((s) => ({ kind: 'LRUCache' as const, ...s })),
  sizedScenario.map((s) => ({ kind: 'SizedLRUCache' as const, ...s })),
);

function construct(impl: ImplModule, input: Input): CacheLike {
  const Class = impl[input.kind];
  if (typeof Class !== 'function')
    throw new TypeError(`the implementation does not export a class named ${input.kind}`);
  const limit = input.kind === 'LRUCache' ? input.capacity : input.maxBytes;
  return new (Class as new (limit: number) => CacheLike)(limit);
}

export const differential: Differential<Input, Step[]> = {
  // An LRUCache of capacity 1 … 5 or a SizedLRUCache of 1 … 12 bytes, and up to 40 calls on it
  // (about one sized put in ten is too large and must throw RangeError, changing nothing).
  inputs,
  run(impl, input) {
    // The kind is recorded through the step names: a sized put shows its bytes.
    return runOps(construct(impl, input), input.ops, input.kind === 'SizedLRUCache');
  },
  difference(a, b) {
    const i = b.findIndex((step, j) => showJson(step) !== showJson(a[j]));
    if (i < 0) return a.length === b.length ? undefined : `${a.length} calls, expected ${b.length}`;
    const mine = a[i];
    const theirs = b[i] as Step;
    if (mine === undefined) return `call ${i} (${theirs.call}) is missing`;
    const fields = (['result', 'keys', 'size', 'bytes'] as const).filter(
      (field) => showJson(mine[field]) !== showJson(theirs[field]),
    );
    return `call ${i}, ${theirs.call}: ${fields.map((f) => `${f} ${showJson(mine[f])}, expected ${showJson(theirs[f])}`).join('; ')}`;
  },
  show: showJson,
};
