import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Progress } from '../progress.ts';
import { StateIoError, writeAtomically } from '../state-file.ts';
import { emptyState, loadState, newAttempt, progressOf, updateState } from '../state.ts';

/**
 * The state under faults, in process: every shape that used to crash a verb is moved aside with a
 * warning; a full disk or a read-only directory (injected: KATA_TEST_FAULT) is reported in one line,
 * the change kept and written once the fault is gone; a killed writer's temporary file is cleaned up.
 * Concurrent writers and killed processes are in faults.e2e.test.ts.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kata-faults-'));
});
afterEach(() => {
  delete process.env.KATA_TEST_FAULT;
  rmSync(dir, { recursive: true, force: true });
});

const valid = () => {
  const state = emptyState();
  const attempt = newAttempt(new Date('2026-01-01T00:00:00Z'));
  attempt.sessions.push({ start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' });
  progressOf(state, 'rope').attempts.push(attempt);
  state.mocks.push({ at: '2026-01-01T00:00:00Z', minutes: 30, results: [] });
  return state;
};

describe('a state file that would crash a verb is moved aside with a warning', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the point is to write shapes the types forbid
  type Loose = any;
  const shapes: Array<[string, (state: Loose) => void]> = [
    ['mocks: [null] (crashed stats)', (s) => (s.mocks = [null])],
    ['mockInProgress: {} (crashed hint and solution)', (s) => (s.mockInProgress = {})],
    ['sessions: [null] (crashed start)', (s) => (s.katas.rope.attempts[0].sessions = [null])],
    ['solveMs: "abc" (printed NaN:NaN)', (s) => (s.katas.rope.attempts[0].solveMs = 'abc')],
    ['a negative hint count', (s) => (s.katas.rope.hintsUsed = -1)],
    ['a start time that is no date', (s) => (s.katas.rope.attempts[0].startedAt = 'yesterday')],
    ['a mock result without a slug', (s) => (s.mocks[0].results = [{ solved: true }])],
  ];
  test.each(shapes)('%s', (_name, spoil) => {
    const file = join(dir, 'state.json');
    const state = JSON.parse(JSON.stringify(valid())) as Record<string, unknown>;
    spoil(state);
    writeFileSync(file, JSON.stringify(state));
    const { state: loaded, warning } = loadState(file, new Date('2026-02-03T04:05:06.007Z'));
    expect(loaded).toEqual(emptyState());
    expect(warning).toMatch(/could not be read: its contents are not a valid state/);
    expect(existsSync(`${file}.bad-2026-02-03T04-05-06-007Z`)).toBe(true);
  });

  test('a valid file round-trips unchanged', () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, JSON.stringify(valid()));
    expect(loadState(file)).toEqual({ state: valid() });
  });
});

describe('a write that fails is reported once, kept, and written when it can be', () => {
  test.each(['ENOSPC', 'EACCES'])('%s: one line, the change kept and written later, nothing lost', (code) => {
    const errors: string[] = [];
    const progress = new Progress({ root: dir, lang: 'en', err: (text) => errors.push(text) });
    process.env.KATA_TEST_FAULT = code;
    const first = progress.update((state) => {
      progressOf(state, 'rope').hintsUsed += 1;
      return progressOf(state, 'rope').hintsUsed;
    });
    const second = progress.update((state) => {
      progressOf(state, 'norms').hintsUsed += 1;
      return progressOf(state, 'rope').hintsUsed;
    });
    // The results come from the state as it would be: the learner sees the verdict anyway.
    expect([first, second]).toEqual([1, 1]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(code === 'ENOSPC' ? /the disk is full/ : /no permission to write/);
    expect(errors[0]).toContain('The record is kept and retried.');
    expect(progress.pendingCount).toBe(2);
    expect(existsSync(join(dir, '.kata', 'state.json'))).toBe(false);

    delete process.env.KATA_TEST_FAULT;
    expect(progress.flush()).toBe(true);
    const saved = loadState(join(dir, '.kata', 'state.json')).state;
    expect(saved.katas.rope?.hintsUsed).toBe(1);
    expect(saved.katas.norms?.hintsUsed).toBe(1);
    expect(errors.at(-1)).toBe('Your progress is saved again.');
  });

  test('the same fault in Chinese is one line too', () => {
    const errors: string[] = [];
    const progress = new Progress({ root: dir, lang: 'zh', err: (text) => errors.push(text) });
    process.env.KATA_TEST_FAULT = 'ENOSPC';
    progress.update(() => undefined);
    expect(errors).toEqual([expect.stringContaining('磁盘已满')]);
  });

  test('.kata that is a file: a named error, not a stack trace', () => {
    writeFileSync(join(dir, '.kata'), 'not a directory');
    const errors: string[] = [];
    const progress = new Progress({ root: dir, lang: 'en', err: (text) => errors.push(text) });
    expect(progress.read()).toEqual(emptyState());
    progress.update((state) => {
      progressOf(state, 'rope').hintsUsed = 3;
    });
    expect(errors.join('\n')).toMatch(/\.kata is not a directory|not a directory/);
    expect(progress.pendingCount).toBe(1);
  });
});

describe('writes are atomic', () => {
  test('a temporary file left by a killed writer is removed by the next update', () => {
    const file = join(dir, 'state.json');
    writeFileSync(`${file}.4242.abcdef.tmp`, '{"version": 1, "kat');
    updateState(file, (state) => {
      progressOf(state, 'rope').hintsUsed = 1;
    });
    expect(readdirSync(dir).sort()).toEqual(['state.json']);
  });

  test('a failed write leaves neither a temporary file nor a changed state', () => {
    const file = join(dir, 'state.json');
    writeAtomically(file, '{"before": true}\n');
    process.env.KATA_TEST_FAULT = 'ENOSPC:rename';
    expect(() => writeAtomically(file, '{"after": true}\n')).toThrow(StateIoError);
    expect(readFileSync(file, 'utf8')).toBe('{"before": true}\n');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  test('the lock is released after a change that throws', () => {
    const file = join(dir, 'state.json');
    mkdirSync(dir, { recursive: true });
    expect(() =>
      updateState(file, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    updateState(file, (state) => {
      progressOf(state, 'rope').hintsUsed = 2;
    });
    expect(loadState(file).state.katas.rope?.hintsUsed).toBe(2);
  });
});
