/**
 * Another way: beams are nodes of a prefix tree (token, parent, cumulative log-prob), as HF keeps
 * `beam_indices`; a prefix is rebuilt by walking the parents. Candidates live in one flat
 * Float64Array indexed beam·V + token, so "lower beam, then lower token" is simply "lower flat
 * index"; the ranking sorts an Int32Array of flat indices. Finished hypotheses are inserted into a
 * pool kept sorted, after every equal score (so earlier finishers stay first), and capped at
 * numBeams. Same budget: O(B·V·log(B·V) + B·(P + t)) per position.
 */
export type StepFn = (prefix: readonly number[]) => readonly number[];

export interface BeamSearchOptions {
  prompt?: readonly number[];
  numBeams: number;
  maxNewTokens: number;
  eosTokenId: number;
  lengthPenalty?: number;
  numReturnSequences?: number;
}

export interface Hypothesis {
  tokens: number[];
  score: number;
}

interface Node {
  readonly token: number;
  readonly parent: Node | null;
  readonly depth: number;
  readonly sum: number;
}

function wholeNumber(name: string, x: unknown, lowest: number): number {
  if (typeof x !== 'number') throw new TypeError(`${name}: expected a number`);
  if (!(Number.isInteger(x) && x >= lowest))
    throw new RangeError(`${name}: expected an integer >= ${lowest}, got ${x}`);
  return x;
}

/** The generated tokens of a node, first to last. */
function tokensOf(node: Node | null): number[] {
  const out: number[] = [];
  for (let n = node; n !== null; n = n.parent) out.push(n.token);
  return out.reverse();
}

export function beamSearch(step: StepFn, options: BeamSearchOptions): Hypothesis[] {
  if (typeof step !== 'function') throw new TypeError('step: expected a function');
  if (options === null || typeof options !== 'object') throw new TypeError('options: expected an object');
  const B = wholeNumber('numBeams', options.numBeams, 1);
  const L = wholeNumber('maxNewTokens', options.maxNewTokens, 1);
  const eos = wholeNumber('eosTokenId', options.eosTokenId, 0);
  const R = wholeNumber('numReturnSequences', options.numReturnSequences ?? 1, 1);
  if (R > B) throw new RangeError(`numReturnSequences: expected at most numBeams = ${B}, got ${R}`);
  const alpha = options.lengthPenalty ?? 1;
  if (typeof alpha !== 'number') throw new TypeError('lengthPenalty: expected a number');
  if (!Number.isFinite(alpha)) throw new RangeError(`lengthPenalty: expected finite, got ${alpha}`);
  const rawPrompt: unknown = options.prompt ?? [];
  if (!Array.isArray(rawPrompt)) throw new TypeError('prompt: expected an array');
  const prompt: number[] = [];
  for (const [i, id] of rawPrompt.entries()) prompt.push(wholeNumber(`prompt[${i}]`, id, 0));

  let V = -1;
  let beams: (Node | null)[] = [null]; // null: the empty prefix, cumulative log-prob 0
  const pool: Hypothesis[] = [];
  let finishedCount = 0;
  for (let t = 1; t <= L && finishedCount < B; t++) {
    const rows: (readonly number[])[] = [];
    for (const node of beams) {
      const row = step(prompt.concat(tokensOf(node)));
      if (!Array.isArray(row)) throw new TypeError('step: expected it to return an array');
      if (V === -1) {
        V = row.length;
        if (eos >= V) throw new RangeError(`eosTokenId: ${eos} is outside the vocabulary [0, ${V})`);
      } else if (row.length !== V) throw new RangeError(`step: returned ${row.length} entries, expected ${V}`);
      for (const x of row) {
        if (typeof x !== 'number') throw new TypeError('step: returned a non-number');
        if (Number.isNaN(x) || x === Number.POSITIVE_INFINITY) throw new RangeError(`step: returned ${x}`);
      }
      rows.push(row);
    }
    const scores = new Float64Array(beams.length * V);
    rows.forEach((row, b) => {
      const base = beams[b]?.sum ?? 0;
      for (let v = 0; v < V; v++) scores[b * V + v] = base + (row[v] as number);
    });
    const order = Int32Array.from(scores.keys()).sort((i, j) => {
      const si = scores[i] as number;
      const sj = scores[j] as number;
      return si === sj ? i - j : si > sj ? -1 : 1; // equal sums (−∞ too): lower flat index first
    });

    const nextBeams: Node[] = [];
    order.forEach((index, rank) => {
      const parent = beams[Math.floor(index / V)] as Node | null;
      const token = index % V;
      const node: Node = { token, parent, depth: t, sum: scores[index] as number };
      const done = token === eos || t === L;
      if (!done) {
        if (nextBeams.length < B) nextBeams.push(node);
        return;
      }
      if (rank >= B) return;
      finishedCount++;
      const score = node.sum / t ** alpha;
      let at = pool.length;
      while (at > 0 && (pool[at - 1] as Hypothesis).score < score) at--;
      if (at < B) pool.splice(at, 0, { tokens: tokensOf(node), score });
      if (pool.length > B) pool.pop();
    });
    beams = nextBeams;
  }
  return pool.slice(0, R);
}
