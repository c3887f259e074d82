import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceFile } from '../../paths.ts';
import { learnerEnv, makeSandbox, spawnCli, waitFor } from '../../testing/sandbox.ts';

/**
 * The practice loop under faults, with real processes in a sandbox copy of the repository:
 * concurrent writers, writers killed mid-write, Ctrl-C under `npm run`, `npx` and the bin, a full
 * disk and a read-only state (injected: KATA_TEST_FAULT), a `.kata` that is a file, bad state
 * shapes, and learner code that loops, exhausts memory, patches built-ins or imports the reference.
 * Each figure the issue asked for is printed.
 */
const slug = 'max-product-subarray';
let sandbox: ReturnType<typeof makeSandbox>;
/** The pristine stub, put back after each test that edits the learner's file. */
let stubText = '';
beforeAll(() => {
  sandbox = makeSandbox();
  stubText = readFileSync(join(sandbox.root, 'katas', slug, `${slug}.ts`), 'utf8');
});
afterAll(() => sandbox.dispose());

const learner = () => join(sandbox.root, 'katas', slug, `${slug}.ts`);
const stateFile = () => join(sandbox.root, '.kata', 'state.json');
const readState = () => JSON.parse(readFileSync(stateFile(), 'utf8'));
const freshState = () => rmSync(join(sandbox.root, '.kata'), { recursive: true, force: true });

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  const run = spawnCli(sandbox.root, args, env);
  const code = await run.exited;
  return { code, out: run.output() };
}

/** `node <script>` in the sandbox, with tsx's loader (the script imports the state module). */
function node(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const file = join(sandbox.root, `.fault-${script.length}-${Math.random().toString(36).slice(2)}.mts`);
  writeFileSync(file, script);
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: sandbox.root,
    env: learnerEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, done, output: () => output };
}

const WRITER = `
import { progressOf, updateState } from './src/cli/state.ts';
const [file, times] = process.argv.slice(2);
for (let i = 0; i < Number(times); i++) updateState(file, (s) => { progressOf(s, 'rope').hintsUsed += 1; });
`;

describe('state under concurrency and kills', () => {
  test('two processes recording 500 updates each at once keep all 1000', async () => {
    freshState();
    const [a, b] = [node(WRITER, [stateFile(), '500']), node(WRITER, [stateFile(), '500'])];
    expect([await a.done, await b.done], a.output() + b.output()).toEqual([0, 0]);
    const kept = readState().katas.rope.hintsUsed;
    console.log(`concurrent writers: ${kept} of 1000 updates kept`);
    expect(kept).toBe(1000);
  }, 180_000);

  test('a writer killed mid-write leaves a whole state, its lock and temporary file recovered', async () => {
    freshState();
    const env = { KATA_TEST_LOCK_STALE_MS: '2000' };
    for (let round = 0; round < 3; round++) {
      const writer = node(WRITER, [stateFile(), '1000000'], env);
      await waitFor(() => (existsSync(stateFile()) ? 'x' : ''), /x/, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 100 + 150 * round));
      writer.child.kill('SIGKILL');
      await writer.done;
      const before = readState().katas.rope.hintsUsed;
      // The next update waits out the dead writer's lock, cleans its temporary file, and counts on.
      const next = node(WRITER, [stateFile(), '1'], env);
      expect(await next.done, next.output()).toBe(0);
      expect(readState().katas.rope.hintsUsed).toBe(before + 1);
      expect(readdirSync(join(sandbox.root, '.kata')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
  }, 180_000);
});

describe('Ctrl-C during a run records the attempt', () => {
  const wrappers: Array<[string, number, readonly string[] | undefined]> = [
    ['npm run kata -- start', 10, ['npm', 'run', '-s', 'kata', '--']],
    ['npx kata start', 3, ['npx', '--no-install', 'kata']],
    ['the bin (node bin/kata.mjs start)', 3, undefined],
  ];
  test.each(wrappers)(
    'under %s: save, wait 0.2 s, Ctrl-C to the process group',
    async (name, times, command) => {
      let recorded = 0;
      for (let i = 0; i < times; i++) {
        freshState();
        writeFileSync(learner(), stubText);
        const session = spawnCli(sandbox.root, ['start', slug, '--restart'], {}, { detached: true, command });
        await waitFor(session.output, /max-product-subarray: 0\/\d+ tests passed/, 90_000);
        copyFileSync(referenceFile(sandbox.root, slug), learner());
        await new Promise((resolve) => setTimeout(resolve, 200));
        process.kill(-(session.child.pid as number), 'SIGINT');
        await session.exited;
        const attempt = readState().katas[slug]?.attempts.at(-1);
        const closed = attempt?.sessions.every((s: { end: string | null }) => s.end !== null) === true;
        if (/Recorded: /.test(session.output()) && closed && existsSync(stateFile())) recorded += 1;
        else console.log(`run ${i + 1} under ${name} lost the record:\n${session.output().slice(-1500)}`);
        writeFileSync(learner(), stubText);
      }
      console.log(`Ctrl-C under ${name}: recorded ${recorded} of ${times}`);
      expect(recorded).toBe(times);
    },
    600_000,
  );
});

describe('a full disk, a read-only state, a .kata that is a file', () => {
  test('check with the disk full: the verdict, one line about the disk, the exit code of the verdict', async () => {
    freshState();
    copyFileSync(referenceFile(sandbox.root, slug), learner());
    const { code, out } = await cli(['check', slug], { KATA_TEST_FAULT: 'ENOSPC' });
    writeFileSync(learner(), stubText);
    expect(out).toMatch(/max-product-subarray: (\d+)\/\1 tests passed/);
    expect(out).toContain('Could not save your progress: the disk is full');
    expect(out).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/); // no stack trace
    expect(code).toBe(0);
  }, 120_000);

  test('a read-only .kata (EACCES), in Chinese too: one line, no stack trace', async () => {
    freshState();
    const { code, out } = await cli(['hint', slug, '--lang', 'zh'], { KATA_TEST_FAULT: 'EACCES' });
    expect(out).toContain('提示 1/');
    expect(out).toContain('没有写入');
    expect(out).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/);
    expect(code).toBe(0);
  }, 60_000);

  test('.kata that is a file: list, stats and check explain it in one line and still work', async () => {
    freshState();
    writeFileSync(join(sandbox.root, '.kata'), 'oops');
    try {
      for (const args of [['list'], ['stats'], ['check', slug]]) {
        const { code, out } = await cli(args);
        expect(out, args.join(' ')).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/);
        expect(code, args.join(' ')).toBe(args[0] === 'check' ? 1 : 0);
      }
      const { out } = await cli(['check', slug]);
      expect(out).toContain('.kata is not a directory');
    } finally {
      rmSync(join(sandbox.root, '.kata'), { force: true });
    }
  }, 180_000);

  test('reset with the disk full keeps the learner file untouched and leaves no empty copy', async () => {
    freshState();
    writeFileSync(learner(), `${stubText}\n// my work\n`);
    const { code, out } = await cli(['reset', slug], { KATA_TEST_FAULT: 'ENOSPC' });
    expect(out).toContain('your file could not be saved first, so it was left as it is');
    expect(code).toBe(2);
    expect(readFileSync(learner(), 'utf8')).toContain('// my work');
    const copies = join(sandbox.root, '.kata', 'attempts', slug);
    expect(existsSync(copies) ? readdirSync(copies) : []).toEqual([]);
    writeFileSync(learner(), stubText);
  }, 60_000);
});

