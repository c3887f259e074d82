import type { Kata } from '../registry.ts';
import { type CliContext, stateDir } from './context.ts';
import { type Attempt, type State, newAttempt, openAttempt, progressOf, statePath, updateState } from './state.ts';

/** Runs `change` on one attempt (found by its start time) inside a state read-modify-write. */
export function updateAttempt(
  ctx: CliContext,
  kata: Kata,
  startedAt: string,
  change: (attempt: Attempt, state: State) => void,
): Attempt | undefined {
  return updateState(
    statePath(stateDir(ctx)),
    (state) => {
      const attempt = progressOf(state, kata.slug).attempts.find((a) => a.startedAt === startedAt);
      if (attempt) change(attempt, state);
      return attempt && structuredClone(attempt);
    },
    ctx.err,
  );
}

/**
 * Opens a practice session: resumes the attempt in progress (its clock continues) unless
 * `restart`, in which case that attempt is marked abandoned and a fresh one begins.
 */
export function beginSession(ctx: CliContext, kata: Kata, restart: boolean): { attempt: Attempt; resumed: boolean } {
  return updateState(
    statePath(stateDir(ctx)),
    (state) => {
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
    },
    ctx.err,
  );
}

/** Closes the attempt's open session at `now`. */
export function endSession(ctx: CliContext, kata: Kata, startedAt: string): Attempt | undefined {
  return updateAttempt(ctx, kata, startedAt, (attempt) => {
    for (const session of attempt.sessions) session.end ??= ctx.now().toISOString();
  });
}
