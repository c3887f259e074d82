import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { referenceFile } from '../../paths.ts';
import { learnerEnv, makeSandbox, spawnCli, waitFor } from '../../testing/sandbox.ts';

let sandbox: ReturnType<typeof makeSandbox>;
let child: ChildProcess | undefined;
beforeAll(() => {
  sandbox = makeSandbox();
});
afterAll(() => {
  child?.kill('SIGKILL');
  sandbox.dispose();
});

test('start: a real watch session sees the solve, records it, and stops cleanly by PID', async () => {
  const slug = 'merge-k-lists';
  const session = spawnCli(sandbox.root, ['start', slug]);
  child = session.child;
  const { output, exited } = session;

  await waitFor(output, /left of 15:00\n.*merge-k-lists: 0\/\d+ tests passed/, 60_000);
  expect(output()).toContain('## English');
  const stub = readFileSync(join(sandbox.root, 'katas', slug, `${slug}.ts`), 'utf8');
  copyFileSync(referenceFile(sandbox.root, slug), join(sandbox.root, 'katas', slug, `${slug}.ts`));
  await waitFor(output, /✔ Solved merge-k-lists in \d+:\d\d, within the 15:00 budget/, 60_000);
  expect(output()).toMatch(/merge-k-lists: (\d+)\/\1 tests passed/);

  const state = JSON.parse(readFileSync(join(sandbox.root, '.kata', 'state.json'), 'utf8'));
  const attempt = state.katas[slug].attempts[0];
  expect(attempt.solvedAt).not.toBeNull();
  expect(attempt.solveMs).toBeGreaterThan(0);

  // The run after a solve reuses a warm worker (src/cli/warm-forks.ts): it must see the file as
  // saved now, not the version it ran last time.
  const solvedAt = output().length;
  writeFileSync(join(sandbox.root, 'katas', slug, `${slug}.ts`), stub);
  await waitFor(() => output().slice(solvedAt), /merge-k-lists: 0\/\d+ tests passed/, 60_000);

  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output()).toMatch(/Recorded: merge-k-lists solved in \d+:\d\d/);
  const after = JSON.parse(readFileSync(join(sandbox.root, '.kata', 'state.json'), 'utf8'));
  expect(after.katas[slug].attempts[0].sessions.every((s: { end: string | null }) => s.end !== null)).toBe(true);
}, 150_000);

test('start: an endless loop is stopped after the run limit, the next save runs, and Ctrl-C during one still records', async () => {
  const loopSandbox = makeSandbox();
  try {
    // The fastest suite, so that the short run limit never cuts a healthy run on a busy machine.
    const slug = 'max-product-subarray';
    const learnerFile = join(loopSandbox.root, 'katas', slug, `${slug}.ts`);
    const endless = 'export function maxProduct(): number {\n  for (;;) {}\n}\n';
    const {
      child: session,
      output,
      exited,
    } = spawnCli(loopSandbox.root, ['start', slug], {
      KATA_RUN_LIMIT_MS: '4000',
    });
    try {
      await waitFor(output, /max-product-subarray: 0\/\d+ tests passed/, 60_000);
      writeFileSync(learnerFile, endless);
      await waitFor(output, /The tests ran for 4 s without finishing/, 30_000);
      // The stop is explained once, in the learner's words, not as vitest's "worker exited" error.
      await waitFor(output, /max-product-subarray: 0\/\d+ tests passed/, 30_000);
      expect(output()).not.toContain('[vitest-pool]');
      copyFileSync(referenceFile(loopSandbox.root, slug), learnerFile);
      await waitFor(output, /✔ Solved max-product-subarray/, 30_000);

      writeFileSync(learnerFile, endless);
      await waitFor(output, /re-running[^\n]*\n(?![\s\S]*tests passed)/, 10_000);
      const stoppedAt = Date.now();
      session.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stoppedAt, 'Ctrl-C does not wait for the stuck run').toBeLessThan(2_500);
      expect(output()).toMatch(/Recorded: max-product-subarray solved in \d+:\d\d/);
    } finally {
      session.kill('SIGKILL');
    }
  } finally {
    loopSandbox.dispose();
  }
}, 150_000);

