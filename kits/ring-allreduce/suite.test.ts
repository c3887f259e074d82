import { describe, expect } from 'vitest';
import { parameterServerBytes, ringAllReduce, ringBytesPerWorker } from '@impl/ring-allreduce';
import * as counted from '@impl-counted/ring-allreduce';
import { badBuffers, badTrafficCase, doubleBuffers, integerBuffers, toFloat64, trafficCase } from './inputs.ts';
import { test } from '../../src/harness/prop.ts';
import { type Message, canonical, chunkSizes, replayLog, ringOrderSum, scheduledLog } from './oracle.ts';
import { expectWithinBudget } from '../../src/harness/work-budget.ts';

type Buffers = readonly (readonly number[])[];

const call = (buffers: Buffers): string =>
  buffers.length <= 4 && (buffers[0]?.length ?? 0) <= 8
    ? `ringAllReduce(${JSON.stringify(buffers)})`
    : `ringAllReduce(N = ${buffers.length}, S = ${buffers[0]?.length ?? 0})`;

/** Runs the implementation on fresh Float64Array copies of `buffers`. */
function run(buffers: Buffers) {
  return ringAllReduce(toFloat64(buffers));
}

/**
 * Each worker's result is a Float64Array equal to `want`, element by element with Object.is (no
 * tolerance: the schedule fixes the order of the additions). Reports the first wrong element only,
 * so a large case does not print thousands of numbers.
 */
function expectAllWorkers(
  result: readonly Float64Array[],
  workers: number,
  want: readonly number[],
  what: string,
): void {
  expect(result.length, `${what}: one result buffer per worker`).toBe(workers);
  result.forEach((buffer, worker) => {
    expect(buffer, `${what}: result[${worker}] is a Float64Array`).toBeInstanceOf(Float64Array);
    expect(buffer.length, `${what}: result[${worker}].length`).toBe(want.length);
    const k = want.findIndex((v, j) => !Object.is(buffer[j], v));
    if (k >= 0) {
      expect(buffer[k], `${what}: result[${worker}][${k}] (first wrong element)`).toBe(want[k]);
    }
  });
}

/** Elements each worker sends according to a log, from the np.array_split chunk sizes. */
function sentFromLog(log: readonly Message[], workers: number, length: number): number[] {
  const sizes = chunkSizes(length, workers);
  const sent = new Array<number>(workers).fill(0);
  for (const m of log) sent[m.from] = (sent[m.from] as number) + ((sizes[m.chunk] as number) ?? Number.NaN);
  return sent;
}

/** The result, the log and sentElements all agree with the oracles; the inputs come back untouched. */
function checkAll(buffers: Buffers): void {
  const what = call(buffers);
  const workers = buffers.length;
  const length = buffers[0]?.length ?? 0;
  const input = toFloat64(buffers);
  const { result, sentElements, log } = ringAllReduce(input);
  expect(result.length, `${what}: result.length`).toBe(workers);
  expectAllWorkers(result, workers, ringOrderSum(buffers), what);
  expect(canonical(log), `${what}: the log is the spec's schedule`).toEqual(canonical(scheduledLog(workers)));
  const replay = replayLog(buffers, log);
  replay.buffers.forEach((buffer, worker) => {
    expect(Array.from(result[worker] ?? []), `${what}: replaying the log gives result[${worker}]`).toEqual(buffer);
  });
  expect(sentElements, `${what}: sentElements = chunk sizes of each worker's logged messages`).toEqual(
    sentFromLog(log, workers, length),
  );
  expect(
    input.map((b) => Array.from(b)),
    `${what}: the input buffers are untouched`,
  ).toEqual(buffers);
}

