import * as tf from '@tensorflow/tfjs';

export interface SftExample {
  inputIds: number[];
  labels: number[];
}

export interface Pack {
  inputIds: number[];
  labels: number[];
  positionIds: number[];
  seqIds: number[];
  cuSeqlens: number[];
}

export type MaskKind = '2d' | 'seqIds' | 'cuSeqlens';

const MASK_KINDS: readonly unknown[] = ['2d', 'seqIds', 'cuSeqlens'];

function checkArray(value: unknown, name: string): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array, got ${typeof value}`);
}

/** A number (TypeError otherwise) that is an integer >= min (RangeError otherwise). */
function checkInteger(value: unknown, name: string, min = Number.NEGATIVE_INFINITY): asserts value is number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

/** An array of token ids: integers >= 0. */
function checkTokens(value: unknown, name: string): void {
  checkArray(value, name);
  value.forEach((id, i) => {
    checkInteger(id, `${name}[${i}]`, 0);
  });
}

/** ignoreIndex: a negative integer, so it can never be a token id. */
function checkIgnoreIndex(ignoreIndex: unknown): void {
  checkInteger(ignoreIndex, 'ignoreIndex');
  if ((ignoreIndex as number) >= 0) throw new RangeError(`ignoreIndex must be negative, got ${ignoreIndex}`);
}

/**
 * One SFT example: the prompt then the response as inputIds; labels unshifted (the model shifts),
 * ignoreIndex over the prompt so that only response tokens are learned. O(P + R).
 */
export function buildSftExample(prompt: number[], response: number[], ignoreIndex = -100): SftExample {
  checkTokens(prompt, 'prompt');
  checkTokens(response, 'response');
  checkIgnoreIndex(ignoreIndex);
  if (prompt.length + response.length === 0) {
    throw new RangeError('buildSftExample: prompt and response are both empty (an example needs a token)');
  }
  return {
    inputIds: [...prompt, ...response],
    labels: [...prompt.map(() => ignoreIndex), ...response],
  };
}

/**
 * Padding-free packing (HF DataCollatorWithFlattening): sequences concatenated, each one's first
 * label replaced by ignoreIndex (after the model's shift it would be predicted from the previous
 * sequence's last token), positions restarting at 0, seqIds numbering the sequences, and
 * cuSeqlens the running total of lengths from 0. O(T).
 */
export function packSequences(seqs: SftExample[], ignoreIndex = -100): Pack {
  checkArray(seqs, 'seqs');
  checkIgnoreIndex(ignoreIndex);
  const pack: Pack = { inputIds: [], labels: [], positionIds: [], seqIds: [], cuSeqlens: [0] };
  seqs.forEach((seq, s) => {
    const { inputIds, labels } = seq;
    checkTokens(inputIds, `seqs[${s}].inputIds`);
    checkArray(labels, `seqs[${s}].labels`);
    labels.forEach((label, p) => {
      checkInteger(label, `seqs[${s}].labels[${p}]`);
    });
    if (inputIds.length !== labels.length) {
      throw new RangeError(
        `packSequences: seqs[${s}] has ${inputIds.length} inputIds but ${labels.length} labels (must be equal)`,
      );
    }
    if (inputIds.length === 0)
      throw new RangeError(`packSequences: seqs[${s}] is empty (every sequence needs a token)`);
    inputIds.forEach((id, p) => {
      pack.inputIds.push(id);
      pack.labels.push(p === 0 ? ignoreIndex : (labels[p] as number));
      pack.positionIds.push(p);
      pack.seqIds.push(s);
    });
    pack.cuSeqlens.push(pack.inputIds.length);
  });
  return pack;
}

/**
 * The dense [T, T] float32 mask: 1 where seqIds agree and j ≤ i, else 0. Built from two
 * broadcast comparisons ([T, 1] against [1, T]); O(T²) memory by definition.
 */
export function blockCausalMask(seqIds: number[]): tf.Tensor2D {
  checkArray(seqIds, 'seqIds');
  seqIds.forEach((id, i) => {
    checkInteger(id, `seqIds[${i}]`);
  });
  const t = seqIds.length;
  if (t === 0) throw new RangeError('blockCausalMask: seqIds must hold at least one token');
  return tf.tidy(() => {
    const ids = tf.tensor1d(seqIds, 'int32');
    const idx = tf.range(0, t, 1, 'int32');
    const sameSeq = tf.equal(ids.reshape([t, 1]), ids.reshape([1, t]));
    const notFuture = tf.lessEqual(idx.reshape([1, t]), idx.reshape([t, 1]));
    return tf.logicalAnd(sameSeq, notFuture).cast('float32') as tf.Tensor2D;
  });
}

function checkCuSeqlens(cuSeqlens: number[], fn: string): void {
  checkArray(cuSeqlens, 'cuSeqlens');
  cuSeqlens.forEach((c, i) => {
    checkInteger(c, `cuSeqlens[${i}]`);
  });
  if (cuSeqlens[0] !== 0) {
    throw new RangeError(`${fn}: cuSeqlens must start at 0, got [${cuSeqlens.join(', ')}]`);
  }
  for (let i = 1; i < cuSeqlens.length; i++) {
    if (!((cuSeqlens[i] as number) > (cuSeqlens[i - 1] as number))) {
      throw new RangeError(`${fn}: cuSeqlens must be strictly increasing, got [${cuSeqlens.join(', ')}]`);
    }
  }
}

/** seqIds[p] = s for cuSeqlens[s] ≤ p < cuSeqlens[s + 1]. O(T). */
export function seqIdsFromCuSeqlens(cuSeqlens: number[]): number[] {
  checkCuSeqlens(cuSeqlens, 'seqIdsFromCuSeqlens');
  return cuSeqlens.slice(1).flatMap((end, s) => Array.from({ length: end - (cuSeqlens[s] as number) }, () => s));
}

/** A float32 tf.Tensor2D (TypeError otherwise: a plain array, another rank's tensor is a RangeError). */
function checkMatrix(x: unknown, name: string): tf.Tensor2D {
  if (!(x instanceof tf.Tensor)) throw new TypeError(`packedAttention: ${name} must be a tf.Tensor`);
  if (x.dtype !== 'float32') throw new TypeError(`packedAttention: ${name} must be float32, got ${x.dtype}`);
  if (x.rank !== 2) throw new RangeError(`packedAttention: ${name} must be 2-D, got shape [${x.shape}]`);
  return x as tf.Tensor2D;
}

/**
 * Varlen attention over a pack (flash_attn_varlen_func's contract, one head): each sequence
 * cuSeqlens[s]..cuSeqlens[s+1] attends causally to itself only, softmax(q·kᵀ/√d)·v. A loop over
 * the sequences: the largest tensor is one sequence's [l, l] scores, never [T, T].
 * O(Σ l²·d) time; O(T·(d + dv) + Σ l²) memory, as tf.tidy frees the per-sequence tensors at the end.
 */
export function packedAttention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, cuSeqlens: number[]): tf.Tensor2D {
  const [t, d] = checkMatrix(q, 'q').shape;
  checkMatrix(k, 'k');
  checkMatrix(v, 'v');
  if (k.shape[0] !== t || k.shape[1] !== d) {
    throw new RangeError(`packedAttention: k must have q's shape [${t}, ${d}], got [${k.shape}]`);
  }
  if (v.shape[0] !== t) throw new RangeError(`packedAttention: v must have ${t} rows like q, got [${v.shape}]`);
  checkCuSeqlens(cuSeqlens, 'packedAttention');
  if (cuSeqlens.at(-1) !== t) {
    throw new RangeError(`packedAttention: cuSeqlens must end at T = ${t}, got [${cuSeqlens.join(', ')}]`);
  }
  const scale = 1 / Math.sqrt(d);
  return tf.tidy(() => {
    const outs: tf.Tensor2D[] = [];
    for (let s = 0; s + 1 < cuSeqlens.length; s++) {
      const start = cuSeqlens[s] as number;
      const l = (cuSeqlens[s + 1] as number) - start;
      const qs = q.slice([start, 0], [l, -1]);
      const ks = k.slice([start, 0], [l, -1]);
      const vs = v.slice([start, 0], [l, -1]);
      const scores = tf.matMul(qs, ks, false, true).mul(scale);
      const pos = tf.range(0, l, 1, 'int32');
      const causal = tf.lessEqual(pos.reshape([1, l]), pos.reshape([l, 1]));
      const masked = tf.where(causal, scores, tf.scalar(-Infinity));
      outs.push(tf.matMul(tf.softmax(masked), vs));
    }
    return tf.concat(outs, 0);
  });
}

/**
 * Bytes of one mask representation for a pack of T tokens: a dense [T, T] mask (T² elements;
 * times heads and batch if expanded), the [T] seqIds, or the [numSeqs + 1] cuSeqlens.
 */
export function maskBytes(T: number, kind: MaskKind, bytesPerElement: number, numSeqs?: number): number {
  checkInteger(T, 'T', 1);
  if (!MASK_KINDS.includes(kind)) throw new RangeError(`maskBytes: kind must be '2d', 'seqIds' or 'cuSeqlens'`);
  checkInteger(bytesPerElement, 'bytesPerElement', 1);
  if (kind === '2d') return T * T * bytesPerElement;
  if (kind === 'seqIds') return T * bytesPerElement;
  // numSeqs is required here: a missing one is undefined, not a number (TypeError).
  checkInteger(numSeqs, 'numSeqs', 1);
  return (numSeqs + 1) * bytesPerElement;
}
