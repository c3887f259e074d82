/**
 * Another way, without simulating the buffers: the schedule fixes everything in closed form.
 * - The log and sentElements follow from the step rules alone (worker i sends chunk (i − s) mod N
 *   in reduce-scatter step s and chunk (i + 1 − s) mod N in all-gather step s, to i + 1).
 * - The sums follow from the order in which the ring adds: chunk c starts at worker c, and each
 *   receiver adds its own value, so element k of chunk c ends as x_c[k] + x_{c+1}[k] + … + x_{c−1}[k]
 *   left to right (a + b = b + a exactly in floating point, so the receiver's order of operands
 *   does not matter). Every worker ends with that buffer.
 * O(N·S) additions and O(N²) messages, like the simulation.
 */
export type RingPhase = 'reduce-scatter' | 'all-gather';

export interface RingMessage {
  phase: RingPhase;
  step: number;
  from: number;
  to: number;
  chunk: number;
}

export interface ParameterServerBytes {
  serverIn: number;
  serverOut: number;
  perWorkerOut: number;
}

function checkBuffers(buffers: unknown): Float64Array[] {
  if (!Array.isArray(buffers)) throw new TypeError('buffers must be an array');
  if (buffers.length === 0) throw new RangeError('buffers must hold at least one worker');
  for (const [i, b] of buffers.entries()) {
    if (!(b instanceof Float64Array)) throw new TypeError(`buffers[${i}] is not a Float64Array`);
  }
  const all = buffers as Float64Array[];
  const length = (all[0] as Float64Array).length;
  for (const [i, b] of all.entries()) {
    if (b.length !== length) throw new RangeError(`buffers[${i}] has length ${b.length}, buffers[0] has ${length}`);
    for (let k = 0; k < length; k++) {
      if (!Number.isFinite(b[k])) throw new RangeError(`buffers[${i}][${k}] = ${b[k]} is not finite`);
    }
  }
  return all;
}

export function ringAllReduce(buffers: Float64Array[]): {
  result: Float64Array[];
  sentElements: number[];
  log: RingMessage[];
} {
  const all = checkBuffers(buffers);
  const n = all.length;
  const length = (all[0] as Float64Array).length;

  // np.array_split sizes and the offset where each chunk starts.
  const sizes = Array.from({ length: n }, (_, c) => Math.floor(length / n) + (c < length % n ? 1 : 0));
  const offsets = [0];
  for (let c = 0; c < n; c++) offsets.push((offsets[c] as number) + (sizes[c] as number));

  const sum = new Float64Array(length);
  for (let c = 0; c < n; c++) {
    for (let k = offsets[c] as number; k < (offsets[c + 1] as number); k++) {
      let total = (all[c] as Float64Array)[k] as number;
      for (let j = 1; j < n; j++) total += (all[(c + j) % n] as Float64Array)[k] as number;
      sum[k] = total;
    }
  }

  const log: RingMessage[] = [];
  const sentElements = new Array<number>(n).fill(0);
  for (const [phase, shift] of [
    ['reduce-scatter', 0],
    ['all-gather', 1],
  ] as const) {
    for (let step = 0; step < n - 1; step++) {
      for (let from = 0; from < n; from++) {
        const chunk = (((from + shift - step) % n) + n) % n;
        log.push({ phase, step, from, to: (from + 1) % n, chunk });
        sentElements[from] = (sentElements[from] as number) + (sizes[chunk] as number);
      }
    }
  }
  return { result: all.map(() => sum.slice()), sentElements, log };
}

function sizes(bytes: number, workers: number): void {
  if (typeof bytes !== 'number' || typeof workers !== 'number')
    throw new TypeError('bytes and workers must be numbers');
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`bytes must be a whole number >= 0, got ${bytes}`);
  if (!Number.isInteger(workers) || workers < 1)
    throw new RangeError(`workers must be a whole number >= 1, got ${workers}`);
}

export function ringBytesPerWorker(bytes: number, workers: number): number {
  sizes(bytes, workers);
  // reduce-scatter and all-gather each send N − 1 of the N chunks
  return (2 * ((workers - 1) * bytes)) / workers;
}

export function parameterServerBytes(bytes: number, workers: number): ParameterServerBytes {
  sizes(bytes, workers);
  const others = workers - 1;
  return { serverIn: others * bytes, serverOut: others * bytes, perWorkerOut: bytes };
}
