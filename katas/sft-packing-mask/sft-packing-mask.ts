// Kata: sft-packing-mask (25 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check sft-packing-mask   (or: npx vitest --watch sft-packing-mask)

import * as tf from '@tensorflow/tfjs';

export function buildSftExample(
  prompt: number[],
  response: number[],
  ignoreIndex?: number,
): { inputIds: number[]; labels: number[] } {
  // TODO: inputIds = prompt then response; labels unshifted, ignoreIndex (−100) over the prompt.
  throw new Error('TODO: sft-packing-mask');
}

export function packSequences(
  seqs: Array<{ inputIds: number[]; labels: number[] }>,
  ignoreIndex?: number,
): { inputIds: number[]; labels: number[]; positionIds: number[]; seqIds: number[]; cuSeqlens: number[] } {
  // TODO: concatenate without padding; first label of each sequence → ignoreIndex; positions restart; cuSeqlens from 0.
  throw new Error('TODO: sft-packing-mask');
}

export function blockCausalMask(seqIds: number[]): tf.Tensor2D {
  // TODO: [T, T] float32, mask[i][j] = 1 when seqIds[i] === seqIds[j] and j ≤ i, else 0.
  throw new Error('TODO: sft-packing-mask');
}

export function seqIdsFromCuSeqlens(cuSeqlens: number[]): number[] {
  // TODO: token p belongs to sequence s when cuSeqlens[s] ≤ p < cuSeqlens[s + 1].
  throw new Error('TODO: sft-packing-mask');
}

export function packedAttention(q: tf.Tensor2D, k: tf.Tensor2D, v: tf.Tensor2D, cuSeqlens: number[]): tf.Tensor2D {
  // TODO: causal softmax(q·kᵀ/√d)·v within each sequence, without ever building a [T, T] tensor.
  throw new Error('TODO: sft-packing-mask');
}

export function maskBytes(
  T: number,
  kind: '2d' | 'seqIds' | 'cuSeqlens',
  bytesPerElement: number,
  numSeqs?: number,
): number {
  // TODO: bytes of a dense [T, T] mask, of the [T] seqIds, or of the [numSeqs + 1] cuSeqlens.
  throw new Error('TODO: sft-packing-mask');
}
