import type { ChildProcess } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { referenceFile } from '../../paths.ts';
import { makeSandbox, spawnCli, waitFor } from '../../testing/sandbox.ts';

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
    const slug = 'merge-k-lists';
    const learnerFile = join(loopSandbox.root, 'katas', slug, `${slug}.ts`);
    const endless = 'export function mergeKLists(): null {\n  for (;;) {}\n}\n';
    const {
      child: session,
      output,
      exited,
    } = spawnCli(loopSandbox.root, ['start', slug], {
      KATA_RUN_LIMIT_MS: '3000',
    });
    try {
      await waitFor(output, /merge-k-lists: 0\/\d+ tests passed/, 60_000);
      writeFileSync(learnerFile, endless);
      await waitFor(output, /The tests ran for 3 s without finishing/, 30_000);
      copyFileSync(referenceFile(loopSandbox.root, slug), learnerFile);
      await waitFor(output, /✔ Solved merge-k-lists/, 30_000);

      writeFileSync(learnerFile, endless);
      await waitFor(output, /re-running[^\n]*\n(?![\s\S]*tests passed)/, 10_000);
      const stoppedAt = Date.now();
      session.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stoppedAt, 'Ctrl-C does not wait for the stuck run').toBeLessThan(2_500);
      expect(output()).toMatch(/Recorded: merge-k-lists solved in \d+:\d\d/);
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
      /Mock interview report \(5 min\)\n {2}max-product-subarray: solved in \d+:\d\d, (\d+)\/\1 tests passed/,
    );
    const state = JSON.parse(readFileSync(join(mockSandbox.root, '.kata', 'state.json'), 'utf8'));
    expect(state.mocks).toHaveLength(1);
    expect(state.mocks[0].results[0]).toMatchObject({ slug, solved: true });
    expect(state.mockInProgress).toBeUndefined();
  } finally {
    mockSandbox.dispose();
  }
}, 150_000);
