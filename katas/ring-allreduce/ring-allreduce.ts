// Kata: ring-allreduce (20 min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check ring-allreduce   (or: npx vitest --watch ring-allreduce)

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
  // TODO: reduce-scatter (N−1 steps, receivers add) then all-gather (N−1 steps, receivers overwrite) on copies.
  throw new Error('TODO: ring-allreduce');
}

export function ringBytesPerWorker(bytes: number, workers: number): number {
  // TODO: bytes each worker sends in a ring all-reduce: 2(N−1)/N · S.
  throw new Error('TODO: ring-allreduce');
}

export function parameterServerBytes(bytes: number, workers: number): ParameterServerBytes {
  // TODO: the root (one of the workers) receives and sends (N−1)·S; every other worker sends S.
  throw new Error('TODO: ring-allreduce');
}
