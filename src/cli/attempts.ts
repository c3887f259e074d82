import { statSync } from 'node:fs';
import { progressFor } from './progress.ts';
import type { Kata } from '../registry.ts';
import type { CliContext } from './context.ts';
import { allPassed, totalOf } from './report.ts';
import { rateAttempt } from './schedule.ts';
import {
  type Attempt,
  type KataProgress,
  type State,
  elapsedMs,
  newAttempt,
  openAttempt,
  progressOf,
} from './state.ts';
import type { RunSummary } from '../wiring/summary.ts';

/** Runs `change` on one attempt (found by its start time) inside a state read-modify-write. */
export function updateAttempt(
  ctx: CliContext,
  kata: Kata,
  startedAt: string,
  change: (attempt: Attempt, state: State) => void,
): Attempt | undefined {
  return progressFor(ctx).update((state) => {
    const attempt = progressOf(state, kata.slug).attempts.find((a) => a.startedAt === startedAt);
    if (attempt) change(attempt, state);
    return attempt && structuredClone(attempt);
  });
}

/**
 * Opens a practice session: resumes the attempt in progress (its clock continues) unless
 * `restart`, in which case that attempt is marked abandoned and a fresh one begins.
 */
export function beginSession(ctx: CliContext, kata: Kata, restart: boolean): { attempt: Attempt; resumed: boolean } {
  return progressFor(ctx).update((state) => {
    const progress = progressOf(state, kata.slug);
    let attempt = openAttempt(progress);
    const resumed = attempt !== undefined && !restart && attempt.sessions.length > 0;
    if (attempt && restart) attempt.abandoned = true;
    if (!attempt || restart) {
      attempt = newAttempt(ctx.now());
      progress.attempts.push(attempt);
    }
    // A session left open by a crash ends at its attempt's last recorded run.
    for (const session of attempt.sessions) session.end ??= attempt.lastRunAt ?? session.start;
    attempt.sessions.push({ start: ctx.now().toISOString(), end: null });
    return { attempt: structuredClone(attempt), resumed };
  });
}

/** Closes the attempt's open session at `now`. */
export function endSession(ctx: CliContext, kata: Kata, startedAt: string): Attempt | undefined {
  return updateAttempt(ctx, kata, startedAt, (attempt) => {
    for (const session of attempt.sessions) session.end ??= ctx.now().toISOString();
  });
}

/**
 * Records one run of the hidden suite on an attempt: the time, the best pass count, and on the
 * first full pass the solve (practice time so far, or null for an untimed `check`), which also
 * stops the clock. `fileEditedMs` is when the learner's file last changed: a full pass of a file
 * not touched since the attempt began is no solve (the file was already a solution), and is
 * reported as such instead.
 */
export function recordRun(
  attempt: Attempt,
  summary: RunSummary,
  now: Date,
  fileEditedMs: number = now.getTime(),
): 'solved' | 'already-passing' | 'recorded' {
  attempt.lastRunAt = now.toISOString();
  if (!attempt.best || summary.passed > attempt.best.passed) {
    attempt.best = { passed: summary.passed, total: totalOf(summary) };
  }
  if (!allPassed(summary) || attempt.solvedAt !== null) return 'recorded';
  if (fileEditedMs < Date.parse(attempt.startedAt)) return 'already-passing';
  attempt.solveMs = attempt.sessions.length > 0 ? elapsedMs(attempt, now) : null;
  attempt.solvedAt = now.toISOString();
  for (const session of attempt.sessions) session.end ??= now.toISOString();
  return 'solved';
}

/** When the learner's file last changed (0 when it is missing). */
export function editedMs(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Gives up an attempt: it is over, its clock stopped, and (if anything was run) rated Again. */
export function abandon(progress: KataProgress, attempt: Attempt, kata: Kata, now: Date): void {
  attempt.abandoned = true;
  for (const session of attempt.sessions) session.end ??= now.toISOString();
  if (attempt.lastRunAt !== null) rateAttempt(progress, attempt, kata, now);
}
