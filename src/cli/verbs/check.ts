import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { learnerFile } from '../../impl-target.ts';
import { UsageError, tr, stateDir } from '../context.ts';
import { allPassed, formatSummary, totalOf } from '../report.ts';
import { type Target, runSuiteOnce } from '../run-suite.ts';
import { elapsedMs, newAttempt, openAttempt, progressOf, statePath, updateState } from '../state.ts';
import { type Verb, kataOrExplain, stringOption } from '../verb.ts';

export const check: Verb = {
  name: 'check',
  usage: 'check <slug> [--impl <file.ts>]',
  summary: {
    en: "Run a kata's hidden suite once against your file (or --impl <file>)",
    zh: '对你的文件（或 --impl 指定的文件）运行一次隐藏测试',
  },
  options: { impl: { type: 'string' } },
  async run(ctx, positionals, options) {
    const kata = kataOrExplain(ctx, positionals[0]);
    const impl = stringOption(options, 'impl');
    const target: Target =
      impl === undefined ? { kind: 'learner' } : { kind: 'file', file: resolve(process.cwd(), impl) };
    const file = target.kind === 'file' ? target.file : learnerFile(ctx.root, kata.slug);
    if (!existsSync(file)) {
      throw new UsageError(
        target.kind === 'file'
          ? tr(ctx, { en: `No such file: ${file}`, zh: `文件不存在：${file}` })
          : tr(ctx, {
              en: `Your file for ${kata.slug} is missing (${file}). Restore the pristine stub with: npm run kata -- reset ${kata.slug}`,
              zh: `${kata.slug} 的练习文件不见了（${file}）。用以下命令恢复初始模板：npm run kata -- reset ${kata.slug}`,
            }),
      );
    }
    const summary = await runSuiteOnce(kata, target);
    ctx.out(formatSummary(ctx, kata, summary));
    const solved = allPassed(summary);
    // Only the learner's own file counts as progress; --impl runs are experiments.
    if (target.kind === 'learner') {
      updateState(
        statePath(stateDir(ctx)),
        (state) => {
          const progress = progressOf(state, kata.slug);
          let attempt = openAttempt(progress);
          if (!attempt) {
            attempt = newAttempt(ctx.now());
            progress.attempts.push(attempt);
          }
          const now = ctx.now();
          attempt.lastRunAt = now.toISOString();
          if (!attempt.best || summary.passed > attempt.best.passed)
            attempt.best = { passed: summary.passed, total: totalOf(summary) };
          if (solved) {
            attempt.solvedAt = now.toISOString();
            attempt.solveMs = attempt.sessions.length > 0 ? elapsedMs(attempt, now) : null;
          }
        },
        ctx.err,
      );
    }
    if (solved && target.kind === 'learner') {
      ctx.out(
        tr(ctx, {
          en: `Solved. Compare with the reference: npm run kata -- solution ${kata.slug}`,
          zh: `通过！对照参考答案：npm run kata -- solution ${kata.slug}`,
        }),
      );
    }
    return solved ? 0 : 1;
  },
};
