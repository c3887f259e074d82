import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { StateIoError, withStateLock, writeAtomically } from './state-file.ts';

export { StateIoError } from './state-file.ts';

/**
 * Progress in `.kata/state.json`, one JSON file a learner can read.
 *
 * - Every change is a read-modify-write under a lock (`updateState`), so commands running at once
 *   in two terminals never lose each other's records (src/cli/state-file.ts: proper-lockfile, with
 *   stale-lock recovery; an atomic, fsynced write).
 * - What is read back is validated against a schema (zod): a file that passes is one every verb can
 *   use; one that does not (corrupt, a wrong shape, an unknown version) is moved aside with a
 *   warning and a fresh state starts. Nothing is dropped silently, and no verb crashes on it.
 */
export const STATE_VERSION = 1;

const isoTime = z.string().refine((text) => Number.isFinite(Date.parse(text)), 'an ISO date-time');
const count = z.number().int().nonnegative();
const duration = z.number().finite().nonnegative();

const sessionSchema = z.object({ start: isoTime, end: isoTime.nullable() });
const attemptSchema = z.object({
  startedAt: isoTime,
  sessions: z.array(sessionSchema),
  solvedAt: isoTime.nullable(),
  solveMs: duration.nullable(),
  best: z.object({ passed: count, total: count }).nullable(),
  lastRunAt: isoTime.nullable(),
  abandoned: z.boolean(),
  /** Hints seen during this attempt (the spaced-repetition rating reads it). */
  hints: count.optional(),
  /** How the attempt was solved: a timed `start`/`mock` session, or an untimed `check`. */
  via: z.enum(['start', 'mock', 'check']).optional(),
  /** The spaced-repetition grade it earned (1 Again … 4 Easy), once rated (src/cli/schedule.ts). */
  rating: z.number().int().min(1).max(4).optional(),
});
const selftestSchema = z.object({ at: isoTime, caught: count, bugs: count, falseAlarms: count });
const reviewSchema = z.object({
  due: isoTime,
  stability: z.number().finite().nonnegative(),
  difficulty: z.number().finite(),
  elapsed_days: z.number().finite().nonnegative(),
  scheduled_days: z.number().finite().nonnegative(),
  learning_steps: count,
  reps: count,
  lapses: count,
  state: z.number().int().min(0).max(3),
  last_review: isoTime.optional(),
});
const progressSchema = z.object({
  attempts: z.array(attemptSchema),
  hintsUsed: count,
  solutionSeenAt: isoTime.nullable(),
  selftest: selftestSchema.nullable(),
  /** The kata's spaced-repetition card (ts-fsrs), once it has been rated. */
  review: reviewSchema.optional(),
  /** Follow-up questions answered, by index. */
  followupsSeen: z.array(count).optional(),
});
const mockSchema = z.object({
  at: isoTime,
  minutes: z.number().finite().positive(),
  results: z.array(
    z.object({ slug: z.string().min(1), solved: z.boolean(), passed: count, total: count, ms: duration }),
  ),
});
const stateSchema = z.object({
  version: z.literal(STATE_VERSION),
  katas: z.record(z.string(), progressSchema),
  mocks: z.array(mockSchema),
  /** Set while a mock interview runs, so `hint` and `solution` can refuse its katas. */
  mockInProgress: z.object({ slugs: z.array(z.string()), endsAt: isoTime }).optional(),
});

export type Session = z.infer<typeof sessionSchema>;
export type Attempt = z.infer<typeof attemptSchema>;
export type SelftestRecord = z.infer<typeof selftestSchema>;
export type ReviewCard = z.infer<typeof reviewSchema>;
export type KataProgress = z.infer<typeof progressSchema>;
export type MockRecord = z.infer<typeof mockSchema>;
export type State = z.infer<typeof stateSchema>;

export function emptyState(): State {
  return { version: STATE_VERSION, katas: {}, mocks: [] };
}

export function statePath(dir: string): string {
  return join(dir, 'state.json');
}

export interface LoadResult {
  readonly state: State;
  /** Set when a bad file was moved aside: where it went and why. */
  readonly warning?: string;
}

/**
 * Reads the state. A reader needs no lock (writes are atomic renames: it sees the old file or the
 * new one, never half of one); moving a bad file aside takes the lock.
 */
