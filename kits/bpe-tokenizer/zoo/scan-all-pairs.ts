export type Merge = [number, number];

/**
 * Keeps the counts up to date incrementally (a linked list and a pair → positions index, as the
 * reference does), but finds the best pair by scanning every pair with a count: O(distinct pairs)
 * per merge instead of O(log N).
 */
export function train(text: string, vocabSize: number): { merges: Merge[] } {
  if (typeof text !== 'string') throw new TypeError('train: text must be a string');
  if (typeof vocabSize !== 'number') throw new TypeError('train: vocabSize must be a number');
  if (!Number.isInteger(vocabSize) || vocabSize < 256)
    throw new RangeError('train: vocabSize must be an integer >= 256');
  const tok = Array.from(new TextEncoder().encode(text));
  const n = tok.length;
  const prev = tok.map((_, i) => i - 1);
  const next = tok.map((_, i) => (i + 1 < n ? i + 1 : -1));
  const alive = tok.map(() => true);
  const where = new Map<string, Set<number>>();
  const add = (a: number, b: number, at: number): void => {
    const key = `${a},${b}`;
    const set = where.get(key);
    if (set === undefined) where.set(key, new Set([at]));
    else set.add(at);
  };
  const remove = (a: number, b: number, at: number): void => {
    const key = `${a},${b}`;
    const set = where.get(key) as Set<number>;
    set.delete(at);
    if (set.size === 0) where.delete(key);
  };
  for (let i = 0; i + 1 < n; i++) add(tok[i] as number, tok[i + 1] as number, i);
  const merges: Merge[] = [];
  while (merges.length < vocabSize - 256) {
    let best: Merge | undefined;
    let bestCount = 1;
    for (const [key, set] of where) {
      const [a, b] = key.split(',').map(Number) as Merge;
      const smaller = best !== undefined && (a < best[0] || (a === best[0] && b < best[1]));
      if (set.size > bestCount || (set.size === bestCount && smaller)) {
        best = [a, b];
        bestCount = set.size;
      }
    }
    if (best === undefined) break;
    const [a, b] = best;
    const id = 256 + merges.length;
    merges.push(best);
    for (const p of [...(where.get(`${a},${b}`) as Set<number>)]) {
      const q = next[p] as number;
      if (!alive[p] || q === -1 || tok[p] !== a || tok[q] !== b) continue;
      const l = prev[p] as number;
      const r = next[q] as number;
      if (l !== -1) remove(tok[l] as number, a, l);
      remove(a, b, p);
      if (r !== -1) remove(b, tok[r] as number, q);
      tok[p] = id;
      alive[q] = false;
      next[p] = r;
      if (r !== -1) prev[r] = p;
      if (l !== -1) add(tok[l] as number, id, l);
      if (r !== -1) add(id, tok[r] as number, p);
    }
  }
  return { merges };
}

export { decode, encode } from '../reference.ts';
