import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from 'vitest/node';

/**
 * A vitest pool for `kata start`: worker threads that outlive a run.
 *
 * Vitest's threads and forks pools end a worker once a run's queue is empty, so every save pays
 * for a new worker and for importing @tensorflow/tfjs again in it (about 0.4 s here, more than a
 * whole trivial test run). This pool keeps a thread whose runtime stopped cleanly and hands it to
 * the next run. Each test file still gets fresh copies of everything vite serves (the learner's
 * file, the suite, the harness: vitest resets its module registry before every file under the
 * default `isolate: true`); only packages Node itself loaded from node_modules, such as tfjs and
 * fast-check, stay warm (and whatever a run left on globalThis: the suites keep no state there, and
 * tfjs leak checks compare counts before and after each call). A thread that did not stop cleanly (a run cancelled by the next save, a
 * learner's infinite loop) is terminated as vitest's own pool would.
 */
const ENTRY = fileURLToPath(new URL('./warm-thread-entry.mjs', import.meta.url));

interface Idle {
  readonly thread: Worker;
  readonly key: string;
  readonly forget: () => void;
}
const idle: Idle[] = [];
const busy = new Set<WarmThreadWorker>();

export interface WarmThreadsOptions {
  /**
   * A test file that runs longer than this is stopped: synchronous code that never returns (a
   * learner's `while` loop without a step) cannot be interrupted by vitest's test timeout, and
   * would otherwise hold the watch session until the learner kills it.
   */
  readonly runLimitMs: number;
  /** Told when a file was stopped for running too long. */
  readonly onStuck: (limitMs: number) => void;
}

export function warmThreads(options: WarmThreadsOptions): PoolRunnerInitializer {
  return { name: 'warm-threads', createPoolWorker: (pool) => new WarmThreadWorker(pool, options) };
}

/**
 * Ends every thread, idle or running: when the watch session closes, and at once on Ctrl-C, so a
 * run stuck in an endless loop cannot hold the session open.
 */
export async function endThreads(): Promise<void> {
  const running = [...busy];
  busy.clear();
  await Promise.all([...idle.splice(0).map(({ thread }) => thread.terminate()), ...running.map((w) => w.end())]);
}

class WarmThreadWorker implements PoolWorker {
  readonly name = 'warm-threads';
  private thread: Worker | undefined;
  private readonly listeners: Array<[string, (arg: unknown) => void]> = [];
  /** Set when the runtime answers a "stop" request: only then is the thread safe to hand on. */
  private stoppedCleanly = false;
  private readonly key: string;

  private watchdog: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: PoolOptions,
    private readonly limits: WarmThreadsOptions,
  ) {
    // A thread is handed only to a run of the same project, environment and Node flags.
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
      const thread = this.current;
      clearTimeout(this.watchdog);
      this.watchdog = setTimeout(() => {
        this.limits.onStuck(this.limits.runLimitMs);
        // vitest sees the thread exit, fails the run and starts a new thread for the next one.
        void thread.terminate();
      }, this.limits.runLimitMs).unref();
    }
    this.current.postMessage(message);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  async start(): Promise<void> {
    if (this.thread !== undefined) return;
    const index = idle.findIndex((entry) => entry.key === this.key);
    const reused = index >= 0 ? idle.splice(index, 1)[0] : undefined;
    reused?.thread.off('exit', reused.forget);
    const thread =
      reused?.thread ??
      new Worker(ENTRY, { env: this.options.env, execArgv: this.options.execArgv, stdout: true, stderr: true });
    thread.ref();
    thread.on('message', this.noteStopped);
    thread.stdout.pipe(this.options.project.vitest.logger.outputStream);
    thread.stderr.pipe(this.options.project.vitest.logger.errorStream);
    this.thread = thread;
    busy.add(this);
  }

  /** Stops the thread whatever it is doing. */
  async end(): Promise<void> {
    clearTimeout(this.watchdog);
    await this.thread?.terminate();
  }

  async stop(): Promise<void> {
    const thread = this.thread;
    if (thread === undefined) return;
    this.thread = undefined;
    busy.delete(this);
    clearTimeout(this.watchdog);
    for (const [event, callback] of this.listeners.splice(0)) thread.off(event, callback);
    thread.off('message', this.noteStopped);
    thread.stdout.unpipe(this.options.project.vitest.logger.outputStream);
    thread.stderr.unpipe(this.options.project.vitest.logger.errorStream);
    if (!this.stoppedCleanly) {
      await thread.terminate();
      return;
    }
    // An idle thread must not keep the CLI alive, and must be forgotten if it dies.
    thread.unref();
    const entry: Idle = {
      thread,
      key: this.key,
      forget: () => {
        const at = idle.indexOf(entry);
        if (at >= 0) idle.splice(at, 1);
      },
    };
    thread.once('exit', entry.forget);
    idle.push(entry);
  }

  private readonly noteStopped = (message: unknown): void => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'testfileFinished') clearTimeout(this.watchdog);
    if (type === 'stopped') this.stoppedCleanly = true;
  };

  private get current(): Worker {
    if (this.thread === undefined) throw new Error('warm-threads: the worker thread is not started');
    return this.thread;
  }
}
