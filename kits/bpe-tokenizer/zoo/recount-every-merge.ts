export type Merge = [number, number];

/**
 * minbpe's BasicTokenizer.train, literally: before every merge, count every pair again. Right
 * merges, but O(N) per merge: O(N·m) in all.
 */
export function train(text: string, vocabSize: number): { merges: Merge[] } {
  if (typeof text !== 'string') throw new TypeError('train: text must be a string');
  if (typeof vocabSize !== 'number') throw new TypeError('train: vocabSize must be a number');
  if (!Number.isInteger(vocabSize) || vocabSize < 256)
    throw new RangeError('train: vocabSize must be an integer >= 256');
  let ids = Array.from(new TextEncoder().encode(text));
  const merges: Merge[] = [];
  while (merges.length < vocabSize - 256) {
    const stats = new Map<number, number>();
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = (ids[i] as number) * 2 ** 26 + (ids[i + 1] as number);
      stats.set(key, (stats.get(key) ?? 0) + 1);
    }
    let best = -1;
    let bestCount = 1;
    for (const [key, count] of stats) {
      if (count > bestCount || (count === bestCount && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best === -1) break;
    const pair: Merge = [Math.floor(best / 2 ** 26), best % 2 ** 26];
    ids = mergePair(ids, pair, 256 + merges.length);
    merges.push(pair);
  }
  return { merges };
}

function mergePair(ids: readonly number[], [a, b]: Merge, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
      out.push(id);
      i += 1;
    } else out.push(ids[i] as number);
  }
  return out;
}

export { decode, encode } from '../reference.ts';
