/**
 * Times the reference grouped-query attention on the cpu and wasm tfjs backends against the
 * float64 loop oracle, measured in the same run. No assertions; the numbers depend on the machine.
 *
 *   npx tsx bench/gqa-backends.ts
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { groupedQueryAttention } from '../kits/grouped-query-attention/reference.ts';
import { gqaOracle } from '../kits/grouped-query-attention/oracle.ts';
import { randomValues } from '../src/harness/random.ts';

// PROD skips tfjs's debug checks (and its "install tfjs-node" banner): we time kernels, not checks.
tf.env().set('PROD', true);

const B = 1;
const HQ = 8;
const HKV = 2;
const D = 64;
const LENGTHS = [128, 512];
const WARMUP = 2;
const RUNS = 5;

/** Median wall time in milliseconds of `run`, after `WARMUP` untimed calls. */
function medianMs(run: () => void): number {
  for (let i = 0; i < WARMUP; i++) run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function format(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(2);
}

interface Row {
  t: number;
  oracleMs: number;
  backendMs: Record<string, number>;
}

async function main(): Promise<void> {
  const backends = ['cpu', 'wasm'] as const;
  const rows: Row[] = [];
  for (const t of LENGTHS) {
    const qShape = [B, HQ, t, D];
    const kvShape = [B, HKV, t, D];
    const q = { shape: qShape, data: randomValues(B * HQ * t * D, 1) };
    const k = { shape: kvShape, data: randomValues(B * HKV * t * D, 2) };
    const v = { shape: kvShape, data: randomValues(B * HKV * t * D, 3) };
    const oracleMs = medianMs(() => void gqaOracle(q, k, v, true));
    const backendMs: Record<string, number> = {};
    for (const name of backends) {
      if (!(await tf.setBackend(name))) throw new Error(`tfjs backend "${name}" failed to initialise`);
      await tf.ready();
      const qt = tf.tensor4d(Float32Array.from(q.data), qShape as [number, number, number, number], 'float32');
      const kt = tf.tensor4d(Float32Array.from(k.data), kvShape as [number, number, number, number], 'float32');
      const vt = tf.tensor4d(Float32Array.from(v.data), kvShape as [number, number, number, number], 'float32');
      backendMs[name] = medianMs(() => {
        const out = groupedQueryAttention(qt, kt, vt, { causal: true });
        out.dataSync(); // force execution before the clock stops
        out.dispose();
      });
      tf.dispose([qt, kt, vt]);
    }
    rows.push({ t, oracleMs, backendMs });
  }

  console.log(`grouped-query attention, B=${B} Hq=${HQ} Hkv=${HKV} D=${D}, causal self-attention (Tq = Tk = T)`);
  console.log(`median of ${RUNS} runs after ${WARMUP} warm-up runs; ratio = backend time / float64 loop oracle time\n`);
  const header = ['T', 'oracle ms', ...backends.flatMap((name) => [`${name} ms`, `${name} ratio`])];
  const body = rows.map((row) => [
    String(row.t),
    format(row.oracleMs),
    ...backends.flatMap((name) => {
      const ms = row.backendMs[name] as number;
      return [format(ms), (ms / row.oracleMs).toFixed(3)];
    }),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((line) => (line[i] as string).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i] as number)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const cells of body) console.log(line(cells));
}

await main();
