/**
 * Float64 loop oracles for the contrastive-loss kata, written from the formulas (HF transformers'
 * `CLIPModel.forward` and `clip_loss`, open_clip's `ClipLoss` and its clamp of `logit_scale` to
 * [0, ln 100], InfoNCE of van den Oord et al. 2018). Plain row-major arrays, no tfjs, no vitest.
 */

/** Row i of a flat [N, D] array. */
function row(x: ArrayLike<number>, i: number, D: number): number[] {
  return Array.from({ length: D }, (_, d) => x[i * D + d] as number);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += (a[d] as number) * (b[d] as number);
  return s;
}

function normalised(v: readonly number[]): number[] {
  const norm = Math.sqrt(dot(v, v));
  return v.map((x) => x / norm);
}

/** logsumexp of a row, max first. */
export function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/** Cross-entropy with labels i → i, averaged over the rows of an N×N matrix (rows of arrays). */
export function diagonalCrossEntropy(logits: readonly (readonly number[])[]): number {
  let total = 0;
  logits.forEach((r, i) => {
    total += logSumExp(r) - (r[i] as number);
  });
  return total / logits.length;
}

export interface ClipOracleResult {
  readonly loss: number;
  /** [N][N], rows = images. */
  readonly logitsPerImage: number[][];
  /** [N][N], rows = texts. */
  readonly logitsPerText: number[][];
  readonly scale: number;
}

/** The CLIP loss of flat [N, D] image and text embeddings. */
export function clipLossOracle(
  images: ArrayLike<number>,
  texts: ArrayLike<number>,
  N: number,
  D: number,
  logitScale: number,
  maxLogitScale = Math.log(100),
): ClipOracleResult {
  const scale = Math.exp(Math.min(Math.max(logitScale, 0), maxLogitScale));
  const img = Array.from({ length: N }, (_, i) => normalised(row(images, i, D)));
  const txt = Array.from({ length: N }, (_, i) => normalised(row(texts, i, D)));
  const logitsPerImage = img.map((a) => txt.map((b) => scale * dot(a, b)));
  const logitsPerText = txt.map((b) => img.map((a) => scale * dot(a, b)));
  const loss = (diagonalCrossEntropy(logitsPerImage) + diagonalCrossEntropy(logitsPerText)) / 2;
  return { loss, logitsPerImage, logitsPerText, scale };
}

/** InfoNCE on raw flat [N, D] queries and keys: mean_i logsumexp_j(q_i·k_j/τ) − q_i·k_i/τ. */
export function infoNCEOracle(
  queries: ArrayLike<number>,
  keys: ArrayLike<number>,
  N: number,
  D: number,
  temperature: number,
): number {
  const q = Array.from({ length: N }, (_, i) => row(queries, i, D));
  const k = Array.from({ length: N }, (_, i) => row(keys, i, D));
  return diagonalCrossEntropy(q.map((a) => k.map((b) => dot(a, b) / temperature)));
}
