import { existsSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { learnerFile, suitePath } from '../paths.ts';
import type { Kata } from '../registry.ts';
import { tr } from './context.ts';
import { type CountdownOptions, CountdownReporter, countdownLine } from './countdown.ts';
import { StatusLine } from './status-line.ts';
import { startSuites } from '../wiring/run-suite.ts';
import { limitedPool } from './run-limits.ts';
import { endForks } from './warm-forks.ts';

export interface WatchSessionOptions extends CountdownOptions {
  /** Lets the session end itself (e.g. a mock interview when everything is solved). */
  readonly shouldStop?: () => boolean;
  /**
   * Called synchronously the moment a signal (Ctrl-C, SIGTERM, SIGHUP) arrives, before anything is
   * awaited: the place to record the attempt, so a second signal or a parent process that kills this
   * one a moment later loses nothing.
   */
  readonly onInterrupt?: () => void;
  /** The session ends when the budget runs out (a mock interview) instead of counting overtime. */
  readonly endsAtBudget?: boolean;
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
  // On a terminal the countdown ticks every second on one status line (src/cli/status-line.ts);
  // until the first verdict it says the suite is loading (tfjs takes a moment to import).
  const live = ctx.interactive && process.stdout.isTTY === true;
  let verdicts = 0;
  const status = live ? new StatusLine() : undefined;
  const reporter = new CountdownReporter({
    ...options,
    live,
    onRun: (kata, summary) => {
      verdicts += 1;
      options.onRun(kata, summary);
      status?.refresh();
      if (options.shouldStop?.()) finish('stopped');
    },
  });
  status?.start(() => {
    const clockLine = countdownLine(ctx, options.budgetMs, options.elapsedMs());
    if (verdicts > 0) return clockLine;
    const tensor = options.katas.some((k) => k.kind === 'tensor');
    return `${clockLine}  ${tr(ctx, {
      en: `⏳ loading the hidden suite${tensor ? ' (importing tfjs)' : ''}…`,
      zh: `⏳ 正在加载隐藏测试${tensor ? '（导入 tfjs）' : ''}…`,
    })}`;
  });
  // Vitest's keyboard shortcuts and its logger both turn Ctrl-C / SIGTERM into an immediate
  // process.exit, which would lose the attempt: give it a silent stdin, take its signal listeners
  // off again, and end the session here instead.
  let interrupted = false;
  const onSignal = () => {
    if (!interrupted) {
      interrupted = true;
      reporter.mute();
      status?.stop();
      options.onInterrupt?.();
    }
    finish('interrupted');
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  const ours = Object.fromEntries(signals.map((signal) => [signal, process.listeners(signal)]));
  const silentStdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
  // Warm processes (src/cli/warm-forks.ts) outlive a run, so a save does not pay for a new worker
  // and a new import of tfjs: see bench/watch-latency.ts for the figures.
  const vitest = await startSuites(
    ctx.root,
    options.katas,
    { kind: 'learner' },
    {
      watch: true,
      reporters: [reporter],
      pool: limitedPool(ctx, (why) => {
        reporter.explainCrash(why);
        ctx.out(
          `${why} ${tr(ctx, { en: 'Save your file to run the tests again.', zh: '保存文件即可重新运行测试。' })}`,
        );
      }),
    },
    { stdin: silentStdin },
  );
  const revived = reviveDeletedFiles(ctx.root, options.katas, (suite) => vitest.watcher.onFileChange(suite));
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!ours[signal]?.includes(listener)) process.off(signal, listener);
    }
  }
  const budgetLeft = options.budgetMs - options.elapsedMs();
  const onTimeUp = () => {
    if (options.endsAtBudget) {
      ctx.out(tr(ctx, { en: '⏰ Time is up: the interview ends now.', zh: '⏰ 时间到：面试到此结束。' }));
      finish('stopped');
    } else {
      ctx.out(tr(ctx, { en: '⏰ Time is up: the clock now counts overtime.', zh: '⏰ 时间到：之后计为超时。' }));
    }
  };
  const timeUp = budgetLeft > 0 || options.endsAtBudget ? setTimeout(onTimeUp, Math.max(0, budgetLeft)) : undefined;
  const how = await finished;
  status?.stop();
  revived.close();
  clearTimeout(timeUp);
  for (const signal of signals) process.off(signal, onSignal);
  // A run still going when the learner stops (an endless loop, or just a slow suite) is cut short
  // and its verdict dropped: the attempt is recorded as of the last finished run.
  reporter.mute();
  if (reporter.isRunning) {
    await endForks();
    await reporter.whenIdle(5_000);
  }
  await vitest.close();
  await endForks();
  return how;
}

/**
 * Saving the learner's file re-runs its suite because the suite imports it. A file deleted and
 * created again has left vitest's module graph, so nothing would re-run: when a learner file
 * comes back, its suite is re-run by hand.
 */
function reviveDeletedFiles(root: string, katas: readonly Kata[], rerun: (suite: string) => void): { close(): void } {
  const watchers = katas.map((kata) => {
    const file = learnerFile(root, kata.slug);
    let missing = !existsSync(file);
    return watch(dirname(file), (_event, name) => {
      if (name !== basename(file)) return;
      const now = existsSync(file);
      if (missing && now) rerun(join(root, suitePath(kata.slug)));
      missing = !now;
    });
  });
  return {
    close: () => {
      for (const w of watchers) w.close();
    },
  };
}
