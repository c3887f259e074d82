import { Rating } from 'ts-fsrs';
import { describe, expect, test } from 'vitest';
import type { Kata } from '../../registry.ts';
import { dueAt, dueText, gradeOf, rateAttempt, suggestNext } from '../schedule.ts';
import { type State, emptyState, newAttempt, progressOf } from '../state.ts';

/**
 * Spaced repetition with a fixed clock: the rating rule of each attempt, and `next` following the
 * FSRS schedule (unsolved first, then due katas least retrievable first, never the same day twice).
 */
const kata = (slug: string, minutes = 10): Kata => ({
  slug,
  kind: 'algorithm',
  minutes,
  title: { en: slug, zh: slug },
  difficulty: 'easy',
  tags: ['t'],
  seed: [1],
  hints: [],
});
const KATAS = [kata('a'), kata('b'), kata('c'), kata('d')];
const day = (n: number, hour = 10) => new Date(Date.UTC(2026, 0, 1 + n, hour));

/** An attempt on `slug` at `when`: solved in `minutes` (null: not solved), with `hints`. */
function practise(state: State, slug: string, when: Date, minutes: number | null, hints = 0) {
  const attempt = newAttempt(when);
  attempt.sessions.push({ start: when.toISOString(), end: when.toISOString() });
  attempt.lastRunAt = when.toISOString();
  attempt.hints = hints;
  if (minutes !== null) {
    attempt.solvedAt = when.toISOString();
    attempt.solveMs = minutes * 60_000;
  }
  const progress = progressOf(state, slug);
  progress.attempts.push(attempt);
  return rateAttempt(progress, attempt, KATAS.find((k) => k.slug === slug) as Kata, when);
}

describe('the rating of an attempt (budget 10 min)', () => {
  const cases: Array<[string, { solved: boolean; ms: number | null; hints: number }, Rating]> = [
    ['not solved → Again', { solved: false, ms: null, hints: 0 }, Rating.Again],
    ['solved over the budget (11 min) → Hard', { solved: true, ms: 11 * 60_000, hints: 0 }, Rating.Hard],
    ['solved within the budget but with a hint → Hard', { solved: true, ms: 3 * 60_000, hints: 1 }, Rating.Hard],
    ['solved within the budget (7 min), no hints → Good', { solved: true, ms: 7 * 60_000, hints: 0 }, Rating.Good],
    [
      'exactly half the budget (5 min) is not under half → Good',
      { solved: true, ms: 5 * 60_000, hints: 0 },
      Rating.Good,
    ],
    ['under half the budget (4 min), no hints → Easy', { solved: true, ms: 4 * 60_000, hints: 0 }, Rating.Easy],
    ['an untimed check solve, no hints → Good', { solved: true, ms: null, hints: 0 }, Rating.Good],
    ['an untimed check solve with hints → Hard', { solved: true, ms: null, hints: 2 }, Rating.Hard],
  ];
  test.each(cases)('%s', (_name, outcome, grade) => {
    expect(gradeOf(outcome, kata('x'))).toBe(grade);
  });

  test('an attempt is rated once; one rated Again and solved later is rated again for the solve', () => {
    const state = emptyState();
    const progress = progressOf(state, 'a');
    const attempt = newAttempt(day(0));
    progress.attempts.push(attempt);
    expect(rateAttempt(progress, attempt, kata('a'), day(0))).toBe(Rating.Again);
    expect(rateAttempt(progress, attempt, kata('a'), day(0))).toBeUndefined();
    attempt.solvedAt = day(1).toISOString();
    attempt.solveMs = 60_000;
    expect(rateAttempt(progress, attempt, kata('a'), day(1))).toBe(Rating.Easy);
    expect(progress.review?.reps).toBe(2);
  });
});

describe('next follows the schedule', () => {
  test('unsolved first: an attempted kata before a new one, then curriculum order', () => {
    const state = emptyState();
    practise(state, 'a', day(0), 3);
    practise(state, 'c', day(0), null);
    expect(suggestNext(KATAS, state, day(1))?.kata.slug).toBe('c');
    practise(state, 'c', day(1), 3);
    expect(suggestNext(KATAS, state, day(2))?.kata.slug).toBe('b');
  });

  test('no same-day repeats: a kata practised today is not offered again today', () => {
    const state = emptyState();
    practise(state, 'a', day(0), null); // Again: due tomorrow at the earliest
    expect(dueAt(state.katas.a)?.getTime()).toBeGreaterThanOrEqual(day(1).getTime());
    expect(suggestNext(KATAS, state, day(0, 18))?.kata.slug).toBe('b');
    for (const slug of ['b', 'c', 'd']) practise(state, slug, day(0), 3);
    expect(suggestNext(KATAS, state, day(0, 20))).toBeUndefined();
  });

  test('solved katas come back when due, least retrievable first', () => {
    const state = emptyState();
    practise(state, 'a', day(0), 2); // Easy: 8 days
    practise(state, 'b', day(0), 7); // Good: 3 days
    practise(state, 'c', day(0), 12); // Hard: 2 days
    practise(state, 'd', day(0), 7, 1); // a hint: Hard, 2 days
    expect(suggestNext(KATAS, state, day(1))).toBeUndefined();
    // Day 2: c and d are due (Hard); b is not yet.
    const onDay2 = suggestNext(KATAS, state, day(2));
    expect(['c', 'd']).toContain(onDay2?.kata.slug);
    practise(state, 'c', day(2), 7);
    practise(state, 'd', day(2), 7);
    // Day 4: b is due (3 days), a is not (8 days): b.
    expect(suggestNext(KATAS, state, day(4))?.kata.slug).toBe('b');
    expect(suggestNext(KATAS, state, day(4))?.reason.en).toMatch(/due for review \(recall \d+%\)/);
    // Much later every kata is due: the least retrievable (shortest stability) comes first.
    const far = suggestNext(KATAS, state, day(60));
    expect(far?.kata.slug).toBe('b');
  });

  test('due dates read as words', () => {
    expect(dueText('en', day(0), day(0, 12))).toBe('now');
    expect(dueText('en', day(1), day(0))).toBe('tomorrow');
    expect(dueText('en', day(5), day(0))).toBe('in 5 days');
    expect(dueText('zh', day(5), day(0))).toBe('5 天后');
    expect(dueText('en', undefined, day(0))).toBe('-');
  });
});
