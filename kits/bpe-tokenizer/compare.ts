import { type EncodeInput, encodeInput } from './inputs.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Merge = [number, number];
type Train = (text: string, vocabSize: number) => { merges: Merge[] };
type Encode = (text: string, merges: Merge[]) => number[];
type Decode = (ids: number[], merges: Merge[]) => string;

/** What one run shows: the learned merges, the encoding of the other text, and its decoding. */
interface Outcome {
  readonly merges: unknown;
  readonly ids: unknown;
  readonly decoded: unknown;
}

const attempt = (call: () => unknown): unknown => {
  try {
    return call();
  } catch (error) {
    return error instanceof Error ? `throws ${error.name}` : `throws ${String(error)}`;
  }
};

export const differential: Differential<EncodeInput, Outcome> = {
  // A corpus of up to 40 pieces (a, b, c, space, é, 中, 文, 😀, a BOM, a lone surrogate), a
  // vocabulary of 256 … 316, and a second text to encode with the learned merges.
  inputs: encodeInput,
  run(impl, input) {
    const trained = exported<Train>(impl, 'train')(input.corpus, input.vocabSize);
    const merges = trained.merges.map(([a, b]) => [a, b] as Merge);
    const ids = attempt(() =>
      exported<Encode>(impl, 'encode')(
        input.text,
        merges.map((m) => [...m] as Merge),
      ),
    );
    const decoded = Array.isArray(ids)
      ? attempt(() => exported<Decode>(impl, 'decode')([...ids], merges))
      : 'not encoded';
    return { merges: trained.merges, ids, decoded };
  },
  difference(a, b) {
    const fields = (['merges', 'ids', 'decoded'] as const).filter((f) => showJson(a[f]) !== showJson(b[f]));
    return fields.length === 0 ? undefined : `${fields.join(', ')} differ`;
  },
  show: showJson,
};