describe('ring-allreduce: worked examples from the spec', () => {
  test('N = 4, S = 8, worker i holds [i+1]×8: every worker ends with [10]×8, each sent 12 elements', () => {
    const buffers = [1, 2, 3, 4].map((v) => new Array<number>(8).fill(v));
    const { result, sentElements } = run(buffers);
    expectAllWorkers(result, 4, new Array<number>(8).fill(10), call(buffers));
    expect(sentElements, 'sentElements: 2(N−1) chunks of 2 elements each').toEqual([12, 12, 12, 12]);
    // 12 fp32 elements = 48 B = 2·3/4 · 32 B, the nccl-tests bus-bandwidth factor times the buffer size.
    expect(12 * 4, '48 B sent = ringBytesPerWorker(32 B, 4)').toBe(ringBytesPerWorker(32, 4));
    checkAll(buffers);
  });

  test('N = 4 reduce-scatter step 0 sends 0→1 chunk 0, 1→2 chunk 1, 2→3 chunk 2, 3→0 chunk 3', () => {
    const { log } = run([1, 2, 3, 4].map((v) => new Array<number>(8).fill(v)));
    const step0 = log.filter((m) => m.phase === 'reduce-scatter' && m.step === 0);
    expect(canonical(step0)).toEqual([
      'reduce-scatter step 0: 0→1 chunk 0',
      'reduce-scatter step 0: 1→2 chunk 1',
      'reduce-scatter step 0: 2→3 chunk 2',
      'reduce-scatter step 0: 3→0 chunk 3',
    ]);
  });

  test('N = 4 all-gather step 0: each worker i sends the chunk it owns, (i+1) mod 4', () => {
    const { log } = run([1, 2, 3, 4].map((v) => new Array<number>(8).fill(v)));
    const step0 = log.filter((m) => m.phase === 'all-gather' && m.step === 0);
    expect(canonical(step0)).toEqual([
      'all-gather step 0: 0→1 chunk 1',
      'all-gather step 0: 1→2 chunk 2',
      'all-gather step 0: 2→3 chunk 3',
      'all-gather step 0: 3→0 chunk 0',
    ]);
  });

  test('N = 3, S = 7, buffers [1..7], ×10, ×100 → [111, 222, …, 777]; chunks [3,2,2] make sentElements [10,9,9]', () => {
    const one = [1, 2, 3, 4, 5, 6, 7];
    const buffers = [one, one.map((v) => v * 10), one.map((v) => v * 100)];
    const { result, sentElements } = run(buffers);
    expectAllWorkers(result, 3, [111, 222, 333, 444, 555, 666, 777], call(buffers));
    expect(chunkSizes(7, 3), 'oracle: np.array_split(7, 3)').toEqual([3, 2, 2]);
    expect(sentElements, 'sentElements with chunks [3,2,2]').toEqual([10, 9, 9]);
    expect(
      sentElements.reduce((a, b) => a + b, 0),
      'total sent = 2(N−1)·S = 28',
    ).toBe(28);
    checkAll(buffers);
  });

  test('4 GPUs, 7B fp16 gradients (Φ = 14e9 B): the ring sends 21e9 B per GPU (1.5Φ), a parameter server 42e9 B (3Φ)', () => {
    expect(ringBytesPerWorker(14e9, 4), 'ringBytesPerWorker(14e9, 4)').toBe(21e9);
    expect(parameterServerBytes(14e9, 4), 'parameterServerBytes(14e9, 4)').toEqual({
      serverIn: 42e9,
      serverOut: 42e9,
      perWorkerOut: 14e9,
    });
  });

  test('nccl-tests bus-bandwidth factor 2(N−1)/N: 1 for N = 2, 1.5 for 4, 1.75 for 8, 1.9375 for 32', () => {
    const factors = [2, 4, 8, 32].map((n) => ringBytesPerWorker(1024, n) / 1024);
    expect(factors, 'ringBytesPerWorker(1024, N) / 1024 for N = 2, 4, 8, 32').toEqual([1, 1.5, 1.75, 1.9375]);
  });
});

describe('ring-allreduce: the order of the additions', () => {
  test('chunk c is summed starting at worker c: [[1e16]×3, [−1e16]×3, [1]×3] → [1, 0, 0] on every worker, not [1, 1, 1]', () => {
    const buffers = [new Array<number>(3).fill(1e16), new Array<number>(3).fill(-1e16), [1, 1, 1]];
    // Oracle check of the claim: chunk 0 = (1e16 − 1e16) + 1, chunk 1 = (−1e16 + 1) + 1e16, chunk 2 = (1 + 1e16) − 1e16.
    expect(ringOrderSum(buffers), 'oracle').toEqual([1, 0, 0]);
    const { result } = run(buffers);
    expectAllWorkers(result, 3, [1, 0, 0], call(buffers));
    checkAll(buffers);
  });
});

