import type { Bilingual, Kata } from '../registry.ts';
import { type State, bestSolveMs, statusOf } from './state.ts';

export interface Suggestion {
  readonly kata: Kata;
  readonly reason: Bilingual;
}

/** What to practise next: unsolved first (in curriculum order), then over budget, then least recently solved. */
export function suggestNext(katas: readonly Kata[], state: State): Suggestion | undefined {
  const unsolved = katas.find((kata) => statusOf(state.katas[kata.slug]) !== 'solved');
  if (unsolved) {
    const attempted = statusOf(state.katas[unsolved.slug]) === 'attempted';
    return {
      kata: unsolved,
      reason: attempted
        ? { en: 'attempted but not solved yet', zh: '尝试过但还没通过' }
        : { en: 'not tried yet', zh: '还没做过' },
    };
  }
  const overBudget = katas
    .map((kata) => ({ kata, over: (bestSolveMs(state.katas[kata.slug]) ?? 0) - kata.minutes * 60_000 }))
    .filter(({ over }) => over > 0)
    .sort((a, b) => b.over - a.over)[0];
  if (overBudget)
    return { kata: overBudget.kata, reason: { en: 'your best time is over budget', zh: '最佳用时超出时限' } };
  const lastSolved = (kata: Kata) =>
    Math.max(...(state.katas[kata.slug]?.attempts ?? []).map((a) => (a.solvedAt ? Date.parse(a.solvedAt) : 0)));
  const stalest = [...katas].sort((a, b) => lastSolved(a) - lastSolved(b))[0];
  return stalest && { kata: stalest, reason: { en: 'least recently solved', zh: '最久没练过' } };
}
