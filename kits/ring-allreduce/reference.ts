export type RingPhase = 'reduce-scatter' | 'all-gather';

export interface RingMessage {
  phase: RingPhase;
  step: number;
  from: number;
  to: number;
  chunk: number;
}

export interface RingAllReduceResult {
  result: Float64Array[];
  sentElements: number[];
  log: RingMessage[];
}

export interface ParameterServerBytes {
  serverIn: number;
  serverOut: number;
  perWorkerOut: number;
}

/**
 * Simulates ring all-reduce (sum) on copies of the buffers. Chunks follow np.array_split. In
 * reduce-scatter step s worker i sends chunk (i−s) mod N to i+1, which adds it; after N−1 steps
 * worker i holds the full sum of chunk (i+1) mod N. In all-gather step s worker i forwards chunk
 * (i+1−s) mod N and the receiver overwrites. A step's payloads are read before any is delivered.
 * 2(N−1) steps of N messages: each worker sends 2(N−1) chunks, about 2(N−1)/N·S elements, and the
 * simulation does O(N·S) work in all. The buffers are checked first (an array of equal-length
 * Float64Arrays of finite values): one NaN would otherwise reach every worker.
 */
export function ringAllReduce(buffers: Float64Array[]): RingAllReduceResult {
  if (!Array.isArray(buffers)) throw new TypeError(`buffers: expected an array of Float64Array, got ${typeof buffers}`);
  const n = buffers.length;
  if (n < 1) throw new RangeError(`buffers: expected at least 1 worker, got ${n}`);
  buffers.forEach((b, i) => {
    if (!(b instanceof Float64Array)) throw new TypeError(`buffers[${i}]: expected a Float64Array`);
  });
  const length = (buffers[0] as Float64Array).length;
  buffers.forEach((b, i) => {
    if (b.length !== length) {
      throw new RangeError(`buffers[${i}]: expected length ${length} like buffers[0], got ${b.length}`);
    }
    b.forEach((v, k) => {
      if (!Number.isFinite(v)) throw new RangeError(`buffers[${i}][${k}]: expected a finite value, got ${v}`);
    });
  });

  // np.array_split: the first length mod n chunks hold one extra element.
  const base = Math.floor(length / n);
  const extra = length % n;
  const start = (c: number): number => c * base + Math.min(c, extra);

  const state = buffers.map((b) => Float64Array.from(b));
  const sentElements = new Array<number>(n).fill(0);
  const log: RingMessage[] = [];

  const runStep = (phase: RingPhase, step: number): void => {
    const shift = phase === 'reduce-scatter' ? 0 : 1;
    // Read every payload first: a step's messages use the state before the step.
    const payloads = state.map((buffer, from) => {
      const chunk = (((from + shift - step) % n) + n) % n;
      return { chunk, data: buffer.slice(start(chunk), start(chunk + 1)) };
    });
    payloads.forEach(({ chunk, data }, from) => {
      const to = (from + 1) % n;
      const target = state[to] as Float64Array;
      const offset = start(chunk);
      if (phase === 'reduce-scatter') {
        for (let k = 0; k < data.length; k++) target[offset + k] = (target[offset + k] as number) + (data[k] as number);
      } else {
        target.set(data, offset);
      }
      sentElements[from] = (sentElements[from] as number) + data.length;
      log.push({ phase, step, from, to, chunk });
    });
  };

  for (let step = 0; step < n - 1; step++) runStep('reduce-scatter', step);
  for (let step = 0; step < n - 1; step++) runStep('all-gather', step);
  return { result: state, sentElements, log };
}

/** Bytes each worker sends (and receives) in a ring all-reduce of `bytes`: 2(N−1)/N · S. */
export function ringBytesPerWorker(bytes: number, workers: number): number {
  checkSizes(bytes, workers);
  return (2 * (workers - 1) * bytes) / workers;
}

/**
 * A single-root parameter server (the root is one of the workers): the other N−1 workers each send
 * their S bytes to the root and get the S-byte result back, so the root receives and sends (N−1)·S.
 */
export function parameterServerBytes(bytes: number, workers: number): ParameterServerBytes {
  checkSizes(bytes, workers);
  return { serverIn: (workers - 1) * bytes, serverOut: (workers - 1) * bytes, perWorkerOut: bytes };
}

/** bytes: a whole number >= 0; workers: a whole number >= 1 (TypeError if not numbers at all). */
function checkSizes(bytes: number, workers: number): void {
  if (typeof bytes !== 'number') throw new TypeError(`bytes: expected a number, got ${typeof bytes}`);
  if (typeof workers !== 'number') throw new TypeError(`workers: expected a number, got ${typeof workers}`);
  if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`bytes: expected a whole number >= 0, got ${bytes}`);
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers: expected a whole number >= 1, got ${workers}`);
  }
}
