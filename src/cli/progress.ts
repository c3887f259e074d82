import { type CliContext, stateDir, tr } from './context.ts';
import { type State, StateIoError, emptyState, loadState, statePath, updateState } from './state.ts';

/**
 * The learner's progress as one CLI process sees it. Every verb reads and changes the state through
 * here, so every verb warns about a bad file the same way, and a change that cannot be written (a
 * full disk, a read-only `.kata`) is reported in one line, kept, and retried with the next change
 * and once more on exit: the verdict is still shown, from the state as it would be.
 */
export class Progress {
  /** Changes that could not be written yet, oldest first. */
  private readonly pending: Array<(state: State) => unknown> = [];
  /** The state as it would be with every pending change written (what the CLI shows meanwhile). */
  private shadow: State | undefined;
  private lastProblem: string | undefined;
  private readonly file: string;

  constructor(private readonly ctx: Pick<CliContext, 'root' | 'lang' | 'err'>) {
    this.file = statePath(stateDir(ctx));
  }

  /** The current state (with pending changes applied); an unreadable state reads as a fresh one. */
  read(): State {
    if (this.pending.length > 0 && this.shadow !== undefined) return structuredClone(this.shadow);
    try {
      const { state, warning } = loadState(this.file);
      if (warning) this.ctx.err(warning);
      return state;
    } catch (error) {
      if (!(error instanceof StateIoError)) throw error;
      this.report(error);
      return emptyState();
    }
  }

  /**
   * Applies `change` under the lock and writes it. If the write fails, the change is kept (after any
   * earlier ones) to be retried with the next change, and its result comes from the state as it
   * would be.
   */
  update<T>(change: (state: State) => T): T {
    const replay = [...this.pending];
    let after: State | undefined;
    try {
      const result = updateState(
        this.file,
        (state) => {
          for (const earlier of replay) earlier(state);
          const value = change(state);
          after = structuredClone(state);
          return value;
        },
        this.ctx.err,
      );
      this.saved(after);
      return result;
    } catch (error) {
      if (!(error instanceof StateIoError)) throw error;
      this.report(error);
      // With nothing pending the shadow may be stale (another command wrote since): start from disk.
      if (this.shadow === undefined || replay.length === 0) this.shadow = this.safeRead();
      const value = change(this.shadow);
      this.pending.push(change);
      return value;
    }
  }

  /** Retries the pending changes; true when nothing is left pending. */
  flush(): boolean {
    if (this.pending.length === 0) return true;
    const replay = [...this.pending];
    let after: State | undefined;
    try {
      updateState(
        this.file,
        (state) => {
          for (const earlier of replay) earlier(state);
          after = structuredClone(state);
        },
        this.ctx.err,
      );
      this.saved(after);
      return true;
    } catch (error) {
      if (!(error instanceof StateIoError)) throw error;
      this.report(error);
      return false;
    }
  }

  private saved(after: State | undefined): void {
    this.shadow = after;
    const hadPending = this.pending.length > 0;
    this.pending.length = 0;
    if (hadPending && this.lastProblem !== undefined) {
      this.ctx.err(tr(this.ctx, { en: 'Your progress is saved again.', zh: '进度已重新保存。' }));
    }
    this.lastProblem = undefined;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  private safeRead(): State {
    try {
      return loadState(this.file).state;
    } catch {
      return emptyState();
    }
  }

  /** One line per distinct problem, not one per attempt to write. */
  private report(error: StateIoError): void {
    const key = `${error.code}:${error.path}`;
    if (key === this.lastProblem) return;
    this.lastProblem = key;
    this.ctx.err(tr(this.ctx, error.explain()));
  }
}

const byFile = new Map<string, Progress>();

/** The process's one Progress for this state file (so pending changes are retried together). */
export function progressFor(ctx: Pick<CliContext, 'root' | 'lang' | 'err'>): Progress {
  const file = statePath(stateDir(ctx));
  let progress = byFile.get(file);
  if (progress === undefined) {
    progress = new Progress(ctx);
    byFile.set(file, progress);
  }
  return progress;
}

/**
 * The last chance for pending changes, when the process ends: one more write, and if that fails
 * too, a line saying how many records were lost and why (so it is never silent).
 */
export function flushAllOnExit(ctx: Pick<CliContext, 'lang' | 'err'>): void {
  for (const progress of byFile.values()) {
    if (progress.flush()) continue;
    ctx.err(
      tr(ctx, {
        en: `${progress.pendingCount} record(s) of this session could not be saved (see the message above).`,
        zh: `本次会话有 ${progress.pendingCount} 条记录未能保存（原因见上方信息）。`,
      }),
    );
  }
}

/** Forgets every Progress (the in-process tests start each case fresh). */
export function forgetProgress(): void {
  byFile.clear();
}
