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

export function ringAllReduce(buffers: Float64Array[]): RingAllReduceResult {
  const n = buffers.length;
  if (n < 1) throw new RangeError(`buffers: expected at least 1 worker, got ${n}`);
  const length = (buffers[0] as Float64Array).length;
  buffers.forEach((b, i) => {
    if (b.length !== length) {
      throw new RangeError(`buffers[${i}]: expected length ${length} like buffers[0], got ${b.length}`);
    }
  });
  const base = Math.floor(length / n);
  const extra = length % n;
  const size = (c: number): number => (c < extra ? base + 1 : base);

  const sum = new Float64Array(length);
  for (const buffer of buffers) for (let k = 0; k < length; k++) sum[k] = (sum[k] as number) + (buffer[k] as number);

  const sentElements = new Array<number>(n).fill(0);
  const log: RingMessage[] = [];
  for (const phase of ['reduce-scatter', 'all-gather'] as const) {
    const shift = phase === 'reduce-scatter' ? 0 : 1;
    for (let step = 0; step < n - 1; step++) {
      for (let from = 0; from < n; from++) {
        const chunk = (((from + shift - step) % n) + n) % n;
        log.push({ phase, step, from, to: (from + 1) % n, chunk });
        sentElements[from] = (sentElements[from] as number) + size(chunk);
      }
    }
  }
  return { result: buffers.map(() => Float64Array.from(sum)), sentElements, log };
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

function checkSizes(bytes: number, workers: number): void {
  if (!(bytes >= 0)) throw new RangeError(`bytes: expected a number >= 0, got ${bytes}`);
  if (!(workers >= 1)) throw new RangeError(`workers: expected at least 1 worker, got ${workers}`);
}