describe('ring-allreduce: edge cases', () => {
  test('one worker (N = 1): result is a copy of the input, nothing sent, empty log', () => {
    const input = [Float64Array.from([1.5, -2, 3])];
    const { result, sentElements, log } = ringAllReduce(input);
    expectAllWorkers(result, 1, [1.5, -2, 3], 'ringAllReduce([[1.5,-2,3]])');
    expect(sentElements, 'sentElements').toEqual([0]);
    expect(log, 'log').toEqual([]);
    expect(Array.from(input[0] as Float64Array), 'input untouched').toEqual([1.5, -2, 3]);
    expect(result[0], 'result[0] is a new Float64Array, not the input buffer').not.toBe(input[0]);
  });

  test('every result is its own new Float64Array: never an input buffer, never shared between workers (N = 1, 2, 3)', () => {
    for (const n of [1, 2, 3]) {
      const input = toFloat64(Array.from({ length: n }, (_, w) => [w, w + 1]));
      const { result } = ringAllReduce(input);
      result.forEach((buffer, i) => {
        expect(input.includes(buffer), `N = ${n}: result[${i}] is one of the input buffers`).toBe(false);
      });
      const sum = (result[0] as Float64Array)[0];
      (result[0] as Float64Array)[0] = 999;
      result.slice(1).forEach((buffer, i) => {
        expect(buffer[0], `N = ${n}: writing result[0][0] changed result[${i + 1}][0]`).toBe(sum);
      });
    }
  });

  test('S < N (N = 5, S = 2): chunks [1,1,0,0,0]; the log still lists all 2·5·4 = 40 messages, empty ones included', () => {
    const buffers = [
      [1, 2],
      [10, 20],
      [100, 200],
      [1000, 2000],
      [10000, 20000],
    ];
    const { result, log, sentElements } = run(buffers);
    expectAllWorkers(result, 5, [11111, 22222], call(buffers));
    expect(log.length, 'messages in the log').toBe(40);
    expect(
      sentElements.reduce((a, b) => a + b, 0),
      'total sent = 2(N−1)·S = 16',
    ).toBe(16);
    checkAll(buffers);
  });

  test('empty buffers (N = 3, S = 0): three empty results, nothing sent, 12 empty messages logged', () => {
    const { result, log, sentElements } = run([[], [], []]);
    expectAllWorkers(result, 3, [], 'ringAllReduce([[],[],[]])');
    expect(sentElements, 'sentElements').toEqual([0, 0, 0]);
    expect(log.length, 'messages in the log').toBe(12);
    checkAll([[], [], []]);
  });

  test('two workers: one reduce-scatter step and one all-gather step, 4 messages', () => {
    checkAll([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(run([[1], [2]]).log.length, 'log length for N = 2').toBe(4);
  });

  test('the sum is a sum, not an average (unlike DDP, which averages gradients): [[2,4],[6,8]] → [8,12]', () => {
    const { result } = run([
      [2, 4],
      [6, 8],
    ]);
    expectAllWorkers(result, 2, [8, 12], 'ringAllReduce([[2,4],[6,8]])');
  });

  test('the caller’s buffers are not modified (N = 3, S = 5)', () => {
    const buffers = [
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
    ];
    const input = toFloat64(buffers);
    const { result } = ringAllReduce(input);
    expectAllWorkers(result, 3, [18, 21, 24, 27, 30], call(buffers));
    expect(
      input.map((b) => Array.from(b)),
      'input after the call',
    ).toEqual(buffers);
  });

  test('no workers ([]) throws RangeError', () => {
    expect(() => ringAllReduce([])).toThrow(RangeError);
  });

  test('buffers of unequal lengths ([[1,2],[3]]) throw RangeError', () => {
    expect(() => ringAllReduce([Float64Array.from([1, 2]), Float64Array.from([3])])).toThrow(RangeError);
    expect(() => ringAllReduce([Float64Array.from([1]), Float64Array.from([2]), Float64Array.from([3, 4])])).toThrow(
      RangeError,
    );
  });

  test('buffers that is not an array throws TypeError: null, undefined, 7, a single Float64Array', () => {
    for (const buffers of [null, undefined, 7, Float64Array.from([1, 2])]) {
      expect(() => ringAllReduce(buffers as unknown as Float64Array[]), `ringAllReduce(${String(buffers)})`).toThrow(
        TypeError,
      );
    }
  });

  test('a buffer that is not a Float64Array throws TypeError: a plain array, a Float32Array, null', () => {
    for (const bad of [[3, 4], Float32Array.from([3, 4]), null, undefined]) {
      const buffers = [Float64Array.from([1, 2]), bad] as unknown as Float64Array[];
      expect(() => ringAllReduce(buffers), `buffers[1] = ${JSON.stringify(bad)}`).toThrow(TypeError);
    }
    expect(() => ringAllReduce([[1, 2]] as unknown as Float64Array[]), 'N = 1, a plain array').toThrow(TypeError);
  });

  test('a NaN or ±Infinity in any buffer throws RangeError (no NaN spreads to every worker)', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(
        () => ringAllReduce([Float64Array.from([1, 2, 3]), Float64Array.from([4, v, 6])]),
        `buffers[1][1] = ${v}`,
      ).toThrow(RangeError);
      expect(() => ringAllReduce([Float64Array.from([v])]), `N = 1, [${v}]`).toThrow(RangeError);
    }
  });

  test.prop([badBuffers])('one rule broken anywhere in the buffers: the named error', ({ make, error, broken }) => {
    expect(() => ringAllReduce(make() as Float64Array[]), broken).toThrow(
      error === 'TypeError' ? TypeError : RangeError,
    );
  });

  test("bytes or workers that is not a number throws TypeError: '14e9', null, 4n", () => {
    for (const bad of ['14e9', null, 4n, undefined]) {
      const v = bad as unknown as number;
      expect(() => ringBytesPerWorker(v, 4), `ringBytesPerWorker(${String(bad)}, 4)`).toThrow(TypeError);
      expect(() => ringBytesPerWorker(100, v), `ringBytesPerWorker(100, ${String(bad)})`).toThrow(TypeError);
      expect(() => parameterServerBytes(v, 4), `parameterServerBytes(${String(bad)}, 4)`).toThrow(TypeError);
      expect(() => parameterServerBytes(100, v), `parameterServerBytes(100, ${String(bad)})`).toThrow(TypeError);
    }
  });

  test('bytes that is not a whole number, or workers that is not a whole number, throws RangeError: 1.5, NaN, Infinity', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => ringBytesPerWorker(bad, 4), `ringBytesPerWorker(${bad}, 4)`).toThrow(RangeError);
      expect(() => ringBytesPerWorker(100, bad), `ringBytesPerWorker(100, ${bad})`).toThrow(RangeError);
      expect(() => parameterServerBytes(bad, 4), `parameterServerBytes(${bad}, 4)`).toThrow(RangeError);
      expect(() => parameterServerBytes(100, bad), `parameterServerBytes(100, ${bad})`).toThrow(RangeError);
    }
  });

  test.prop([badTrafficCase])(
    'ringBytesPerWorker and parameterServerBytes with one bad argument: the named error',
    ({ bytes, workers, error }) => {
      const expected = error === 'TypeError' ? TypeError : RangeError;
      const [b, w] = [bytes as number, workers as number];
      expect(() => ringBytesPerWorker(b, w), `ringBytesPerWorker(${String(bytes)}, ${String(workers)})`).toThrow(
        expected,
      );
      expect(() => parameterServerBytes(b, w), `parameterServerBytes(${String(bytes)}, ${String(workers)})`).toThrow(
        expected,
      );
    },
  );

  test('bytes < 0 or fewer than 1 worker throw RangeError in ringBytesPerWorker and parameterServerBytes', () => {
    expect(() => ringBytesPerWorker(-1, 4), 'ringBytesPerWorker(-1, 4)').toThrow(RangeError);
    expect(() => ringBytesPerWorker(100, 0), 'ringBytesPerWorker(100, 0)').toThrow(RangeError);
    expect(() => ringBytesPerWorker(100, -2), 'ringBytesPerWorker(100, -2)').toThrow(RangeError);
    expect(() => parameterServerBytes(-1, 4), 'parameterServerBytes(-1, 4)').toThrow(RangeError);
    expect(() => parameterServerBytes(100, 0), 'parameterServerBytes(100, 0)').toThrow(RangeError);
  });

  test('zero bytes and one worker are valid: nothing to send', () => {
    expect(ringBytesPerWorker(0, 4), 'ringBytesPerWorker(0, 4)').toBe(0);
    expect(ringBytesPerWorker(1000, 1), 'ringBytesPerWorker(1000, 1)').toBe(0);
    expect(parameterServerBytes(0, 4), 'parameterServerBytes(0, 4)').toEqual({
      serverIn: 0,
      serverOut: 0,
      perWorkerOut: 0,
    });
    const single = parameterServerBytes(1000, 1);
    expect([single.serverIn, single.serverOut], 'parameterServerBytes(1000, 1): the root talks to nobody').toEqual([
      0, 0,
    ]);
  });
});