test('mock: one clock, test names hidden, ends when every kata passes, then the report and the record', async () => {
  const mockSandbox = makeSandbox();
  try {
    const slug = 'max-product-subarray';
    const learnerFile = join(mockSandbox.root, 'katas', slug, `${slug}.ts`);
    // An earlier attempt in the learner's file: the mock starts from the stub and keeps a copy.
    writeFileSync(learnerFile, '// an earlier attempt\nexport function maxProduct(): number { return 0; }\n');
    const { output, exited } = spawnCli(mockSandbox.root, ['mock', '--kata', slug, '--minutes', '5', '--yes']);
    await waitFor(output, /left of 5:00\n.*max-product-subarray: 0\/\d+ tests passed/, 60_000);
    expect(output()).toContain('test names are hidden');
    expect(output()).not.toContain('worked examples >');
    const saved = readdirSync(join(mockSandbox.root, '.kata', 'attempts', slug));
    expect(readFileSync(join(mockSandbox.root, '.kata', 'attempts', slug, saved[0] as string), 'utf8')).toContain(
      'an earlier attempt',
    );
    copyFileSync(referenceFile(mockSandbox.root, slug), learnerFile);
    expect(await exited).toBe(0);
    expect(output()).toMatch(
      /Mock interview report \(5 minutes\)\n {2}max-product-subarray: solved in \d+:\d\d, (\d+)\/\1 tests passed/,
    );
    // The prompt and the file to edit came first; one follow-up question before the report.
    expect(output()).toContain('## English');
    expect(output()).toContain('Your file: katas/max-product-subarray/max-product-subarray.ts');
    expect(output()).toMatch(/Follow-up \d\/\d \(max-product-subarray\): [^\n]+\nModel answer: /);
    const state = JSON.parse(readFileSync(join(mockSandbox.root, '.kata', 'state.json'), 'utf8'));
    expect(state.mocks).toHaveLength(1);
    expect(state.mocks[0].results[0]).toMatchObject({ slug, solved: true });
    expect(state.mockInProgress).toBeUndefined();
  } finally {
    mockSandbox.dispose();
  }
}, 150_000);

test('start in a terminal: the countdown ticks every second on one status line; Ctrl-C restores the cursor', async () => {
  // `script` gives the CLI a pseudo-terminal; a ^C written to it is a real Ctrl-C.
  const tty = spawn(
    'script',
    ['-qfec', `${process.execPath} bin/kata.mjs start max-product-subarray --restart`, '/dev/null'],
    {
      cwd: sandbox.root,
      env: learnerEnv(),
    },
  );
  let output = '';
  tty.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitFor(() => output, /max-product-subarray\S*: \S*0\/\d+ tests passed/, 90_000);
  const before = output.length;
  // One status-line redraw: carriage return, ESC [2K (erase the line), then the countdown.
  const TICK = new RegExp(`\r${String.fromCharCode(27)}\\[2K\\S*⏱ {2}\\d+:\\d\\d left of 10:00`, 'g');
  await new Promise((resolve) => setTimeout(resolve, 3500));
  const ticks = output.slice(before).match(TICK) ?? [];
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  // Before the first verdict the line said the suite was loading.
  expect(output).toContain('⏳ loading the hidden suite');
  expect(output).toContain('\u001b[?25l');
  tty.stdin.write('\u0003');
  await new Promise<void>((resolve) => tty.on('close', () => resolve()));
  const end = output.slice(output.lastIndexOf('^C'));
  expect(end).toContain('\u001b[?25h');
  expect(end).toMatch(/Recorded: \d+:\d\d on max-product-subarray/);
}, 180_000);

test('mock: at its deadline the interview ends (it does not count overtime), with the report', async () => {
  const { output, exited } = spawnCli(sandbox.root, [
    'mock',
    '--kata',
    'max-product-subarray',
    '--minutes',
    '0.25',
    '--yes',
  ]);
  expect(await exited).toBe(1);
  expect(output()).toContain('Time is up: the interview ends now.');
  expect(output()).not.toContain('counts overtime');
  expect(output()).toMatch(/Mock interview report \(0\.25 minutes\)\n {2}max-product-subarray: not solved/);
}, 180_000);

test('selftest in a terminal shows which wrong solution it is checking', async () => {
  const tty = spawn(
    'script',
    ['-qfec', `${process.execPath} bin/kata.mjs selftest max-product-subarray --runs 20`, '/dev/null'],
    {
      cwd: sandbox.root,
      env: learnerEnv(),
    },
  );
  let output = '';
  tty.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve) => tty.on('close', () => resolve()));
  expect(output).toMatch(/… wrong solution \d+\/\d+/);
  expect(output).toMatch(/Score: \d+\/\d+ bugs caught/);
}, 180_000);
