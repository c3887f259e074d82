import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { learnerFile } from '../../paths.ts';
import type { Bilingual, Kata } from '../../registry.ts';
import { beginSession, editedMs, endSession, recordRun, updateAttempt } from '../attempts.ts';
import { type CliContext, tr } from '../context.ts';
import { promptText } from '../prompt.ts';
import { flushAllOnExit } from '../progress.ts';
import { type Attempt, elapsedMs, progressOf } from '../state.ts';
import { dueAt, dueText, gradeName, rateAttempt } from '../schedule.ts';
import { clock, paint } from '../style.ts';
import type { RunSummary } from '../../wiring/summary.ts';
import { type Verb, kataOrExplain, missingLearnerFile } from '../verb.ts';
import { watchSession } from '../watch-session.ts';

export const start: Verb = {
  name: 'start',
  usage: 'start <slug> [--restart]',
  summary: {
    en: 'Practise a kata: prompt, countdown, hidden suite on every save',
    zh: '开始练习：显示题面，倒计时，每次保存都运行隐藏测试',
  },
  details: {
    en: 'Prints the prompt, then re-runs the hidden suite whenever you save your file, showing the time left, passed/total and the first failing test. Ctrl-C stops and records the attempt; running start again resumes its clock unless --restart.',
    zh: '显示题面，之后每次保存文件都会重新运行隐藏测试，显示剩余时间、通过数和第一个失败的测试。Ctrl-C 结束并记录本次尝试；再次 start 会继续计时，除非加 --restart。',
  },
  options: { restart: { type: 'boolean' } },
  async run(ctx, positionals, options) {
    const kata = kataOrExplain(ctx, positionals[0]);
    return practise(ctx, kata, options.restart === true);
  },
};

export async function practise(ctx: CliContext, kata: Kata, restart: boolean): Promise<number> {
  const file = learnerFile(ctx.root, kata.slug);
  if (!existsSync(file)) {
    throw missingLearnerFile(ctx, kata, file);
  }
  const { attempt, resumed } = beginSession(ctx, kata, restart);
  const budgetMs = kata.minutes * 60_000;
  let live = attempt;
  ctx.out(promptText(ctx.root, kata, ctx.lang));
  ctx.out('');
  ctx.out(
    paint(
      ctx.color,
      'bold',
      tr(ctx, {
        en: `Edit ${relative(ctx.cwd, file)}; the hidden suite re-runs on every save. Ctrl-C to stop.`,
        zh: `编辑 ${relative(ctx.cwd, file)}；每次保存都会重新运行隐藏测试。按 Ctrl-C 结束。`,
      }),
    ),
  );
  if (resumed) {
    ctx.out(
      tr(ctx, {
        en: `Resuming your attempt: ${clock(elapsedMs(attempt, ctx.now()))} used so far (start --restart for a fresh clock).`,
        zh: `继续上次的尝试：已用 ${clock(elapsedMs(attempt, ctx.now()))}（用 start --restart 重新计时）。`,
      }),
    );
  }
  let toldAlreadyPassing = false;
  const onRun = (_kata: Kata, summary: RunSummary) => {
    const now = ctx.now();
    let outcome = 'recorded' as ReturnType<typeof recordRun>;
    let due: string | undefined;
    live =
      updateAttempt(ctx, kata, attempt.startedAt, (a, state) => {
        outcome = recordRun(a, summary, now, editedMs(file));
        if (outcome !== 'solved') return;
        const progress = progressOf(state, kata.slug);
        const grade = rateAttempt(progress, a, kata, now);
        if (grade !== undefined) due = `${gradeName(grade)}; ${dueText(ctx.lang, dueAt(progress), now)}`;
      }) ?? live;
    if (outcome === 'solved') ctx.out(solvedMessage(ctx, kata, live.solveMs ?? 0, budgetMs, due));
    if (outcome === 'already-passing' && !toldAlreadyPassing) {
      toldAlreadyPassing = true;
      ctx.out(alreadyPassing(ctx, kata));
    }
  };
  // The attempt is recorded the moment the session ends, synchronously: on Ctrl-C before anything
  // is awaited (a wrapper such as npm or tsx may kill this process a moment later), or on exit if
  // vitest ends the process itself.
  let recorded = false;
  const record = () => {
    if (recorded) return;
    recorded = true;
    const ended = endSession(ctx, kata, attempt.startedAt) ?? live;
    ctx.out(recordedLine(ctx, kata, ended));
    flushAllOnExit(ctx);
  };
  process.once('exit', record);
  await watchSession({
    ctx,
    katas: [kata],
    budgetMs,
    elapsedMs: () => (live.solvedAt !== null && live.solveMs !== null ? live.solveMs : elapsedMs(live, ctx.now())),
    hideTestNames: false,
    onRun,
    onInterrupt: record,
  });
  process.off('exit', record);
  record();
  return 0;
}