describe('ring-allreduce: traffic counted from the implementation’s own message log', () => {
  test('S divisible by N (N = 1…8, S = 3N): every worker sends 2(N−1)/N·S elements, as its log says', () => {
    for (let workers = 1; workers <= 8; workers++) {
      const length = 3 * workers;
      const buffers = Array.from({ length: workers }, (_, w) => Array.from({ length }, (_, k) => w * length + k));
      const { log, sentElements } = run(buffers);
      const fromLog = sentFromLog(log, workers, length);
      const want = (2 * (workers - 1) * length) / workers;
      expect(fromLog, `N = ${workers}, S = ${length}: elements per worker summed from the log`).toEqual(
        new Array<number>(workers).fill(want),
      );
      expect(sentElements, `N = ${workers}, S = ${length}: sentElements`).toEqual(fromLog);
      // Any order of the arithmetic is fine here: 2(N−1)/N may round (N = 3), so allow the last bits.
      expect(ringBytesPerWorker(length, workers), `ringBytesPerWorker(${length}, ${workers})`).toBeCloseTo(want, 9);
    }
  });

  test('reduce-scatter and all-gather each move (N−1)/N·S per worker (N = 4, S = 12: 9 + 9 elements)', () => {
    const buffers = Array.from({ length: 4 }, (_, w) => Array.from({ length: 12 }, (_, k) => w + k));
    const { log } = run(buffers);
    for (const phase of ['reduce-scatter', 'all-gather'] as const) {
      const sent = sentFromLog(
        log.filter((m) => m.phase === phase),
        4,
        12,
      );
      expect(sent, `${phase}: elements per worker from the log`).toEqual([9, 9, 9, 9]);
    }
  });

  test.prop([integerBuffers()])(
    'for any S: the log totals 2(N−1)·S elements, each worker ≤ 2(N−1)·ceil(S/N), and sentElements matches the log',
    (buffers) => {
      const workers = buffers.length;
      const length = buffers[0]?.length ?? 0;
      const { log, sentElements } = run(buffers);
      const fromLog = sentFromLog(log, workers, length);
      expect(sentElements, 'sentElements = chunk sizes of each worker’s logged messages').toEqual(fromLog);
      expect(
        fromLog.reduce((a, b) => a + b, 0),
        `total sent for N = ${workers}, S = ${length}`,
      ).toBe(2 * (workers - 1) * length);
      const cap = 2 * (workers - 1) * Math.ceil(length / workers);
      for (const sent of fromLog) expect(sent, `per-worker cap 2(N−1)·ceil(S/N) = ${cap}`).toBeLessThanOrEqual(cap);
    },
  );

  test('the ring’s per-GPU volume stays below 2·S while a parameter server’s root grows as (N−1)·S (N = 2…64)', () => {
    const bytes = 14e9;
    for (const workers of [2, 3, 4, 8, 16, 64]) {
      const ring = ringBytesPerWorker(bytes, workers);
      const ps = parameterServerBytes(bytes, workers);
      expect(ring, `ringBytesPerWorker(14e9, ${workers})`).toBeLessThan(2 * bytes);
      expect(ring, `ringBytesPerWorker(14e9, ${workers}) ≈ 2(N−1)/N·S`).toBeCloseTo(
        (2 * (workers - 1) * bytes) / workers,
        -1,
      );
      expect(ps, `parameterServerBytes(14e9, ${workers})`).toEqual({
        serverIn: (workers - 1) * bytes,
        serverOut: (workers - 1) * bytes,
        perWorkerOut: bytes,
      });
    }
  });
});

