export type Merge = [number, number];

/**
 * Training with exact counts, lazy position lists and a bucket queue. `count` maps a pair to its
 * overlapping count; `seen` maps it to every position where it was ever created (stale ones are
 * skipped when the pair is merged); bucket c is a min-heap of the pairs pushed with count c (as [a, b]). The
 * best count never rises: pairs of old ids only lose occurrences, and a new pair has at most as many
 * as the merge that made it. So a pointer walks down the buckets once, and each bucket pops the
 * smallest pair first.
 */
export function train(text: string, vocabSize: number): { merges: Merge[] } {
  if (typeof text !== 'string') throw new TypeError('train: text must be a string');
  if (typeof vocabSize !== 'number') throw new TypeError('train: vocabSize must be a number');
  if (!Number.isInteger(vocabSize) || vocabSize < 256)
    throw new RangeError('train: vocabSize must be an integer >= 256');
  const seq = bytesOf(text);
  const n = seq.length;
  const left = new Int32Array(n);
  const right = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    left[i] = i - 1;
    right[i] = i + 1 === n ? -1 : i + 1;
  }
  const count = new Map<string, number>();
  const seen = new Map<string, number[]>();
  const buckets: Merge[][] = [];
  let best = 0;
  const changed = new Set<string>();

  const bump = (a: number, b: number, at: number, by: 1 | -1): void => {
    const key = `${a},${b}`;
    count.set(key, (count.get(key) ?? 0) + by);
    changed.add(key);
    if (by === 1) {
      const list = seen.get(key);
      if (list === undefined) seen.set(key, [at]);
      else list.push(at);
    }
  };
  const settle = (): void => {
    for (const key of changed) {
      const c = count.get(key) as number;
      if (c < 2) continue;
      let bucket = buckets[c];
      if (bucket === undefined) {
        bucket = [];
        buckets[c] = bucket;
      }
      const comma = key.indexOf(',');
      minPush(bucket, [Number(key.slice(0, comma)), Number(key.slice(comma + 1))]);
      if (c > best) best = c;
    }
    changed.clear();
  };
  const nextPair = (): Merge | undefined => {
    for (; best >= 2; best--) {
      const bucket = buckets[best];
      while (bucket !== undefined && bucket.length > 0) {
        const pair = minPop(bucket);
        if (count.get(`${pair[0]},${pair[1]}`) === best) return pair;
      }
    }
    return undefined;
  };

  for (let i = 0; i + 1 < n; i++) bump(seq[i] as number, seq[i + 1] as number, i, 1);
  settle();

  const merges: Merge[] = [];
  const wanted = vocabSize - 256;
  while (merges.length < wanted) {
    const pair = nextPair();
    if (pair === undefined) break;
    const [a, b] = pair;
    const key = `${a},${b}`;
    const id = 256 + merges.length;
    merges.push([a, b]);
    for (const p of seen.get(key) as number[]) {
      const q = right[p] as number;
      // Skip what is stale: a fused-away position, or one whose pair has changed since.
      if (seq[p] !== a || q === -1 || seq[q] !== b) continue;
      const l = left[p] as number;
      const r = right[q] as number;
      if (l !== -1) bump(seq[l] as number, a, l, -1);
      bump(a, b, p, -1);
      if (r !== -1) bump(b, seq[r] as number, q, -1);
      seq[p] = id;
      seq[q] = -1; // no token has id -1, so a stale q never matches
      right[p] = r;
      if (r !== -1) left[r] = p;
      if (l !== -1) bump(seq[l] as number, id, l, 1);
      if (r !== -1) bump(id, seq[r] as number, p, 1);
    }
    seen.delete(key);
    settle();
  }
  return { merges };
}

/** Applies the merges in rank order, each once over the whole sequence, left to right. */
export function encode(text: string, merges: readonly Merge[]): number[] {
  if (typeof text !== 'string') throw new TypeError('encode: text must be a string');
  validate(merges);
  let ids = Array.from(bytesOf(text));
  merges.forEach(([a, b], i) => {
    const out: number[] = [];
    let j = 0;
    while (j < ids.length) {
      if (ids[j] === a && ids[j + 1] === b && j + 1 < ids.length) {
        out.push(256 + i);
        j += 2;
      } else {
        out.push(ids[j] as number);
        j += 1;
      }
    }
    ids = out;
  });
  return ids;
}

/** Expands every id to its bytes with an explicit stack, then one UTF-8 decode of the whole. */
export function decode(ids: readonly number[], merges: readonly Merge[]): string {
  validate(merges);
  if (!Array.isArray(ids)) throw new TypeError('decode: ids must be an array');
  const out: number[] = [];
  for (const id of ids) {
    if (typeof id !== 'number') throw new TypeError('decode: an id is not a number');
    if (!Number.isInteger(id) || id < 0 || id >= 256 + merges.length) throw new RangeError(`decode: bad id ${id}`);
    const stack = [id];
    while (stack.length > 0) {
      const t = stack.pop() as number;
      if (t < 256) out.push(t);
      else {
        const [a, b] = merges[t - 256] as Merge;
        stack.push(b, a);
      }
    }
  }
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Uint8Array.from(out));
}

/** UTF-8 as a mutable Int32Array (training writes ids >= 256 and the -1 tombstone into it). */
function bytesOf(text: string): Int32Array {
  return Int32Array.from(new TextEncoder().encode(text));
}

function validate(merges: readonly Merge[]): void {
  if (!Array.isArray(merges)) throw new TypeError('merges must be an array');
  merges.forEach((merge: unknown, i) => {
    if (!Array.isArray(merge) || merge.length !== 2) throw new TypeError(`merges[${i}] is not a pair`);
    for (const id of merge) {
      if (typeof id !== 'number') throw new TypeError(`merges[${i}] holds a non-number`);
      if (!Number.isInteger(id) || id < 0 || id > 255 + i) throw new RangeError(`merges[${i}] holds the bad id ${id}`);
    }
  });
}

/** A min-heap of pairs ordered by (a, b). */
const less = (x: Merge, y: Merge): boolean => x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);

function minPush(heap: Merge[], pair: Merge): void {
  heap.push(pair);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(heap[i] as Merge, heap[parent] as Merge)) break;
    [heap[i], heap[parent]] = [heap[parent] as Merge, heap[i] as Merge];
    i = parent;
  }
}

function minPop(heap: Merge[]): Merge {
  const top = heap[0] as Merge;
  const last = heap.pop() as Merge;
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l] as Merge, heap[m] as Merge)) m = l;
      if (r < heap.length && less(heap[r] as Merge, heap[m] as Merge)) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m] as Merge, heap[i] as Merge];
      i = m;
    }
  }
  return top;
}
