import { progressFor } from '../progress.ts';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { learnerFile } from '../../paths.ts';
import { UsageError, tr } from '../context.ts';
import { allPassed, formatSummary } from '../report.ts';
import { recordRun } from '../attempts.ts';
import { type Target, runSuiteOnce } from '../../wiring/run-suite.ts';
import { explainPoolCrash, limitedPool } from '../run-limits.ts';
import { endForks } from '../warm-forks.ts';
import { newAttempt, openAttempt, progressOf, statusOf } from '../state.ts';
import { rateAttempt } from '../schedule.ts';
import { type Verb, kataOrExplain, missingLearnerFile, stringOption } from '../verb.ts';

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
      impl === undefined ? { kind: 'learner' } : { kind: 'file', file: resolve(ctx.cwd, impl), slug: kata.slug };
    const file = target.kind === 'file' ? target.file : learnerFile(ctx.root, kata.slug);
    if (!existsSync(file)) {
      throw target.kind === 'file'
        ? new UsageError(tr(ctx, { en: `No such file: ${file}`, zh: `文件不存在：${file}` }))
        : missingLearnerFile(ctx, kata, file);
    }
    let stopped: string | undefined;
    const pool = limitedPool(ctx, (why) => {
      stopped = why;
    });
    const summary = explainPoolCrash(await runSuiteOnce(ctx.root, kata, target, { pool }), stopped);
    await endForks();
    ctx.out(formatSummary(ctx, kata, summary));
    const solved = allPassed(summary);
    // Only the learner's own file counts as progress; --impl runs are experiments. A check of a
    // kata already solved, with no attempt in progress, is no new solve.
    let outcome = 'not-recorded' as ReturnType<typeof recordRun> | 'not-recorded';
    if (target.kind === 'learner') {
      progressFor(ctx).update((state) => {
        const progress = progressOf(state, kata.slug);
        let attempt = openAttempt(progress);
        if (!attempt) {
          if (statusOf(progress) === 'solved') return;
          attempt = { ...newAttempt(ctx.now()), via: 'check' };
          progress.attempts.push(attempt);
        }
        outcome = recordRun(attempt, summary, ctx.now());
        if (outcome === 'solved') rateAttempt(progress, attempt, kata, ctx.now());
      });
    }
    if (solved && target.kind === 'learner') {
      ctx.out(
        outcome === 'solved'
          ? tr(ctx, {
              en: `Solved. Compare with the reference: npm run kata -- solution ${kata.slug}`,
              zh: `通过！对照参考答案：npm run kata -- solution ${kata.slug}`,
            })
          : tr(ctx, {
              en: `All pass. ${kata.slug} was solved before, so this check is not a new solve; to practise it again against the clock: npm run kata -- start ${kata.slug} --restart`,
              zh: `全部通过。${kata.slug} 之前已经通过，这次 check 不计为新的通过；想重新计时练习：npm run kata -- start ${kata.slug} --restart`,
            }),
      );
    }
    return solved ? 0 : 1;
  },
};