describe('state files that used to crash a verb', () => {
  const shapes: Array<[string, string, string[]]> = [
    ['mocks: [null]', '{"version":1,"katas":{},"mocks":[null]}', ['stats']],
    ['mockInProgress: {}', '{"version":1,"katas":{},"mocks":[],"mockInProgress":{}}', ['hint', slug]],
    [
      'mockInProgress: {} for solution',
      '{"version":1,"katas":{},"mocks":[],"mockInProgress":{}}',
      ['solution', slug, '--yes'],
    ],
    [
      'solveMs: "abc"',
      `{"version":1,"katas":{"${slug}":{"attempts":[{"startedAt":"2026-01-01T00:00:00Z","sessions":[],"solvedAt":"2026-01-01T00:01:00Z","solveMs":"abc","best":null,"lastRunAt":null,"abandoned":false}],"hintsUsed":0,"solutionSeenAt":null,"selftest":null}},"mocks":[]}`,
      ['list'],
    ],
  ];
  test.each(shapes)(
    '%s: every verb warns, moves it aside and goes on (%s)',
    async (_name, text, args) => {
      freshState();
      const dir = join(sandbox.root, '.kata');
      rmSync(dir, { recursive: true, force: true });
      writeFileSync(join(sandbox.root, '.kata-tmp-state.json'), text);
      await import('node:fs').then((fs) => {
        fs.mkdirSync(dir, { recursive: true });
        fs.renameSync(join(sandbox.root, '.kata-tmp-state.json'), stateFile());
      });
      const { code, out } = await cli(args);
      expect(out).toContain('could not be read');
      expect(out).toContain('moved to');
      expect(out).not.toMatch(/NaN:NaN|\n\s+at [^\n]*:\d+:\d+/);
      expect(code).toBe(0);
    },
    60_000,
  );
});

