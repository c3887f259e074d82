import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { elapsedMs, emptyState, loadState, newAttempt, saveState, statusOf, updateState } from '../state.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kata-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('progress state file', () => {
  test('a missing file is a fresh state', () => {
    expect(loadState(join(dir, 'state.json'))).toEqual({ state: emptyState() });
  });

  test('saves atomically and reads back what it saved, leaving no temporary file', () => {
    const file = join(dir, 'state.json');
    updateState(file, (state) => {
      state.katas.x = { attempts: [newAttempt(new Date(0))], hintsUsed: 2, solutionSeenAt: null, selftest: null };
    });
    expect(loadState(file).state.katas.x?.hintsUsed).toBe(2);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  test.each([
    ['corrupt JSON', '{"version": 1, "katas": '],
    ['an unknown version', '{"version": 99, "katas": {}, "mocks": []}'],
    ['a wrong shape', '{"version": 1, "katas": {"x": {"attempts": 3}}, "mocks": []}'],
  ])('%s is moved aside with a warning, never a crash', (_name, text) => {
    const file = join(dir, 'state.json');
    writeFileSync(file, text);
    const now = new Date('2026-02-03T04:05:06.007Z');
    const { state, warning } = loadState(file, now);
    expect(state).toEqual(emptyState());
    expect(warning).toContain('moved to');
    const aside = `${file}.bad-2026-02-03T04-05-06-007Z`;
    expect(readFileSync(aside, 'utf8')).toBe(text);
    expect(existsSync(file)).toBe(false);
  });

  test('practice time sums the sessions, counting an open one up to now', () => {
    const attempt = newAttempt(new Date('2026-01-01T00:00:00Z'));
    attempt.sessions.push({ start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:05:00Z' });
    attempt.sessions.push({ start: '2026-01-02T00:00:00Z', end: null });
    expect(elapsedMs(attempt, new Date('2026-01-02T00:02:00Z'))).toBe(7 * 60_000);
  });

  test('status: new, attempted, solved', () => {
    const state = emptyState();
    expect(statusOf(state.katas.x)).toBe('new');
    const attempt = newAttempt(new Date(0));
    state.katas.x = { attempts: [attempt], hintsUsed: 0, solutionSeenAt: null, selftest: null };
    expect(statusOf(state.katas.x)).toBe('attempted');
    attempt.solvedAt = new Date(1).toISOString();
    expect(statusOf(state.katas.x)).toBe('solved');
    saveState(join(dir, 'state.json'), state);
  });
});
