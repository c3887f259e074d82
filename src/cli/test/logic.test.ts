import { describe, expect, test } from 'vitest';
import type { Kata } from '../../registry.ts';
import { closestMatches, editDistance } from '../closest.ts';
import { langFrom } from '../context.ts';
import { emptyState, newAttempt } from '../state.ts';
import { clock } from '../style.ts';
import { pickMockKatas } from '../verbs/mock.ts';
import { median } from '../verbs/stats.ts';
import { runLimitMs } from '../run-limits.ts';

const kata = (slug: string, kind: Kata['kind'], minutes = 10): Kata => ({
  slug,
  kind,
  minutes,
  title: { en: slug, zh: slug },
  difficulty: 'easy',
  tags: ['t'],
  seed: [1],
  hints: [],
});
const KATAS = [kata('a1', 'algorithm'), kata('a2', 'algorithm'), kata('t1', 'tensor'), kata('t2', 'tensor')];

function solved(state: ReturnType<typeof emptyState>, slug: string, solveMs: number, at: string) {
  const attempt = newAttempt(new Date(at));
  attempt.solvedAt = at;
  attempt.solveMs = solveMs;
  state.katas[slug] = { attempts: [attempt], hintsUsed: 0, solutionSeenAt: null, selftest: null };
}

describe('closest slugs for a typo', () => {
  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  test('a prefix or a typo finds the kata; nonsense finds nothing', () => {
    const slugs = ['merge-k-lists', 'max-product-subarray', 'max-island-area', 'rope'];
    expect(closestMatches('merge-k', slugs)).toEqual(['merge-k-lists']);
    expect(closestMatches('max-iland-area', slugs)[0]).toBe('max-island-area');
    expect(closestMatches('zzzzzzzzzzzz', slugs)).toEqual([]);
  });
});

describe('mock interview picks', () => {
  test('default: one algorithm and one tensor kata, unsolved first', () => {
    const state = emptyState();
    solved(state, 'a1', 1000, '2026-01-01T00:00:00Z');
    const picked = pickMockKatas(KATAS, state, undefined, () => 0.5);
    expect(picked.map((k) => k.kind).sort()).toEqual(['algorithm', 'tensor']);
    expect(picked.map((k) => k.slug)).toContain('a2');
  });
  test('--count 3 alternates kinds and never repeats a kata', () => {
    const picked = pickMockKatas(KATAS, emptyState(), 3, Math.random);
    expect(new Set(picked.map((k) => k.slug)).size).toBe(3);
  });
  test('--count larger than the list picks every kata once', () => {
    expect(pickMockKatas(KATAS, emptyState(), 10, Math.random)).toHaveLength(4);
  });
});

describe('small pieces', () => {
  test('median', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
  test('clock shows m:ss and overtime with a sign', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(61_999)).toBe('1:01');
    expect(clock(-5_000)).toBe('-0:05');
  });
  test('language from --lang, then KATA_LANG, then LANG', () => {
    expect(langFrom('zh', {})).toBe('zh');
    expect(langFrom(undefined, { KATA_LANG: 'zh' })).toBe('zh');
    expect(langFrom(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFrom(undefined, {})).toBe('en');
    expect(() => langFrom('fr', {})).toThrow(/--lang/);
  });
  test('the run limit of a watch session: 30 s, or KATA_RUN_LIMIT_MS when it is a positive integer', () => {
    expect(runLimitMs({})).toBe(30_000);
    expect(runLimitMs({ KATA_RUN_LIMIT_MS: '' })).toBe(30_000);
    expect(runLimitMs({ KATA_RUN_LIMIT_MS: '3000' })).toBe(3_000);
    for (const bad of ['0', '-5', '2.5', 'soon']) {
      expect(() => runLimitMs({ KATA_RUN_LIMIT_MS: bad }), bad).toThrow(RangeError);
    }
  });
});
