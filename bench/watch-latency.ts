/**
 * Watch-mode latency: the time from saving the learner's file to the new verdict of a real
 * `kata start` session, for one algorithm kata and one tensor kata, as a ratio to the same for a
 * trivial vitest test (vitest's own `--watch` on a one-line test, same config, same run).
 * Target: within 1.5x of that floor. No assertions; the numbers depend on the machine and its load.
 *
 *   npx tsx bench/watch-latency.ts [--rounds N] [--diagnose]
 *
 * The trivial test importing @tensorflow/tfjs is always measured too: vitest starts a fresh worker
 * for every re-run (its forks and threads pools stop a worker once the run's queue is empty), so a
 * tensor suite pays for importing tfjs on every save; that row is the floor a tensor kata can reach,
 * and the tensor kata gets a second ratio against it. --diagnose adds plain `vitest --watch <suite>`
 * without the kata CLI (what the CLI and its reporter add).
 * (An earlier run found @fast-check/vitest's import alone costing about 2 s a run; the suites now
 * use src/harness/prop.ts instead.)
 *
 * Everything runs in a throw-away copy of the repository (src/cli/test/sandbox.ts), so your own
 * katas and .kata/ state are not touched; every process it starts is stopped by its PID.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { referenceFile, suitePath } from '../src/paths.ts';
import { learnerEnv, makeSandbox } from '../src/testing/sandbox.ts';
import { median as medianOrNull } from '../src/cli/verbs/stats.ts';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '6' }, diagnose: { type: 'boolean', default: false } },
});
const ROUNDS = Number(args.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
  throw new RangeError(`--rounds must be a positive integer, got ${args.rounds}`);
const FIRST_RUN_TIMEOUT_MS = 180_000;
const VERDICT_TIMEOUT_MS = 120_000;
/** Lets the watcher settle between rounds (vitest debounces changes by 100 ms). */
const PAUSE_MS = 1_000;

const ALGORITHM_KATA = 'merge-k-lists';
const TENSOR_KATA = 'rope';

/** A spawned process whose output we scan for verdict lines. */
class Watched {
  private output = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  /** [time received, text] of each chunk, so a verdict is timed when it reached us. */
  private readonly chunks: Array<{ at: number; text: string; offset: number }> = [];

