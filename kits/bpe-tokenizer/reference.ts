/** One learned merge: the ids of the left and right token; merge i creates the id 256 + i. */
export type Merge = [number, number];

/**
 * Byte-level BPE training without a full recount per merge. The byte sequence is a doubly linked
 * list over positions; `where` maps every pair to the set of positions where it starts (kept
 * exactly, so its size is the pair's overlapping count); a max-heap with lazy deletion holds
 * (count, pair) entries and is pushed again whenever a count changes. One merge costs O(k log N)
 * for the k occurrences it fuses, so the whole training is O(N log N) however many merges it makes.
 */
export function train(text: string, vocabSize: number): { merges: Merge[] } {
  if (typeof text !== 'string') throw new TypeError(`train: text must be a string, got ${typeof text}`);
  if (typeof vocabSize !== 'number') throw new TypeError(`train: vocabSize must be a number, got ${typeof vocabSize}`);
  if (!Number.isInteger(vocabSize) || vocabSize < 256) {
    throw new RangeError(`train: vocabSize must be an integer >= 256, got ${vocabSize}`);
  }
  const tok = Array.from(utf8(text));
  const n = tok.length;
  const prev: number[] = [];
  const next: number[] = [];
  const alive: boolean[] = [];
  for (let i = 0; i < n; i++) {
    prev.push(i - 1);
    next.push(i + 1 < n ? i + 1 : -1);
    alive.push(true);
  }

  const where = new Map<number, Set<number>>();
  const heap: Entry[] = [];
  const touched = new Set<number>();
  const add = (a: number, b: number, at: number): void => {
    const key = pairKey(a, b);
    let set = where.get(key);
    if (set === undefined) {
      set = new Set();
      where.set(key, set);
    }
    set.add(at);
    touched.add(key);
  };
  const remove = (a: number, b: number, at: number): void => {
    const key = pairKey(a, b);
    (where.get(key) as Set<number>).delete(at);
    touched.add(key);
  };
  // Every changed pair goes into the heap once more with its new count; older entries go stale.
  const flush = (): void => {
    for (const key of touched) {
      const count = (where.get(key) as Set<number>).size;
      if (count >= 2) heapPush(heap, { count, key });
    }
    touched.clear();
  };

  for (let i = 0; i + 1 < n; i++) add(tok[i] as number, tok[i + 1] as number, i);
  flush();

  const merges: Merge[] = [];
  while (merges.length < vocabSize - 256) {
    const best = popCurrent(heap, where);
    if (best === undefined) break; // no pair occurs twice any more
    const a = Math.floor(best / SHIFT);
    const b = best % SHIFT;
    const id = 256 + merges.length;
    merges.push([a, b]);
    // A snapshot: the loop edits this very set. Positions come in insertion order, which is left to
    // right (a pair is only ever added during the merge that creates its newer id, left to right),
    // so a run of (a, a) fuses from its left end as a left-to-right scan does.
    for (const p of [...(where.get(best) as Set<number>)]) {
      // The index is exact, so a position still alive still starts (a, b). The one kind of stale
      // position: an overlapping (a, a) whose left token was just fused into the token before it.
      if (!alive[p]) continue;
      const q = next[p] as number;
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
    flush();
  }
  return { merges };
}

/**
 * Encodes by merge rank, as minbpe's `encode`: while some adjacent pair has a merge, merge every
 * occurrence of the pair with the lowest rank, left to right without overlap.
 */
export function encode(text: string, merges: readonly Merge[]): number[] {
  if (typeof text !== 'string') throw new TypeError(`encode: text must be a string, got ${typeof text}`);
  const rank = checkMerges(merges, 'encode');
  let ids = Array.from(utf8(text));
  for (;;) {
    let best = -1;
    for (let i = 0; i + 1 < ids.length; i++) {
      const r = rank.get(pairKey(ids[i] as number, ids[i + 1] as number));
      if (r !== undefined && (best === -1 || r < best)) best = r;
    }
    if (best === -1) return ids;
    const [a, b] = merges[best] as Merge;
    const out: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      // Past the end ids[i + 1] is undefined, which is no id.
      if (ids[i] === a && ids[i + 1] === b) {
        out.push(256 + best);
        i += 1;
      } else out.push(ids[i] as number);
    }
    ids = out;
  }
}