describe('ring-allreduce: schedule size and scale (counted, never timed)', () => {
  test('2·(N−1) steps of N messages: the log has 2·N·(N−1) entries for N = 1…12, one per worker per step', () => {
    for (let workers = 1; workers <= 12; workers++) {
      const { log } = run(Array.from({ length: workers }, () => [1, 2, 3, 4, 5]));
      expect(log.length, `log length for N = ${workers}`).toBe(2 * workers * (workers - 1));
      for (const phase of ['reduce-scatter', 'all-gather'] as const) {
        for (let step = 0; step < workers - 1; step++) {
          const senders = log
            .filter((m) => m.phase === phase && m.step === step)
            .map((m) => m.from)
            .sort((a, b) => a - b);
          expect(senders, `N = ${workers}: senders in ${phase} step ${step}`).toEqual(
            Array.from({ length: workers }, (_, i) => i),
          );
        }
      }
    }
  });

  test('N = 128 workers, S = 2003: 32512 messages, 2(N−1)·S elements, the replayed log gives the sum', () => {
    const workers = 128;
    const length = 2003;
    const buffers = Array.from({ length: workers }, (_, w) =>
      Array.from({ length }, (_, k) => ((w * 7919 + k * 104729) % 2001) - 1000),
    );
    const { result, log, sentElements } = run(buffers);
    expect(log.length, 'messages').toBe(2 * workers * (workers - 1));
    expect(
      sentElements.reduce((a, b) => a + b, 0),
      'total elements sent',
    ).toBe(2 * (workers - 1) * length);
    expect(sentElements, 'sentElements = the log’s chunk sizes').toEqual(sentFromLog(log, workers, length));
    expectAllWorkers(result, workers, ringOrderSum(buffers), call(buffers));
    const replay = replayLog(buffers, log);
    expectAllWorkers(
      replay.buffers.map((b) => Float64Array.from(b)),
      workers,
      ringOrderSum(buffers),
      'replaying the log',
    );
  });
});

