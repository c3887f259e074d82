import * as tf from '@tensorflow/tfjs';

/**
 * Another way, with other tensor ops: the causal part of every mask comes from
 * tf.linalg.bandPart on a float32 matrix of ones (the lower triangle), packedAttention adds a
 * finite −1e30 bias where attention is blocked and runs its own max-subtracted softmax
 * (exp(x − max) / Σ), and the index bookkeeping is written with plain loops.
 */
type Example = { inputIds: number[]; labels: number[] };

function integers(value: unknown, what: string, min: number): number[] {
  if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array`);
  for (let i = 0; i < value.length; i++) {
    const x: unknown = value[i];
    if (typeof x !== 'number') throw new TypeError(`${what}[${i}]: expected a number, got ${typeof x}`);
    if (!Number.isInteger(x) || x < min) throw new RangeError(`${what}[${i}]: expected an integer >= ${min}, got ${x}`);
  }
  return value as number[];
}

function negativeInteger(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`ignoreIndex: expected a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value >= 0)
    throw new RangeError(`ignoreIndex: expected a negative integer, got ${value}`);
  return value;
}

export function buildSftExample(
  prompt: number[],
  response: number[],
  ignoreIndex = -100,
): { inputIds: number[]; labels: number[] } {
  const p = integers(prompt, 'prompt', 0);
  const r = integers(response, 'response', 0);
  const ignore = negativeInteger(ignoreIndex);
  if (p.length === 0 && r.length === 0) throw new RangeError('buildSftExample: nothing to learn from, both are empty');
  return { inputIds: p.concat(r), labels: new Array<number>(p.length).fill(ignore).concat(r) };
}

export function packSequences(
  seqs: Example[],
  ignoreIndex = -100,
): { inputIds: number[]; labels: number[]; positionIds: number[]; seqIds: number[]; cuSeqlens: number[] } {
  if (!Array.isArray(seqs)) throw new TypeError('seqs: expected an array');
  const ignore = negativeInteger(ignoreIndex);
  const inputIds: number[] = [];
  const labels: number[] = [];
  const positionIds: number[] = [];
  const seqIds: number[] = [];
  const cuSeqlens = [0];
  for (let s = 0; s < seqs.length; s++) {
    const seq: unknown = seqs[s];
    if (seq === null || typeof seq !== 'object') throw new TypeError(`seqs[${s}]: expected { inputIds, labels }`);
    const ids = integers((seq as Example).inputIds, `seqs[${s}].inputIds`, 0);
    const given = integers((seq as Example).labels, `seqs[${s}].labels`, Number.NEGATIVE_INFINITY);
    if (ids.length !== given.length) throw new RangeError(`seqs[${s}]: ${ids.length} ids, ${given.length} labels`);
    if (ids.length === 0) throw new RangeError(`seqs[${s}]: an empty sequence`);
    for (let p = 0; p < ids.length; p++) {
      inputIds.push(ids[p] as number);
      labels.push(p === 0 ? ignore : (given[p] as number)); // the first label would cross the boundary
      positionIds.push(p);
      seqIds.push(s);
    }
    cuSeqlens.push(inputIds.length);
  }
  return { inputIds, labels, positionIds, seqIds, cuSeqlens };
}

/** The lower triangle (j ≤ i) of an [n, n] float32 matrix of ones. */
const lowerTriangle = (n: number): tf.Tensor2D => tf.linalg.bandPart(tf.ones([n, n], 'float32'), -1, 0);

export function blockCausalMask(seqIds: number[]): tf.Tensor2D {
  const ids = integers(seqIds, 'seqIds', Number.NEGATIVE_INFINITY);
  const t = ids.length;
  if (t === 0) throw new RangeError('seqIds: expected at least one token');
  return tf.tidy(() => {
    const column = tf.tensor2d(ids, [t, 1], 'int32');
    const same = tf.equal(column, column.transpose()).cast('float32');
    return same.mul(lowerTriangle(t)) as tf.Tensor2D;
  });
}

function boundaries(cuSeqlens: unknown): number[] {
  const cu = integers(cuSeqlens, 'cuSeqlens', Number.NEGATIVE_INFINITY);
  if (cu.length === 0 || cu[0] !== 0) throw new RangeError('cuSeqlens: must start with 0');
  for (let i = 1; i < cu.length; i++) {
    if ((cu[i] as number) <= (cu[i - 1] as number)) throw new RangeError('cuSeqlens: must be strictly increasing');
  }
  return cu;
}

export function seqIdsFromCuSeqlens(cuSeqlens: number[]): number[] {
  const cu = boundaries(cuSeqlens);
  const ids: number[] = [];
  for (let s = 0; s + 1 < cu.length; s++) {
    for (let p = cu[s] as number; p < (cu[s + 1] as number); p++) ids.push(s);
  }
  return ids;
}

function matrix(x: unknown, name: string): tf.Tensor2D {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`${name}: expected a tf.Tensor`);
  if (x.dtype !== 'float32') throw new TypeError(`${name}: expected float32, got ${x.dtype}`);
  if (x.rank !== 2) throw new RangeError(`${name}: expected a 2-D tensor, got rank ${x.rank}`);
  return x as tf.Tensor2D;
}

export function packedAttention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, cuSeqlens: number[]): tf.Tensor2D {
  const [t, d] = matrix(q, 'q').shape;
  const [tk, dk] = matrix(k, 'k').shape;
  const [tv] = matrix(v, 'v').shape;
  if (tk !== t || dk !== d || tv !== t) throw new RangeError('q, k, v: expected [T, d], [T, d], [T, dv]');
  const cu = boundaries(cuSeqlens);
  if (cu[cu.length - 1] !== t) throw new RangeError(`cuSeqlens: must end at T = ${t}`);
  return tf.tidy(() => {
    const rows: tf.Tensor2D[] = [];
    for (let s = 0; s + 1 < cu.length; s++) {
      const [from, to] = [cu[s] as number, cu[s + 1] as number];
      const l = to - from;
      const scores = tf.matMul(q.slice([from, 0], [l, d]), k.slice([from, 0], [l, d]), false, true).div(Math.sqrt(d));
      const blocked = tf.scalar(1).sub(lowerTriangle(l)).mul(-1e30); // 0 where j ≤ i, −1e30 above
      const biased = scores.add(blocked);
      const e = tf.exp(biased.sub(biased.max(1, true)));
      rows.push(tf.matMul(e.div(e.sum(1, true)), v.slice([from, 0], [l, -1])));
    }
    return tf.concat(rows, 0);
  });
}

export function maskBytes(
  T: number,
  kind: '2d' | 'seqIds' | 'cuSeqlens',
  bytesPerElement: number,
  numSeqs?: number,
): number {
  const [t, b] = integers([T, bytesPerElement], 'T and bytesPerElement', 1) as [number, number];
  switch (kind) {
    case '2d':
      return t * t * b;
    case 'seqIds':
      return t * b;
    case 'cuSeqlens': {
      if (numSeqs === undefined) throw new TypeError("maskBytes: 'cuSeqlens' needs numSeqs");
      const [n] = integers([numSeqs], 'numSeqs', 1) as [number];
      return (n + 1) * b;
    }
    default:
      throw new RangeError(`maskBytes: unknown kind ${String(kind)}`);
  }
}
