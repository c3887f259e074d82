import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Progress in `.kata/state.json`. Written atomically (a temporary file, then rename) so that a
 * crash mid-write leaves the previous state whole. A file that cannot be read back (corrupt, or
 * from an unknown version) is moved aside with a warning and a fresh state starts: no command
 * ever crashes on it, and nothing is silently dropped.
 */
export const STATE_VERSION = 1;

export interface Session {
  /** ISO times from the system clock, so a sleeping laptop counts as wall time and no more. */
  readonly start: string;
  end: string | null;
}

export interface Attempt {
  readonly startedAt: string;
  /** Practice sessions of this attempt (`start`, resumed `start`s, `mock`). */
  sessions: Session[];
  solvedAt: string | null;
  /** Practice time until the solve, summed over sessions; null when solved by an untimed `check`. */
  solveMs: number | null;
  /** The best run of the hidden suite so far. */
  best: { passed: number; total: number } | null;
  lastRunAt: string | null;
  /** Given up with `start --restart` or `reset`: a new attempt replaces it. */
  abandoned: boolean;
}

export interface SelftestRecord {
  readonly at: string;
  readonly caught: number;
  readonly bugs: number;
  readonly falseAlarms: number;
}

export interface KataProgress {
  attempts: Attempt[];
  hintsUsed: number;
  solutionSeenAt: string | null;
  selftest: SelftestRecord | null;
}

export interface MockRecord {
  readonly at: string;
  readonly minutes: number;
  readonly results: { slug: string; solved: boolean; passed: number; total: number; ms: number }[];
}

export interface State {
  version: number;
  katas: Record<string, KataProgress>;
  mocks: MockRecord[];
  /** Set while a mock interview runs, so `hint` and `solution` can refuse its katas. */
  mockInProgress?: { readonly slugs: string[]; readonly endsAt: string } | undefined;
}

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

export function loadState(file: string, now: Date = new Date()): LoadResult {
  if (!existsSync(file)) return { state: emptyState() };
  let problem: string;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (isState(parsed)) return { state: parsed };
    const version = (parsed as { version?: unknown } | null)?.version;
    problem =
      version === STATE_VERSION ? 'its contents are not a valid state' : `unknown version ${JSON.stringify(version)}`;
  } catch (error) {
    problem = `it is not valid JSON (${(error as Error).message})`;
  }
  const aside = `${file}.bad-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(file, aside);
  return {
    state: emptyState(),
    warning: `The progress file ${file} could not be read: ${problem}. It was moved to ${aside} and a fresh one started.`,
  };
}

export function saveState(file: string, state: State): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Load, change, save: one short read-modify-write per update, so two terminals rarely collide. */
export function updateState<T>(file: string, change: (state: State) => T, warn?: (message: string) => void): T {
  const { state, warning } = loadState(file);
  if (warning && warn) warn(warning);
  const result = change(state);
  saveState(file, state);
  return result;
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

function isState(value: unknown): value is State {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<State>;
  if (candidate.version !== STATE_VERSION) return false;
  if (candidate.katas === null || typeof candidate.katas !== 'object' || Array.isArray(candidate.katas)) return false;
  if (!Array.isArray(candidate.mocks)) return false;
  return Object.values(candidate.katas).every(
    (progress) =>
      progress !== null &&
      typeof progress === 'object' &&
      Array.isArray(progress.attempts) &&
      typeof progress.hintsUsed === 'number' &&
      progress.attempts.every((a) => typeof a?.startedAt === 'string' && Array.isArray(a.sessions)),
  );
}

/** True while a mock interview that includes `slug` is running (hints and the solution wait). */
export function inMockInterview(state: State, slug: string, now: Date): boolean {
  const mock = state.mockInProgress;
  if (mock === undefined) return false;
  return mock.slugs.includes(slug) && Date.parse(mock.endsAt) > now.getTime();
}