export function loadState(file: string, now: Date = new Date()): LoadResult {
  const first = readUnlocked(file);
  if (first.state !== undefined) return { state: first.state };
  return withStateLock(file, () => readLocked(file, now));
}

function readUnlocked(file: string): { state?: State; problem?: string } {
  let text: string;
  try {
    if (!existsSync(file)) return { state: emptyState() };
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw StateIoError.from(error, file, 'read');
  }
  const problem = problemWith(text);
  return problem === undefined ? { state: stateSchema.parse(JSON.parse(text)) } : { problem };
}

/** Reads the state while holding its lock, moving a bad file aside. */
function readLocked(file: string, now: Date): LoadResult {
  const { state, problem } = readUnlocked(file);
  if (state !== undefined) return { state };
  const aside = `${file}.bad-${now.toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    throw StateIoError.from(error, file, 'move aside');
  }
  return {
    state: emptyState(),
    warning: `The progress file ${file} could not be read: ${problem}. It was moved to ${aside} and a fresh one started.`,
  };
}

/** Why `text` is not a usable state, or undefined when it is one. */
function problemWith(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (version !== STATE_VERSION) return `unknown version ${JSON.stringify(version)}`;
  const result = stateSchema.safeParse(parsed);
  if (result.success) return undefined;
  const first = result.error.issues[0];
  return `its contents are not a valid state (${first ? `${first.path.join('.') || 'the file'}: ${first.message}` : 'invalid'})`;
}

export function saveState(file: string, state: State): void {
  writeAtomically(file, `${JSON.stringify(stateSchema.parse(state), null, 2)}\n`);
}

/**
 * Load, change, save, under the state's lock: two commands updating at once both keep their
 * changes. `warn` hears about a bad file moved aside. Throws StateIoError when the state cannot be
 * read or written (a full disk, a read-only or missing directory).
 */
export function updateState<T>(file: string, change: (state: State) => T, warn?: (message: string) => void): T {
  return withStateLock(file, () => {
    const { state, warning } = readLocked(file, new Date());
    if (warning && warn) warn(warning);
    const result = change(state);
    saveState(file, state);
    return result;
  });
}

export function progressOf(state: State, slug: string): KataProgress {
  state.katas[slug] ??= { attempts: [], hintsUsed: 0, solutionSeenAt: null, selftest: null };
  return state.katas[slug];
}

/** The attempt in progress (started, not solved, not abandoned), if any. */
export function openAttempt(progress: KataProgress): Attempt | undefined {
  const last = progress.attempts.at(-1);
  return last && last.solvedAt === null && !last.abandoned ? last : undefined;
}

export function newAttempt(now: Date): Attempt {
  return {
    startedAt: now.toISOString(),
    sessions: [],
    solvedAt: null,
    solveMs: null,
    best: null,
    lastRunAt: null,
    abandoned: false,
  };
}

/** Practice time of an attempt: closed sessions plus the open one up to `now`. */
export function elapsedMs(attempt: Attempt, now: Date): number {
  let total = 0;
  for (const session of attempt.sessions) {
    const end = session.end === null ? now.getTime() : Date.parse(session.end);
    total += Math.max(0, end - Date.parse(session.start));
  }
  return total;
}

export type KataStatus = 'new' | 'attempted' | 'solved';

export function statusOf(progress: KataProgress | undefined): KataStatus {
  if (!progress || progress.attempts.length === 0) return 'new';
  return progress.attempts.some((attempt) => attempt.solvedAt !== null) ? 'solved' : 'attempted';
}

/** The best timed solve (an untimed `check` solve has no time). */
export function bestSolveMs(progress: KataProgress | undefined): number | null {
  const times = (progress?.attempts ?? []).map((a) => a.solveMs).filter((ms): ms is number => ms !== null);
  return times.length > 0 ? Math.min(...times) : null;
}

export function lastActivity(progress: KataProgress | undefined): string | null {
  const times = (progress?.attempts ?? [])
    .flatMap((a) => [a.startedAt, a.lastRunAt, a.solvedAt])
    .filter((t): t is string => t !== null);
  return times.length > 0 ? (times.sort().at(-1) ?? null) : null;
}

/** True while a mock interview that includes `slug` is running (hints and the solution wait). */
export function inMockInterview(state: State, slug: string, now: Date): boolean {
  const mock = state.mockInProgress;
  if (mock === undefined) return false;
  return mock.slugs.includes(slug) && Date.parse(mock.endsAt) > now.getTime();
}