  constructor(command: string, argv: string[], cwd: string) {
    this.child = spawn(command, argv, { cwd, env: learnerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => {
      this.chunks.push({ at: performance.now(), text: chunk.toString(), offset: this.output.length });
      this.output += chunk.toString();
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', () => resolve()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /**
   * Waits for `pattern` to match output that arrived after `since` (a performance.now() time) and
   * returns the arrival time of the chunk that completed the match.
   */
  async waitFor(pattern: RegExp, since: number, timeoutMs: number): Promise<{ at: number; text: string }> {
    const started = performance.now();
    for (;;) {
      const first = this.chunks.find((c) => c.at >= since);
      if (first !== undefined) {
        const tail = this.output.slice(first.offset);
        const match = pattern.exec(tail);
        if (match !== null) {
          const end = first.offset + match.index + match[0].length;
          const chunk = this.chunks.find((c) => c.offset + c.text.length >= end) ?? first;
          return { at: chunk.at, text: match[0] };
        }
      }
      if (this.child.exitCode !== null)
        throw new Error(`process exited (${this.child.exitCode}) before ${pattern}:\n${this.output.slice(-3000)}`);
      if (performance.now() - started > timeoutMs)
        throw new Error(`timed out waiting for ${pattern}; output so far:\n${this.output.slice(-3000)}`);
      await sleep(5);
    }
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Every row has at least one round, so its median exists. */
function median(values: readonly number[]): number {
  return medianOrNull(values) ?? Number.NaN;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Measured {
  readonly name: string;
  readonly firstRunMs: number;
  /** Per round: which version was saved and how long until the verdict. */
  readonly rounds: Array<{ version: string; ms: number; verdict: string }>;
}

/**
 * Starts `watched`, waits for its first verdict, then saves each version of `file` in turn
 * (ROUNDS times, cycling through `versions`) and times save → verdict.
 */
async function measure(
  name: string,
  start: () => Watched,
  verdict: RegExp,
  file: string,
  versions: ReadonlyArray<{ label: string; text: string }>,
): Promise<Measured> {
  const launched = performance.now();
  const watched = start();
  try {
    await watched.waitFor(verdict, launched, FIRST_RUN_TIMEOUT_MS);
    const firstRunMs = performance.now() - launched;
    await sleep(PAUSE_MS);
    const rounds: Measured['rounds'] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const version = versions[i % versions.length] as { label: string; text: string };
      const saved = performance.now();
      writeFileSync(file, version.text);
      const seen = await watched.waitFor(verdict, saved, VERDICT_TIMEOUT_MS);
      rounds.push({ version: version.label, ms: seen.at - saved, verdict: seen.text.trim() });
      process.stderr.write(
        `  ${name} #${i + 1} (${version.label}): ${(seen.at - saved).toFixed(0)} ms, ${seen.text.trim()}\n`,
      );
      await sleep(PAUSE_MS);
    }
    return { name, firstRunMs, rounds };
  } finally {
    await watched.stop();
  }
}

async function main(): Promise<void> {
  const sandbox = makeSandbox();
  process.stderr.write(`sandbox: ${sandbox.root}\n`);
  const tsx = join(sandbox.root, 'node_modules/.bin/tsx');
  const vitest = join(sandbox.root, 'node_modules/.bin/vitest');
  try {
    // The floor: a one-line test of a one-line module, under the repository's own vitest config.
    const trivialModule = join(sandbox.root, 'src', 'trivial.ts');
    const trivialTest = join(sandbox.root, 'src', 'trivial-latency.test.ts');
    writeFileSync(trivialModule, 'export const value = (): number => 1;\n');
    writeFileSync(
      trivialTest,
      "import { expect, test } from 'vitest';\nimport { value } from './trivial.ts';\n\ntest('value is 1', () => expect(value()).toBe(1));\n",
    );
    const floorVersions = [
      { label: 'fails', text: 'export const value = (): number => 2;\n' },
      { label: 'passes', text: 'export const value = (): number => 1;\n' },
    ];
    const floor = () =>
      measure(
        'trivial vitest test',
        () => new Watched(vitest, ['--watch', 'src/trivial-latency.test.ts'], sandbox.root),
        /Tests +1 (passed|failed)/,
        trivialModule,
        floorVersions,
      );
    // …and one importing tfjs, what every tensor suite and solution imports.
    const tfTest = join(sandbox.root, 'src', 'trivial-tf-latency.test.ts');
    writeFileSync(tfTest, `import '@tensorflow/tfjs';\n${readFileSync(trivialTest, 'utf8')}`);
    const floorWithTfjs = () =>
      measure(
        'trivial test + @tensorflow/tfjs',
        () => new Watched(vitest, ['--watch', 'src/trivial-tf-latency.test.ts'], sandbox.root),
        /Tests +1 (passed|failed)/,
        trivialModule,
        floorVersions,
      );
    /** vitest's own watch mode on a hidden suite (learner target), without the kata CLI. */
    const plainSuite = (slug: string, extra: string[]) => {
      const learner = join(sandbox.root, 'katas', slug, `${slug}.ts`);
      const stub = readFileSync(learner, 'utf8');
      const reference = readFileSync(referenceFile(sandbox.root, slug), 'utf8');
      return async () => {
        const result = await measure(
          `vitest --watch ${slug} ${extra.join(' ')}`.trim(),
          () => new Watched(vitest, ['--watch', ...extra, suitePath(slug)], sandbox.root),
          /Tests +(\d+ failed|\d+ passed)/,
          learner,
          [
            { label: 'reference', text: reference },
            { label: 'stub', text: stub },
          ],
        );
        writeFileSync(learner, stub);
        return result;
      };
    };

    const kata = (slug: string) => {
      const learner = join(sandbox.root, 'katas', slug, `${slug}.ts`);
      const stub = readFileSync(learner, 'utf8');
      const reference = readFileSync(referenceFile(sandbox.root, slug), 'utf8');
      return async () => {
        const result = await measure(
          slug,
          () => new Watched(tsx, ['src/cli/bin.ts', 'start', slug, '--restart'], sandbox.root),
          new RegExp(`${slug}: \\d+/\\d+ tests passed`),
          learner,
          [
            { label: 'reference', text: reference },
            { label: 'stub', text: stub },
          ],
        );
        writeFileSync(learner, stub);
        return result;
      };
    };

    // Floor first and last, so a change in the machine's load shows up as two different floors.
    const results: Measured[] = [];
    results.push(await floor());
    results.push(await kata(ALGORITHM_KATA)());
    results.push(await kata(TENSOR_KATA)());
    // Always measured: vitest starts a fresh worker for every re-run, so every tensor suite pays
    // for importing tfjs each save; this row is the least a tensor kata can cost.
    const tfjsFloor = await floorWithTfjs();
    results.push(tfjsFloor);
    if (args.diagnose) results.push(await plainSuite(ALGORITHM_KATA, [])());
    const floorAgain = await floor();
    results.push({ ...floorAgain, name: 'trivial vitest test (again)' });

    const floorMs = median([...(results[0] as Measured).rounds, ...floorAgain.rounds].map((r) => r.ms));
    const tfjsFloorMs = median(tfjsFloor.rounds.map((r) => r.ms));
    const rows = results.map((r) => {
      const all = median(r.rounds.map((x) => x.ms));
      const byVersion = [...new Set(r.rounds.map((x) => x.version))]
        .map((v) => `${v} ${median(r.rounds.filter((x) => x.version === v).map((x) => x.ms)).toFixed(0)}`)
        .join(', ');
      const toTfjsFloor = r.name === TENSOR_KATA ? `${(all / tfjsFloorMs).toFixed(2)}x` : '';
      return [
        r.name,
        r.firstRunMs.toFixed(0),
        all.toFixed(0),
        byVersion,
        `${(all / floorMs).toFixed(2)}x`,
        toTfjsFloor,
      ];
    });
    const header = [
      '',
      'first run ms',
      'median save→verdict ms',
      'median by saved version',
      'ratio to floor',
      'ratio to tfjs floor',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
    console.log(
      `\nwatch latency, ${ROUNDS} saves each (floor = median of both trivial runs: ${floorMs.toFixed(0)} ms; target ratio <= 1.5x; tfjs floor = a trivial test importing @tensorflow/tfjs: ${tfjsFloorMs.toFixed(0)} ms)`,
    );
    console.log(line(header));
    for (const row of rows) console.log(line(row));
  } finally {
    sandbox.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
