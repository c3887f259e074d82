/**
 * Oracles for the ring-allreduce kata, written without looking at any solution:
 *  - `chunkSizes`: the np.array_split rule (the first S mod N chunks one element longer);
 *  - `scheduledLog`: the spec's schedule, message by message, from the step rules;
 *  - `ringOrderSum`: the all-reduced buffer in closed form (chunk c summed in ring order, starting
 *    at worker c), with no simulation at all;
 *  - `replayLog`: an independent simulator that checks a message log is a valid ring schedule
 *    (every message goes to the next worker, steps in order, one message per worker per step) and
 *    replays it, step by step from the state before the step, to get the buffers it produces.
 */

export type Phase = 'reduce-scatter' | 'all-gather';

export interface Message {
  readonly phase: Phase;
  readonly step: number;
  readonly from: number;
  readonly to: number;
  readonly chunk: number;
}

const PHASES: readonly Phase[] = ['reduce-scatter', 'all-gather'];

/** np.array_split(range(length), workers) sizes: the first length mod workers chunks one longer. */
export function chunkSizes(length: number, workers: number): number[] {
  const base = Math.floor(length / workers);
  const longer = length % workers;
  return Array.from({ length: workers }, (_, c) => (c < longer ? base + 1 : base));
}

/** [start, end) of every chunk, by adding up the sizes (no closed-form offset formula). */
export function chunkRanges(length: number, workers: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const size of chunkSizes(length, workers)) {
    ranges.push([start, start + size]);
    start += size;
  }
  return ranges;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * Every message the spec schedules for N workers, in time order: reduce-scatter steps 0…N−2 (worker
 * i sends chunk (i−s) mod N to i+1), then all-gather steps 0…N−2 (worker i sends chunk
 * (i+1−s) mod N); within a step by sender. 2·N·(N−1) messages.
 */
export function scheduledLog(workers: number): Message[] {
  const log: Message[] = [];
  for (const phase of PHASES) {
    const offset = phase === 'reduce-scatter' ? 0 : 1;
    for (let step = 0; step < workers - 1; step++) {
      for (let from = 0; from < workers; from++) {
        log.push({ phase, step, from, to: (from + 1) % workers, chunk: mod(from + offset - step, workers) });
      }
    }
  }
  return log;
}

/**
 * The all-reduced buffer: element k of chunk c is x_c[k] + x_{c+1}[k] + … + x_{c−1}[k], added left to
 * right (worker c starts chunk c, and each receiver adds its own value to the running sum).
 */
export function ringOrderSum(buffers: readonly (readonly number[])[]): number[] {
  const workers = buffers.length;
  const length = buffers[0]?.length ?? 0;
  const out = new Array<number>(length).fill(0);
  chunkRanges(length, workers).forEach(([start, end], c) => {
    for (let k = start; k < end; k++) {
      let sum = (buffers[c] as readonly number[])[k] as number;
      for (let j = 1; j < workers; j++) sum += (buffers[(c + j) % workers] as readonly number[])[k] as number;
      out[k] = sum;
    }
  });
  return out;
}

export interface Replay {
  /** The buffers after replaying every message. */
  readonly buffers: number[][];
  /** Elements each worker sent, from the chunk sizes of its messages. */
  readonly sent: number[];
}

/**
 * Replays a message log on copies of `inputs` and returns the buffers it produces. Throws an Error
 * naming the first message that is not a valid ring message: unknown phase, step outside 0…N−2,
 * sender or chunk outside 0…N−1, receiver other than (from + 1) mod N, a step out of time order
 * (every reduce-scatter step before every all-gather step, steps non-decreasing), or a worker that
 * sends twice in one step. Messages of one step are applied together: each one carries the sender's
 * chunk as it was before the step; reduce-scatter receivers add it, all-gather receivers overwrite.
 */
export function replayLog(inputs: readonly (readonly number[])[], log: readonly Message[]): Replay {
  const workers = inputs.length;
  const length = inputs[0]?.length ?? 0;
  const ranges = chunkRanges(length, workers);
  const state = inputs.map((b) => [...b]);
  const sent = new Array<number>(workers).fill(0);

  const timeOf = (m: Message): number => PHASES.indexOf(m.phase) * workers + m.step;
  let i = 0;
  let lastTime = -1;
  while (i < log.length) {
    const first = log[i] as Message;
    const time = timeOf(first);
    if (time < lastTime) throw new Error(`log[${i}] ${show(first)} comes after a later step`);
    lastTime = time;
    // Gather this step's messages, checking each one.
    const stepMessages: Message[] = [];
    const senders = new Set<number>();
    for (; i < log.length && timeOf(log[i] as Message) === time && (log[i] as Message).phase === first.phase; i++) {
      const m = log[i] as Message;
      const problem = invalid(m, workers);
      if (problem !== undefined) throw new Error(`log[${i}] ${show(m)}: ${problem}`);
      if (senders.has(m.from)) throw new Error(`log[${i}] ${show(m)}: worker ${m.from} sends twice in one step`);
      senders.add(m.from);
      stepMessages.push(m);
    }
    // Read every payload from the state before the step, then deliver.
    const payloads = stepMessages.map((m) => {
      const [start, end] = ranges[m.chunk] as [number, number];
      return (state[m.from] as number[]).slice(start, end);
    });
    stepMessages.forEach((m, j) => {
      const [start] = ranges[m.chunk] as [number, number];
      const payload = payloads[j] as number[];
      const target = state[m.to] as number[];
      for (let k = 0; k < payload.length; k++) {
        target[start + k] =
          m.phase === 'reduce-scatter'
            ? (target[start + k] as number) + (payload[k] as number)
            : (payload[k] as number);
      }
      sent[m.from] = (sent[m.from] as number) + payload.length;
    });
  }
  return { buffers: state, sent };
}

function invalid(m: Message, workers: number): string | undefined {
  if (!PHASES.includes(m.phase)) return `phase must be 'reduce-scatter' or 'all-gather'`;
  if (!Number.isInteger(m.step) || m.step < 0 || m.step > workers - 2) return `step must be in 0…${workers - 2}`;
  if (!Number.isInteger(m.from) || m.from < 0 || m.from >= workers) return `from must be in 0…${workers - 1}`;
  if (m.to !== (m.from + 1) % workers) return `a ring sends only to the next worker, ${(m.from + 1) % workers}`;
  if (!Number.isInteger(m.chunk) || m.chunk < 0 || m.chunk >= workers) return `chunk must be in 0…${workers - 1}`;
  return undefined;
}

export function show(m: Message): string {
  return `${m.phase} step ${m.step}: ${m.from}→${m.to} chunk ${m.chunk}`;
}

/**
 * The log as readable lines in a canonical order (phase, step, sender, receiver, chunk), to compare
 * logs that list a step's simultaneous messages in different orders.
 */
export function canonical(log: readonly Message[]): string[] {
  const key = (m: Message): number[] => [PHASES.indexOf(m.phase), m.step, m.from, m.to, m.chunk];
  return [...log]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      const j = ka.findIndex((v, n) => v !== kb[n]);
      return j < 0 ? 0 : (ka[j] as number) - (kb[j] as number);
    })
    .map(show);
}