/**
 * Concatenates the bytes of the tokens, then decodes them as UTF-8 once: invalid or cut sequences
 * become U+FFFD (minbpe's errors="replace"), and a leading byte order mark is kept.
 */
export function decode(ids: readonly number[], merges: readonly Merge[]): string {
  checkMerges(merges, 'decode');
  if (!Array.isArray(ids)) throw new TypeError(`decode: ids must be an array, got ${typeof ids}`);
  const vocab: number[][] = [];
  for (let i = 0; i < 256; i++) vocab.push([i]);
  for (const [a, b] of merges) vocab.push([...(vocab[a] as number[]), ...(vocab[b] as number[])]);
  const bytes: number[] = [];
  for (const id of ids) {
    if (typeof id !== 'number') throw new TypeError(`decode: every id must be a number, got ${typeof id}`);
    if (!Number.isInteger(id) || id < 0 || id >= vocab.length) {
      throw new RangeError(`decode: id ${id} is not an integer in [0, ${vocab.length})`);
    }
    for (const byte of vocab[id] as number[]) bytes.push(byte);
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(bytes));
}

/** UTF-8 bytes of `text`; a lone surrogate becomes U+FFFD (EF BF BD), as TextEncoder does. */
function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

// Ids stay below 256 + N, so a pair packs into one safe integer a·2^26 + b for texts up to 2^26 bytes.
const SHIFT = 2 ** 26;
const pairKey = (a: number, b: number): number => a * SHIFT + b;

/** Merge i must be two integer ids below 256 + i; returns each pair's rank (its index). */
function checkMerges(merges: readonly Merge[], fn: string): Map<number, number> {
  if (!Array.isArray(merges)) throw new TypeError(`${fn}: merges must be an array, got ${typeof merges}`);
  const rank = new Map<number, number>();
  for (let i = 0; i < merges.length; i++) {
    const merge: unknown = merges[i];
    if (!Array.isArray(merge) || merge.length !== 2) {
      throw new TypeError(`${fn}: merges[${i}] must be a pair [a, b]`);
    }
    for (const id of merge) {
      if (typeof id !== 'number') throw new TypeError(`${fn}: merges[${i}] holds a ${typeof id}, not an id`);
      if (!Number.isInteger(id) || id < 0 || id >= 256 + i) {
        throw new RangeError(`${fn}: merges[${i}] holds ${id}, not an integer id in [0, ${256 + i})`);
      }
    }
    const key = pairKey(merge[0], merge[1]);
    if (!rank.has(key)) rank.set(key, i);
  }
  return rank;
}

/** A heap entry: a pair (packed) and its count when the entry was pushed. */
interface Entry {
  readonly count: number;
  readonly key: number;
}

/** Heap order: the higher count first; on equal counts the smaller pair (a, then b) first. */
const before = (x: Entry, y: Entry): boolean => x.count > y.count || (x.count === y.count && x.key < y.key);

/** Pops stale entries (count changed since the push) until the top is current; undefined if empty. */
function popCurrent(heap: Entry[], where: Map<number, Set<number>>): number | undefined {
  for (;;) {
    const top = heapPop(heap);
    if (top === undefined) return undefined;
    if ((where.get(top.key) as Set<number>).size === top.count) return top.key;
  }
}

function heapPush(heap: Entry[], entry: Entry): void {
  let child = heap.length;
  heap.push(entry);
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!before(entry, heap[parent] as Entry)) break;
    heap[child] = heap[parent] as Entry;
    child = parent;
  }
  heap[child] = entry;
}

function heapPop(heap: Entry[]): Entry | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  let parent = 0;
  for (;;) {
    let child = 2 * parent + 1;
    if (child >= heap.length) break;
    if (child + 1 < heap.length && before(heap[child + 1] as Entry, heap[child] as Entry)) child += 1;
    if (!before(heap[child] as Entry, last)) break;
    heap[parent] = heap[child] as Entry;
    parent = child;
  }
  heap[parent] = last;
  return top;
}
