/**
 * The oracle: a literal port of minbpe's BasicTokenizer (recount every pair before every merge),
 * with this kata's two rules: the tie goes to the smallest pair (a, then b), and training stops when
 * no pair occurs at least twice. Slow (O(N) per merge) and obviously right; written without
 * TextEncoder, so the UTF-8 of the suite's expectations is derived independently too.
 */
export type Pair = [number, number];

/** UTF-8 bytes by hand, from code points; a lone surrogate is U+FFFD (EF BF BD). */
export function utf8Bytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** minbpe's get_stats: every consecutive (overlapping) pair and its count, keyed a·2^32 + b. */
function stats(ids: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i + 1 < ids.length; i++) {
    const key = (ids[i] as number) * 2 ** 32 + (ids[i + 1] as number);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** minbpe's merge: every occurrence of `pair`, left to right, without overlap. */
export function mergePair(ids: readonly number[], pair: Pair, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === pair[0] && ids[i + 1] === pair[1]) {
      out.push(id);
      i += 1;
    } else out.push(ids[i] as number);
  }
  return out;
}

const parse = (key: number): Pair => [Math.floor(key / 2 ** 32), key % 2 ** 32];

/** The training, recounting before every merge; also returns the final sequence (what encode must give). */
export function oracleTrain(text: string, vocabSize: number): { merges: Pair[]; ids: number[] } {
  let ids = utf8Bytes(text);
  const merges: Pair[] = [];
  while (merges.length < vocabSize - 256) {
    let best: Pair | undefined;
    let bestCount = 1;
    for (const [key, count] of stats(ids)) {
      const pair = parse(key);
      const smaller = best !== undefined && (pair[0] < best[0] || (pair[0] === best[0] && pair[1] < best[1]));
      if (count > bestCount || (count === bestCount && best !== undefined && smaller)) {
        best = pair;
        bestCount = count;
      }
    }
    if (best === undefined) break;
    ids = mergePair(ids, best, 256 + merges.length);
    merges.push(best);
  }
  return { merges, ids };
}

/** minbpe's encode: while a pair with a merge is present, merge the one of lowest rank. */
export function oracleEncode(text: string, merges: readonly Pair[]): number[] {
  let ids = utf8Bytes(text);
  for (;;) {
    let best = Number.POSITIVE_INFINITY;
    for (const key of stats(ids).keys()) {
      const [a, b] = parse(key);
      const rank = merges.findIndex(([x, y]) => x === a && y === b);
      if (rank >= 0 && rank < best) best = rank;
    }
    if (best === Number.POSITIVE_INFINITY) return ids;
    ids = mergePair(ids, merges[best] as Pair, 256 + best);
  }
}

/** The bytes of token `id`, expanded recursively through the merges. */
export function tokenBytes(id: number, merges: readonly Pair[]): number[] {
  if (id < 256) return [id];
  const [a, b] = merges[id - 256] as Pair;
  return [...tokenBytes(a, merges), ...tokenBytes(b, merges)];
}

/** `text` with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed, by hand). */
export function wellFormed(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = (j: number) => j < text.length && text.charCodeAt(j) >= 0xdc00 && text.charCodeAt(j) <= 0xdfff;
    if (high && low(i + 1)) {
      out += text.slice(i, i + 2);
      i += 1;
    } else out += c >= 0xd800 && c <= 0xdfff ? '\uFFFD' : text[i];
  }
  return out;
}
