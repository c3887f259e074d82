import { type Card, type Grade, Rating, createEmptyCard, fsrs } from 'ts-fsrs';
import type { Bilingual, Kata } from '../registry.ts';
import type { Attempt, KataProgress, ReviewCard, State } from './state.ts';
import { statusOf } from './state.ts';

/**
 * Spaced repetition of the katas with FSRS (ts-fsrs). Every attempt rates its kata once it ends:
 *
 *   not solved (the session ended, or the attempt was given up)        → Again
 *   solved, but over the budget, or with hints used                      → Hard
 *   solved within the budget, no hints                                   → Good
 *   solved in under half the budget, no hints                            → Easy
 *   solved by an untimed `check` (no time to judge): Good, Hard with hints
 *
 * Short-term (same-day) learning steps are off, so the shortest interval is one day: a kata is never
 * due again the day it was practised. `next` offers unsolved katas first (in curriculum order),
 * then the katas that are due, least retrievable first.
 */
const scheduler = fsrs({ enable_short_term: false, enable_fuzz: false });

export const RATING_RULES: readonly Bilingual[] = [
  { en: 'not solved → Again', zh: '未通过 → Again' },
  { en: 'solved over the budget, or with hints → Hard', zh: '超时通过，或用了提示 → Hard' },
  { en: 'solved within the budget, no hints → Good', zh: '在时限内通过且没用提示 → Good' },
  { en: 'solved in under half the budget, no hints → Easy', zh: '用时不到一半且没用提示 → Easy' },
];

/** How one attempt (or one kata of a mock interview) went. */
export interface Outcome {
  readonly solved: boolean;
  /** Time to the solve; null for an untimed solve (`check`). */
  readonly ms: number | null;
  readonly hints: number;
}

export function outcomeOf(attempt: Attempt): Outcome {
  return { solved: attempt.solvedAt !== null, ms: attempt.solveMs, hints: attempt.hints ?? 0 };
}

/** The grade an outcome earns (see the table above). */
export function gradeOf(outcome: Outcome, kata: Kata): Grade {
  if (!outcome.solved) return Rating.Again;
  const hints = outcome.hints > 0;
  if (outcome.ms === null) return hints ? Rating.Hard : Rating.Good;
  const budgetMs = kata.minutes * 60_000;
  if (hints || outcome.ms > budgetMs) return Rating.Hard;
  return outcome.ms < budgetMs / 2 ? Rating.Easy : Rating.Good;
}

export function gradeName(grade: Grade): string {
  return Rating[grade];
}

function toCard(review: ReviewCard | undefined, now: Date): Card {
  if (review === undefined) return createEmptyCard(now);
  return {
    ...review,
    due: new Date(review.due),
    ...(review.last_review === undefined ? {} : { last_review: new Date(review.last_review) }),
  } as Card;
}

function fromCard(card: Card): ReviewCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review === undefined ? {} : { last_review: card.last_review.toISOString() }),
  };
}

/**
 * Rates `attempt` on its kata's card, once: an attempt rated Again and solved later (resumed) is
 * rated again for the solve. Returns the grade given, or undefined when there was nothing new.
 */
export function rateAttempt(progress: KataProgress, attempt: Attempt, kata: Kata, now: Date): Grade | undefined {
  const grade = gradeOf(outcomeOf(attempt), kata);
  if (attempt.rating !== undefined && !(attempt.rating === Rating.Again && grade !== Rating.Again)) return undefined;
  review(progress, grade, now);
  attempt.rating = grade;
  return grade;
}

/** One review of the kata's card with `grade` (a mock interview's katas are rated this way). */
export function review(progress: KataProgress, grade: Grade, now: Date): void {
  progress.review = fromCard(scheduler.next(toCard(progress.review, now), now, grade).card);
}

/** When the kata is due again, or undefined when it was never rated. */
export function dueAt(progress: KataProgress | undefined): Date | undefined {
  return progress?.review === undefined ? undefined : new Date(progress.review.due);
}

/** The probability of recalling the kata now (1 right after a review, falling with time). */
export function retrievability(progress: KataProgress | undefined, now: Date): number {
  if (progress?.review === undefined) return 0;
  return scheduler.get_retrievability(toCard(progress.review, now), now, false);
}

function sameDay(a: Date, b: Date): boolean {
  return a.toDateString() === b.toDateString();
}

export interface Suggestion {
  readonly kata: Kata;
  readonly reason: Bilingual;
}

/**
 * What to practise next: an unsolved kata first (attempted ones before new ones, then curriculum
 * order); else the due kata least likely to be recalled; never one practised today. Undefined when
 * nothing is due (then `nextDue` says when something will be).
 */
export function suggestNext(katas: readonly Kata[], state: State, now: Date): Suggestion | undefined {
  const practisedToday = (kata: Kata) =>
    (state.katas[kata.slug]?.attempts ?? []).some((a) => sameDay(new Date(a.lastRunAt ?? a.startedAt), now));
  const unsolved = katas.filter((kata) => statusOf(state.katas[kata.slug]) !== 'solved' && !practisedToday(kata));
  const attempted = unsolved.find((kata) => statusOf(state.katas[kata.slug]) === 'attempted');
  const first = attempted ?? unsolved[0];
  if (first) {
    return {
      kata: first,
      reason:
        first === attempted
          ? { en: 'attempted but not solved yet', zh: '尝试过但还没通过' }
          : { en: 'not tried yet', zh: '还没做过' },
    };
  }
  const due = katas
    .filter((kata) => {
      const at = dueAt(state.katas[kata.slug]);
      return at !== undefined && at.getTime() <= now.getTime() && !practisedToday(kata);
    })
    .map((kata) => ({ kata, recall: retrievability(state.katas[kata.slug], now) }))
    .sort((a, b) => a.recall - b.recall)[0];
  if (due) {
    return {
      kata: due.kata,
      reason: {
        en: `due for review (recall ${Math.round(due.recall * 100)}%)`,
        zh: `该复习了（记忆保持率 ${Math.round(due.recall * 100)}%）`,
      },
    };
  }
  return undefined;
}

/** The next kata to fall due, and when. */
export function nextDue(katas: readonly Kata[], state: State): { kata: Kata; at: Date } | undefined {
  return katas
    .map((kata) => ({ kata, at: dueAt(state.katas[kata.slug]) }))
    .filter((entry): entry is { kata: Kata; at: Date } => entry.at !== undefined)
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
}

/** "now", "today", "tomorrow", "in 5 days", or the date: when a kata is due, for list and stats. */
export function dueText(lang: 'en' | 'zh', at: Date | undefined, now: Date): string {
  if (at === undefined) return '-';
  const days = Math.round((startOfDay(at) - startOfDay(now)) / 86_400_000);
  if (at.getTime() <= now.getTime()) return lang === 'zh' ? '现在' : 'now';
  if (days === 0) return lang === 'zh' ? '今天' : 'today';
  if (days === 1) return lang === 'zh' ? '明天' : 'tomorrow';
  return lang === 'zh' ? `${days} 天后` : `in ${days} days`;
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}
