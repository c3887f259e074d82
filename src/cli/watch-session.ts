import { PassThrough } from 'node:stream';
import { startVitest } from 'vitest/node';
import { tr } from './context.ts';
import { type CountdownOptions, CountdownReporter } from './countdown.ts';
import { REPO_ROOT, selectTarget, suiteFilter } from './run-suite.ts';

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
  for (const kata of options.katas) selectTarget(kata, { kind: 'learner' });
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
  // Worker threads start faster than forked processes, and vitest starts a fresh worker for every
  // re-run: bench/watch-latency.ts measured merge-k-lists' save-to-verdict time at 1.05x of a
  // trivial test with threads against 1.28x with forks (both in the same session, on this machine).
  const vitest = await startVitest(
    'test',
    options.katas.map(suiteFilter),
    { root: REPO_ROOT, watch: true, reporters: [reporter], pool: 'threads' },
    { logLevel: 'silent', clearScreen: false },
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
  await vitest.close();
  return how;
}