/** The prompt's budget: at most 16·N·S + 32·N² + 64 steps of JavaScript work (built-ins not charged). */
function expectWithinWork(buffers: Buffers) {
  const n = buffers.length;
  const length = buffers[0]?.length ?? 0;
  const input = toFloat64(buffers);
  return expectWithinBudget(
    () => counted.ringAllReduce(input),
    { steps: 16 * n * length + 32 * n * n + 64, rule: `16·N·S + 32·N² + 64 for N = ${n}, S = ${length}` },
    { builtins: false },
  );
}

describe('ring-allreduce: work (at most 16·N·S + 32·N² + 64 steps, counted)', () => {
  test('N = 128, S = 2003: O(N·S) work, not O(N²·S) (a copy of every buffer at every step is 16 times over)', () => {
    const buffers = Array.from({ length: 128 }, (_, w) =>
      Array.from({ length: 2003 }, (_, k) => ((w * 31 + k * 17) % 201) - 100),
    );
    const { result } = expectWithinWork(buffers);
    expectAllWorkers(result, 128, ringOrderSum(buffers), 'ringAllReduce(N = 128, S = 2003), counted');
  });

  test('N = 256, S = 3 (mostly empty chunks): the schedule alone is O(N²) messages, within budget', () => {
    const buffers = Array.from({ length: 256 }, (_, w) => [w, -w, 2 * w]);
    const { result, log } = expectWithinWork(buffers);
    expect(log.length, 'messages').toBe(2 * 256 * 255);
    expectAllWorkers(result, 256, ringOrderSum(buffers), 'ringAllReduce(N = 256, S = 3), counted');
  });

  test('N = 4, S = 10^5: one long buffer is O(S) per worker', () => {
    const buffers = Array.from({ length: 4 }, (_, w) => Array.from({ length: 100_000 }, (_, k) => (k % 9) - w));
    const { result } = expectWithinWork(buffers);
    expectAllWorkers(result, 4, ringOrderSum(buffers), 'ringAllReduce(N = 4, S = 10^5), counted');
  });
});

describe('ring-allreduce: properties against the oracles (closed-form sum, schedule, log replay)', () => {
  test.prop([integerBuffers()])(
    'integer buffers: every worker ends with the exact element-wise sum; the log is the spec’s schedule and replays to the result',
    (buffers) => {
      checkAll(buffers);
    },
  );

  test.prop([integerBuffers()])('workers end bit-identical to one another', (buffers) => {
    const { result } = run(buffers);
    const first = Array.from(result[0] ?? []);
    result.forEach((buffer, worker) => {
      expect(Array.from(buffer), `result[${worker}] vs result[0]`).toEqual(first);
    });
  });

  test.prop([doubleBuffers()])(
    'doubles: chunk c is summed in ring order (worker c first), exactly as replaying the log does',
    (buffers) => {
      checkAll(buffers);
    },
  );

  test.prop([trafficCase])(
    'ringBytesPerWorker = 2(N−1)/N·S and parameterServerBytes = (N−1)·S at the root',
    ({ bytes, workers }) => {
      const ring = ringBytesPerWorker(bytes, workers);
      const want = (2 * (workers - 1) * bytes) / workers;
      expect(
        Math.abs(ring - want),
        `ringBytesPerWorker(${bytes}, ${workers}) = ${ring}, want ${want}`,
      ).toBeLessThanOrEqual(want * 1e-12);
      expect(parameterServerBytes(bytes, workers), `parameterServerBytes(${bytes}, ${workers})`).toEqual({
        serverIn: (workers - 1) * bytes,
        serverOut: (workers - 1) * bytes,
        perWorkerOut: bytes,
      });
    },
  );
});
