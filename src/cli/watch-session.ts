import { PassThrough } from 'node:stream';
import { tr } from './context.ts';
import { type CountdownOptions, CountdownReporter } from './countdown.ts';
import { startSuites } from '../wiring/run-suite.ts';
import { endThreads, warmThreads } from './warm-threads.ts';

/**
 * How long one test file may run before the session stops it: every suite finishes in a few
 * seconds on the CPU backend, so far longer means a hang. KATA_RUN_LIMIT_MS overrides it (the CLI's
 * end-to-end tests use a short one).
 */
export function runLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KATA_RUN_LIMIT_MS;
  if (raw === undefined || raw === '') return 30_000;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `KATA_RUN_LIMIT_MS must be a positive whole number of milliseconds, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

export interface WatchSessionOptions extends CountdownOptions {
  /** Lets the session end itself (e.g. a mock interview when everything is solved). */
  readonly shouldStop?: () => boolean;
}

/**
 * Runs `vitest --watch` over the katas' hidden suites against the learner's files, with the
 * countdown reporter, until Ctrl-C / SIGTERM (or `shouldStop`). Resolves once vitest is closed,
 * so the caller can record the attempt.
 */
export async function watchSession(options: WatchSessionOptions): Promise<'interrupted' | 'stopped'> {
  const { ctx } = options;
  let finish: (how: 'interrupted' | 'stopped') => void = () => undefined;
  const finished = new Promise<'interrupted' | 'stopped'>((resolve) => {
    finish = resolve;
  });
  const reporter = new CountdownReporter({
    ...options,
    onRun: (kata, summary) => {
      options.onRun(kata, summary);
      if (options.shouldStop?.()) finish('stopped');
    },
  });
  // Vitest's keyboard shortcuts and its logger both turn Ctrl-C / SIGTERM into an immediate
  // process.exit, which would lose the attempt: give it a silent stdin, take its signal listeners
  // off again, and end the session here instead.
  const onSignal = () => finish('interrupted');
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const ours = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const silentStdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
  // Warm threads (src/cli/warm-threads.ts) outlive a run, so a save does not pay for a new worker
  // and a new import of tfjs: see bench/watch-latency.ts for the figures.
  const vitest = await startSuites(
    ctx.root,
    options.katas,
    { kind: 'learner' },
    {
      watch: true,
      reporters: [reporter],
      pool: warmThreads({
        runLimitMs: runLimitMs(),
        onStuck: (limitMs) =>
          ctx.out(
            tr(ctx, {
              en: `⛔ The tests ran for ${limitMs / 1000} s without finishing (an endless loop?) and were stopped. Save your file to run them again.`,
              zh: `⛔ 测试运行了 ${limitMs / 1000} 秒仍未结束（死循环？），已被停止。保存文件即可重新运行。`,
            }),
          ),
      }),
    },
    { stdin: silentStdin },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!ours[signal].includes(listener)) process.off(signal, listener);
    }
  }
  const budgetLeft = options.budgetMs - options.elapsedMs();
  const timeUp =
    budgetLeft > 0
      ? setTimeout(
          () =>
            ctx.out(tr(ctx, { en: '⏰ Time is up: the clock now counts overtime.', zh: '⏰ 时间到：之后计为超时。' })),
          budgetLeft,
        )
      : undefined;
  const how = await finished;
  clearTimeout(timeUp);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  // A run still going when the learner stops (an endless loop, or just a slow suite) is cut short
  // and its verdict dropped: the attempt is recorded as of the last finished run.
  reporter.mute();
  if (reporter.isRunning) {
    await endThreads();
    await reporter.whenIdle(5_000);
  }
  await vitest.close();
  await endThreads();
  return how;
}
