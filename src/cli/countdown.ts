import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { suitePath } from '../paths.ts';
import type { Kata } from '../registry.ts';
import { type CliContext, tr } from './context.ts';
import { formatSummary } from './report.ts';
import { explainPoolCrash } from './run-limits.ts';
import { clock, paint } from './style.ts';
import { type RunSummary, summarise } from '../wiring/summary.ts';

export interface CountdownOptions {
  readonly ctx: CliContext;
  readonly katas: readonly Kata[];
  readonly budgetMs: number;
  /** Practice time so far (wall clock, summed over sessions of the attempt). */
  readonly elapsedMs: () => number;
  /** Mock interviews hide test names until the end. */
  readonly hideTestNames: boolean;
  /** Called for each kata after each run, before the countdown is printed. */
  readonly onRun: (kata: Kata, summary: RunSummary) => void;
  /** The countdown ticks on a live status line, so a verdict does not repeat it. */
  readonly live?: boolean;
}

/**
 * The watch-mode reporter: after every run, the time left of the budget (or the overtime), passed
 * / total, and the first failing case. It groups results by kata, so a mock interview watching
 * several suites shows one line each.
 */
export class CountdownReporter implements Reporter {
  private running = false;
  private muted = false;
  private readonly runEnded: Array<() => void> = [];

  constructor(private readonly options: CountdownOptions) {}

  /** Once the session is ending: no more verdicts, and no more runs recorded. */
  mute(): void {
    this.muted = true;
  }

  /** Why the running run was cut short: shown in place of vitest's "worker exited" error. */
  explainCrash(why: string): void {
    this.crash = why;
  }
  private crash: string | undefined;

  get isRunning(): boolean {
    return this.running;
  }

  /** Resolves when the current run has ended (at once when none is running), or after `timeoutMs`. */
  whenIdle(timeoutMs: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.runEnded.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  onTestRunStart(): void {
    this.running = true;
  }

  onWatcherRerun(files: string[], trigger?: string): void {
    if (this.muted) return;
    const { ctx } = this.options;
    const changed = trigger ? relative(ctx.root, trigger) : files.map((file) => relative(ctx.root, file)).join(', ');
    ctx.out(paint(ctx.color, 'gray', tr(ctx, { en: `\n↻ re-running (${changed})`, zh: `\n↻ 重新运行（${changed}）` })));
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message: string }>): void {
    this.running = false;
    for (const notify of this.runEnded.splice(0)) notify();
    if (this.muted) return;
    const { ctx, katas } = this.options;
    const lines = this.options.live ? [] : [countdownLine(ctx, this.options.budgetMs, this.options.elapsedMs())];
    const runs: Array<[Kata, RunSummary]> = [];
    for (const kata of katas) {
      const own = modules.filter((m) => m.moduleId.endsWith(`/${suitePath(kata.slug)}`));
      if (own.length === 0) continue; // not re-run this time
      const summary = explainPoolCrash(summarise(own, unhandled), this.crash);
      runs.push([kata, summary]);
      lines.push(formatSummary(ctx, kata, summary, { hideTestNames: this.options.hideTestNames }));
    }
    this.crash = undefined;
    ctx.out(lines.join('\n'));
    for (const [kata, summary] of runs) this.options.onRun(kata, summary);
  }
}

export function countdownLine(ctx: Pick<CliContext, 'lang' | 'color'>, budgetMs: number, elapsedMs: number): string {
  const left = budgetMs - elapsedMs;
  if (left >= 0) {
    const colour = left < 60_000 ? 'red' : left < budgetMs / 4 ? 'yellow' : 'cyan';
    return paint(
      ctx.color,
      colour,
      tr(ctx, {
        en: `⏱  ${clock(left)} left of ${clock(budgetMs)}`,
        zh: `⏱  剩余 ${clock(left)}（共 ${clock(budgetMs)}）`,
      }),
    );
  }
  return paint(
    ctx.color,
    'magenta',
    tr(ctx, {
      en: `⏱  overtime +${clock(-left)} (budget ${clock(budgetMs)})`,
      zh: `⏱  已超时 +${clock(-left)}（时限 ${clock(budgetMs)}）`,
    }),
  );
}