describe("the learner's code, contained", () => {
  test('a start session survives a runaway allocation, a patched built-in, and a deleted then recreated file', async () => {
    freshState();
    const session = spawnCli(sandbox.root, ['start', slug, '--restart'], {
      KATA_MEMORY_LIMIT_MB: '256',
      KATA_RUN_LIMIT_MS: '60000',
    });
    try {
      await waitFor(session.output, /max-product-subarray: 0\/\d+ tests passed/, 90_000);
      let seen = session.output().length;
      const next = async (pattern: RegExp, ms = 90_000) => {
        await waitFor(() => session.output().slice(seen), pattern, ms);
        seen = session.output().length;
      };
      writeFileSync(
        learner(),
        'export function maxProduct(nums: readonly number[]): number {\n  const keep: number[][] = [];\n  for (;;) keep.push(new Array(1e6).fill(nums.length));\n}\n',
      );
      await next(/more than 256 MB of memory/);
      writeFileSync(learner(), `Math.max = () => 0;\n${readFileSync(referenceFile(sandbox.root, slug), 'utf8')}`);
      await next(/replaced JavaScript built-ins the hidden suite relies on: Math\.max/);
      // The next save runs in a fresh process: the untouched reference passes in full.
      copyFileSync(referenceFile(sandbox.root, slug), learner());
      await next(/✔ Solved max-product-subarray/);
      rmSync(learner());
      await new Promise((resolve) => setTimeout(resolve, 1500));
      writeFileSync(learner(), stubText);
      await next(/max-product-subarray: 0\/\d+ tests passed/);
    } finally {
      session.child.kill('SIGINT');
      await session.exited;
    }
    expect(session.output()).toMatch(/Recorded: max-product-subarray solved in/);
  }, 400_000);

  test('a solve in start is recorded while hint runs in another terminal', async () => {
    freshState();
    const session = spawnCli(sandbox.root, ['start', slug, '--restart']);
    await waitFor(session.output, /max-product-subarray: 0\/\d+ tests passed/, 90_000);
    const hints = Array.from({ length: 3 }, () => cli(['hint', slug]));
    copyFileSync(referenceFile(sandbox.root, slug), learner());
    await Promise.all(hints);
    await waitFor(session.output, /✔ Solved/, 90_000);
    session.child.kill('SIGINT');
    await session.exited;
    writeFileSync(learner(), stubText);
    const progress = readState().katas[slug];
    expect(progress.attempts.at(-1).solvedAt).not.toBeNull();
    expect(progress.hintsUsed).toBeGreaterThanOrEqual(1);
  }, 300_000);

  test('check stops an endless loop at the run limit', async () => {
    writeFileSync(
      learner(),
      'export function maxProduct(nums: readonly number[]): number {\n  while (nums) {}\n  return 0;\n}\n',
    );
    const started = Date.now();
    const { code, out } = await cli(['check', slug], { KATA_RUN_LIMIT_MS: '3000' });
    writeFileSync(learner(), stubText);
    expect(out).toContain('ran for 3 s without finishing');
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 120_000);

  test('no fake verdicts: a file re-exporting the reference is refused; Object.is patched fails', async () => {
    freshState();
    writeFileSync(learner(), `export { maxProduct } from '../../kits/${slug}/reference.ts';\n`);
    const reexport = await cli(['check', slug]);
    expect(reexport.out).toContain('the file being judged must be your own work');
    expect(reexport.code).toBe(1);
    writeFileSync(learner(), 'Object.is = () => true;\nexport function maxProduct(): number {\n  return 7;\n}\n');
    const patched = await cli(['check', slug]);
    expect(patched.out).toContain('replaced JavaScript built-ins the hidden suite relies on: Object.is');
    expect(patched.code).toBe(1);
    writeFileSync(learner(), stubText);
    expect(
      existsSync(stateFile())
        ? (readState().katas[slug]?.attempts ?? []).filter((a: { solvedAt: string | null }) => a.solvedAt)
        : [],
    ).toEqual([]);
  }, 120_000);
});

describe('small things that crashed', () => {
  test('reset of an untouched stub still closes the open attempt, so its clock stops', async () => {
    freshState();
    writeFileSync(learner(), stubText);
    const dir = join(sandbox.root, '.kata');
    await import('node:fs').then((fs) => fs.mkdirSync(dir, { recursive: true }));
    writeFileSync(
      stateFile(),
      JSON.stringify({
        version: 1,
        katas: {
          [slug]: {
            attempts: [
              {
                startedAt: '2026-01-01T00:00:00Z',
                sessions: [{ start: '2026-01-01T00:00:00Z', end: null }],
                solvedAt: null,
                solveMs: null,
                best: null,
                lastRunAt: null,
                abandoned: false,
              },
            ],
            hintsUsed: 0,
            solutionSeenAt: null,
            selftest: null,
          },
        },
        mocks: [],
      }),
    );
    const { code, out } = await cli(['reset', slug]);
    expect(out).toContain('already the pristine stub');
    expect(code).toBe(0);
    const attempt = readState().katas[slug].attempts[0];
    expect(attempt.abandoned).toBe(true);
    expect(attempt.sessions[0].end).not.toBeNull();
  }, 60_000);

  test('KATA_LANG=xx is a warning naming KATA_LANG, not a stack trace', async () => {
    const { code, out } = await cli(['list'], { KATA_LANG: 'xx' });
    expect(out).toContain('KATA_LANG must be "en" or "zh", got "xx"');
    expect(out).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/);
    expect(code).toBe(0);
  }, 60_000);
});