function recordedLine(ctx: CliContext, kata: Kata, ended: Attempt): string {
  return ended.solvedAt !== null
    ? tr(ctx, {
        en: `Recorded: ${kata.slug} solved in ${clock(ended.solveMs ?? 0)}.`,
        zh: `已记录：${kata.slug} 用时 ${clock(ended.solveMs ?? 0)} 通过。`,
      })
    : tr(ctx, {
        en: `Recorded: ${clock(elapsedMs(ended, ctx.now()))} on ${kata.slug}, best ${ended.best ? `${ended.best.passed}/${ended.best.total}` : '-'} tests. Resume with: npm run kata -- start ${kata.slug}`,
        zh: `已记录：${kata.slug} 用时 ${clock(elapsedMs(ended, ctx.now()))}，最好成绩 ${ended.best ? `${ended.best.passed}/${ended.best.total}` : '-'} 个测试。继续练习：npm run kata -- start ${kata.slug}`,
      });
}

/** The file passes before the learner changed anything: nothing was solved in this attempt. */
export function alreadyPassing(ctx: CliContext, kata: Kata): string {
  return tr(ctx, {
    en: `Your file already passes every test, unchanged since this attempt began: that is not counted as a solve. To practise ${kata.slug} again from the stub: npm run kata -- reset ${kata.slug}`,
    zh: `你的文件在本次尝试开始前就已通过所有测试，且之后没有修改：这不算一次通过。想从初始模板重新练习：npm run kata -- reset ${kata.slug}`,
  });
}

function solvedMessage(ctx: CliContext, kata: Kata, solveMs: number, budgetMs: number, due?: string): string {
  const verdict =
    solveMs <= budgetMs
      ? tr(ctx, { en: `within the ${clock(budgetMs)} budget`, zh: `在 ${clock(budgetMs)} 时限内` })
      : tr(ctx, {
          en: `${clock(solveMs - budgetMs)} over the ${clock(budgetMs)} budget`,
          zh: `超出 ${clock(budgetMs)} 时限 ${clock(solveMs - budgetMs)}`,
        });
  const steps: Array<[string, Bilingual]> = [
    [`compare ${kata.slug}`, { en: 'random inputs against the reference', zh: '随机输入与参考答案对比' }],
    [`solution ${kata.slug}`, { en: 'read the reference solution', zh: '查看参考答案' }],
    [`followup ${kata.slug}`, { en: "the interviewer's follow-up questions", zh: '面试官的追问' }],
    [`selftest ${kata.slug}`, { en: 'grade your own property tests', zh: '给你自己的性质测试打分' }],
    ['next', { en: 'what to practise next', zh: '下一道练什么' }],
  ];
  const width = Math.max(...steps.map(([command]) => command.length));
  return [
    paint(
      ctx.color,
      'green',
      tr(ctx, {
        en: `✔ Solved ${kata.slug} in ${clock(solveMs)}, ${verdict}.`,
        zh: `✔ ${kata.slug} 通过，用时 ${clock(solveMs)}，${verdict}。`,
      }),
    ),
    ...(due === undefined
      ? []
      : [
          tr(ctx, {
            en: `Spaced repetition: rated ${due.replace('; ', ', review it ')}.`,
            zh: `间隔重复：评为 ${due.replace('; ', '，复习时间：')}。`,
          }),
        ]),
    tr(ctx, { en: 'Next:', zh: '下一步：' }),
    ...steps.map(([command, what]) => `  npm run kata -- ${command.padEnd(width)}   ${tr(ctx, what)}`),
    tr(ctx, {
      en: '(Ctrl-C to leave; the watch keeps running if you want to refine.)',
      zh: '（按 Ctrl-C 退出；想继续打磨可以接着改。）',
    }),
  ].join('\n');
}
