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

export function buildSftExample(prompt: number[], response: number[], ignoreIndex = -100): SftExample {
  if (prompt.length + response.length === 0) {
    throw new RangeError('buildSftExample: prompt and response are both empty (an example needs a token)');
  }
  return {
    inputIds: [...prompt, ...response],
    labels: [...prompt.map(() => ignoreIndex), ...response],
  };
}

export function packSequences(seqs: SftExample[], ignoreIndex = -100): Pack {
  const pack: Pack = { inputIds: [], labels: [], positionIds: [], seqIds: [], cuSeqlens: [] };
  seqs.forEach(({ inputIds, labels }, s) => {
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

export function blockCausalMask(seqIds: number[]): tf.Tensor2D {
  const t = seqIds.length;
  return tf.tidy(() => {
    const ids = tf.tensor1d(seqIds, 'int32');
    const idx = tf.range(0, t, 1, 'int32');
    const sameSeq = tf.equal(ids.reshape([t, 1]), ids.reshape([1, t]));
    const notFuture = tf.lessEqual(idx.reshape([1, t]), idx.reshape([t, 1]));
    return tf.logicalAnd(sameSeq, notFuture).cast('float32') as tf.Tensor2D;
  });
}

function checkCuSeqlens(cuSeqlens: number[], fn: string): void {
  if (cuSeqlens[0] !== 0) {
    throw new RangeError(`${fn}: cuSeqlens must start at 0, got [${cuSeqlens.join(', ')}]`);
  }
  for (let i = 1; i < cuSeqlens.length; i++) {
    if (!((cuSeqlens[i] as number) > (cuSeqlens[i - 1] as number))) {
      throw new RangeError(`${fn}: cuSeqlens must be strictly increasing, got [${cuSeqlens.join(', ')}]`);
    }
  }
}

export function seqIdsFromCuSeqlens(cuSeqlens: number[]): number[] {
  checkCuSeqlens(cuSeqlens, 'seqIdsFromCuSeqlens');
  const seqIds: number[] = [];
  for (let s = 0; s + 1 < cuSeqlens.length; s++) {
    for (let p = cuSeqlens[s] as number; p < (cuSeqlens[s + 1] as number); p++) seqIds.push(s);
  }
  return seqIds;
}

export function packedAttention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, cuSeqlens: number[]): tf.Tensor2D {
  checkCuSeqlens(cuSeqlens, 'packedAttention');
  const [t, d] = q.shape;
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
      const masked = tf.where(causal, scores, tf.fill([l, l], -Infinity));
      outs.push(tf.matMul(tf.softmax(masked), vs));
    }
    return tf.concat(outs, 0);
  });
}

export function maskBytes(T: number, kind: MaskKind, bytesPerElement: number, numSeqs?: number): number {
  if (kind === '2d') return T * T * bytesPerElement;
  if (kind === 'seqIds') return T * bytesPerElement;
  if (numSeqs === undefined) throw new RangeError("maskBytes: kind 'cuSeqlens' needs numSeqs");
  return numSeqs * bytesPerElement;
}
