import { type ChildProcess, fork } from 'node:child_process';
import { Transform } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from 'vitest/node';

/**
 * The vitest pool that runs the learner's code for the CLI (`start`, `mock`, `check`): child
 * processes that outlive a run, each with a heap cap and a run limit.
 *
 * Warm: vitest's own pools end a worker once a run's queue is empty, so every save paid for a new
 * worker and for importing @tensorflow/tfjs again in it (about 0.4 s here, more than a whole
 * trivial test run). This pool keeps a process whose runtime stopped cleanly and hands it to the
 * next run. Each test file still gets fresh copies of everything vite serves (the learner's file,
 * the suite, the harness); only packages Node itself loaded from node_modules stay warm.
 *
 * Contained: a process, not a thread, because a worker thread that runs out of heap can abort the
 * whole CLI (V8's fatal out-of-memory error in a thread ends the process); a child with
 * `--max-old-space-size` dies alone. A run past the run limit (a synchronous endless loop, which no
 * test timeout can interrupt) is killed. A process whose built-ins the learner's code replaced, or
 * that still has the learner's timers pending, reports itself unfit after its run
 * (src/cli/warm-fork-entry.mjs) and is retired, not reused.
 */
const ENTRY = fileURLToPath(new URL('./warm-fork-entry.mjs', import.meta.url));

interface Idle {
  readonly child: ChildProcess;
  readonly key: string;
  readonly forget: () => void;
}
const idle: Idle[] = [];
const busy = new Set<WarmForkWorker>();

export interface WarmForksOptions {
  /** A test file that runs longer than this is killed. */
  readonly runLimitMs: number;
  /** Told when a file was stopped for running too long. */
  readonly onStuck: (limitMs: number) => void;
  /** The most heap (MB) a process may use. */
  readonly memoryLimitMb: number;
  /** Told when a process ran out of memory. */
  readonly onOutOfMemory: (limitMb: number) => void;
}

export function warmForks(options: WarmForksOptions): PoolRunnerInitializer {
  return { name: 'warm-forks', createPoolWorker: (pool) => new WarmForkWorker(pool, options) };
}

/**
 * Ends every process, idle or running: when a session closes, and at once on Ctrl-C, so a run
 * stuck in an endless loop cannot hold the session open.
 */
export async function endForks(): Promise<void> {
  const running = [...busy];
  busy.clear();
  await Promise.all([...idle.splice(0).map(({ child }) => kill(child)), ...running.map((w) => w.end())]);
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // An idle child is unref'd; waiting for its exit must keep this process alive until it comes.
    child.ref();
    child.kill('SIGKILL');
  });
}

/**
 * The child's stderr without V8's out-of-memory dump (GC trace, native stack): the learner is told
 * in one line instead (run-limits.ts).
 */
function withoutDeathRattle(): Transform {
  let dying = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (dying) return done();
      const text = chunk.toString('utf8');
      const at = text.search(/<--- Last few GCs --->|FATAL ERROR: .*out of memory/);
      if (at < 0) return done(null, chunk);
      dying = true;
      done(null, text.slice(0, at));
    },
  });
}

/** V8 ends an out-of-memory process with SIGABRT (or exit code 134 through a shell). */
function diedOfMemory(code: number | null, signal: NodeJS.Signals | null): boolean {
  return signal === 'SIGABRT' || code === 134;
}

class WarmForkWorker implements PoolWorker {
  readonly name = 'warm-forks';
  private child: ChildProcess | undefined;
  private readonly listeners: Array<[string, (arg: unknown) => void]> = [];
  /** Set when the runtime answers a "stop" request: only then is the process safe to hand on. */
  private stoppedCleanly = false;
  /** Set when the process reports that the learner's code changed it. */
  private retired = false;
  private readonly key: string;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: PoolOptions,
    private readonly limits: WarmForksOptions,
  ) {
    // A process is handed only to a run of the same project, environment and Node flags.
    this.key = JSON.stringify([options.project.name, options.environment, options.execArgv]);
  }

  on(event: string, callback: (arg: unknown) => void): void {
    this.listeners.push([event, callback]);
    this.current.on(event, callback);
  }

  off(event: string, callback: (arg: unknown) => void): void {
    const index = this.listeners.findIndex(([e, c]) => e === event && c === callback);
    if (index >= 0) this.listeners.splice(index, 1);
    this.current.off(event, callback);
  }

  send(message: WorkerRequest): void {
    if (message.type === 'start') this.stoppedCleanly = false;
    if (message.type === 'run' || message.type === 'collect') {
      const child = this.current;
      clearTimeout(this.watchdog);
      this.watchdog = setTimeout(() => {
        this.limits.onStuck(this.limits.runLimitMs);
        // vitest sees the process exit, fails the run, and the next run starts a new process.
        child.kill('SIGKILL');
      }, this.limits.runLimitMs).unref();
    }
    this.current.send(message);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  async start(): Promise<void> {
    if (this.child !== undefined) return;
    this.retired = false;
    const index = idle.findIndex((entry) => entry.key === this.key);
    const reused = index >= 0 ? idle.splice(index, 1)[0] : undefined;
    reused?.child.off('exit', reused.forget);
    const child =
      reused?.child ??
      fork(ENTRY, [], {
        env: this.options.env,
        execArgv: [...this.options.execArgv, `--max-old-space-size=${this.limits.memoryLimitMb}`],
        stdio: 'pipe',
        serialization: 'advanced',
      });
    child.ref();
    child.channel?.ref();
    child.on('message', this.noteMessage);
    child.on('exit', this.noteExit);
    child.stdout?.pipe(this.options.project.vitest.logger.outputStream);
    if (reused === undefined)
      child.stderr?.pipe(withoutDeathRattle()).pipe(this.options.project.vitest.logger.errorStream);
    this.child = child;
    busy.add(this);
  }

  /** Kills the process whatever it is doing. */
  async end(): Promise<void> {
    clearTimeout(this.watchdog);
    if (this.child) await kill(this.child);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    this.child = undefined;
    busy.delete(this);
    clearTimeout(this.watchdog);
    for (const [event, callback] of this.listeners.splice(0)) child.off(event, callback);
    child.off('message', this.noteMessage);
    child.off('exit', this.noteExit);
    child.stdout?.unpipe(this.options.project.vitest.logger.outputStream);
    if (!this.stoppedCleanly || this.retired) {
      await kill(child);
      return;
    }
    // An idle process must not keep the CLI alive, and must be forgotten if it dies.
    child.unref();
    child.channel?.unref();
    const entry: Idle = {
      child,
      key: this.key,
      forget: () => {
        const at = idle.indexOf(entry);
        if (at >= 0) idle.splice(at, 1);
      },
    };
    child.once('exit', entry.forget);
    idle.push(entry);
  }

  private readonly noteMessage = (message: unknown): void => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'testfileFinished') clearTimeout(this.watchdog);
    if (type === 'stopped') this.stoppedCleanly = true;
    if (type === 'kata:retire') {
      this.retired = true;
      if (process.env.KATA_DEBUG_POOL)
        process.stderr.write(`warm-forks: retiring a process: ${(message as { reason?: string }).reason}\n`);
    }
  };

  private readonly noteExit = (code: number | null, signal: NodeJS.Signals | null): void => {
    clearTimeout(this.watchdog);
    if (diedOfMemory(code, signal)) this.limits.onOutOfMemory(this.limits.memoryLimitMb);
  };

  private get current(): ChildProcess {
    if (this.child === undefined) throw new Error('warm-forks: the worker process is not started');
    return this.child;
  }
}
