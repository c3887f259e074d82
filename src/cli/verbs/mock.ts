import { askOneFollowupEach } from '../followup-questions.ts';
import { flushAllOnExit, progressFor } from '../progress.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { learnerFile } from '../../paths.ts';
import { KATAS, type Kata } from '../../registry.ts';
import { confirm } from '../confirm.ts';
import { type CliContext, UsageError, tr } from '../context.ts';
import { pristineStub } from '../../kit/pristine.ts';
import { allPassed, totalOf } from '../report.ts';
import { type MockRecord, type State, progressOf, statusOf } from '../state.ts';
import { clock, paint } from '../style.ts';
import type { RunSummary } from '../../wiring/summary.ts';
import { type Verb, kataOrExplain, positiveIntOption, positiveNumberOption } from '../verb.ts';
import { watchSession } from '../watch-session.ts';
import { promptText } from '../prompt.ts';
import { minutesText } from '../words.ts';
import { gradeOf, review } from '../schedule.ts';
import { relative } from 'node:path';
import { saveAttemptCopy } from './reset.ts';

export const mock: Verb = {
  name: 'mock',
  usage: 'mock [--minutes N] [--count K] [--kata <slug>…]',
  summary: {
    en: 'Mock interview: K katas, one clock, no hints, test names hidden until the end',
    zh: '模拟面试：K 道题共用一个时钟，无提示，结束前不显示测试名',
  },
  details: {
    en: 'Default: one algorithm and one tensor kata, unsolved ones first, with the sum of their budgets. Each chosen kata starts from its pristine stub (your current file is saved under .kata/attempts/ first). Ends when all pass, time is up, or Ctrl-C; then prints a report.',
    zh: '默认：一道算法题加一道张量题（优先未通过的），总时限为两者之和。每道题从初始模板开始（当前文件先保存到 .kata/attempts/）。全部通过、时间到或按 Ctrl-C 时结束，并打印报告。',
  },
  options: { minutes: { type: 'string' }, count: { type: 'string' }, kata: { type: 'string', multiple: true } },
  async run(ctx, _positionals, options) {
    const state = progressFor(ctx).read();
    const named = (options.kata as unknown as string[] | undefined)?.map((slug) => kataOrExplain(ctx, slug));
    const count = positiveIntOption(options, 'count');
    const katas = named ?? pickMockKatas(KATAS, state, count, Math.random);
    if (katas.length === 0) throw new UsageError('no katas to pick from');
    const minutes = positiveNumberOption(options, 'minutes') ?? katas.reduce((sum, k) => sum + k.minutes, 0);
    ctx.out(
      tr(ctx, {
        en: `Mock interview: ${katas.map((k) => k.slug).join(', ')}; ${minutesText('en', minutes)} in all, and it ends when time is up; no hints; test names stay hidden.`,
        zh: `模拟面试：${katas.map((k) => k.slug).join('、')}；共 ${minutesText('zh', minutes)}，时间到即结束；无提示；不显示测试名。`,
      }),
    );
    const dirty = katas.filter(
      (k) =>
        existsSync(learnerFile(ctx.root, k.slug)) &&
        readFileSync(learnerFile(ctx.root, k.slug), 'utf8') !== pristineStub(ctx.root, k),
    );
    if (dirty.length > 0) {
      const question = tr(ctx, {
        en: `Start ${dirty.map((k) => k.slug).join(', ')} from the stub? Your current files are saved under .kata/attempts/ first.`,
        zh: `${dirty.map((k) => k.slug).join('、')} 将从初始模板开始，当前文件会先保存到 .kata/attempts/。继续吗？`,
      });
      if (!(await confirm(ctx, question, 'mock'))) return 1;
      for (const kata of dirty) {
        const saved = saveAttemptCopy(ctx, kata, readFileSync(learnerFile(ctx.root, kata.slug), 'utf8'));
        writeFileSync(learnerFile(ctx.root, kata.slug), pristineStub(ctx.root, kata));
        ctx.out(
          tr(ctx, { en: `${kata.slug}: saved your file as ${saved}`, zh: `${kata.slug}：已保存你的文件为 ${saved}` }),
        );
      }
    }
    for (const [index, kata] of katas.entries()) {
      ctx.out('');
      ctx.out(
        paint(
          ctx.color,
          'bold',
          tr(ctx, { en: `Question ${index + 1} of ${katas.length}`, zh: `第 ${index + 1}/${katas.length} 题` }),
        ),
      );
      ctx.out(promptText(ctx.root, kata, ctx.lang));
      ctx.out(
        paint(
          ctx.color,
          'bold',
          tr(ctx, {
            en: `Your file: ${relative(ctx.cwd, learnerFile(ctx.root, kata.slug))}`,
            zh: `你的文件：${relative(ctx.cwd, learnerFile(ctx.root, kata.slug))}`,
          }),
        ),
      );
    }
    ctx.out('');
    return runMock(ctx, katas, minutes);
  },
};

/** K katas: alternating algorithm and tensor kinds, unsolved before solved, random within each. */
export function pickMockKatas(
  katas: readonly Kata[],
  state: State,
  count: number | undefined,
  random: () => number,
): Kata[] {
  const kinds = [...new Set(katas.map((k) => k.kind))];
  const want = count ?? Math.max(1, kinds.length);
  const pools = kinds.map((kind) =>
    katas
      .filter((k) => k.kind === kind)
      .map((kata) => ({ kata, key: (statusOf(state.katas[kata.slug]) === 'solved' ? 1 : 0) + random() }))
      .sort((a, b) => a.key - b.key)
      .map(({ kata }) => kata),
  );
  const picked: Kata[] = [];
  for (let round = 0; picked.length < Math.min(want, katas.length); round++) {
    for (const pool of pools) {
      const kata = pool[round];
      if (kata && picked.length < want) picked.push(kata);
    }
  }
  return picked;
}

async function runMock(ctx: CliContext, katas: readonly Kata[], minutes: number): Promise<number> {
  const startedAt = ctx.now();
  const budgetMs = minutes * 60_000;
  const elapsed = () => ctx.now().getTime() - startedAt.getTime();
  const latest = new Map<string, RunSummary>();
  const solvedAt = new Map<string, number>();
  progressFor(ctx).update((state) => {
    state.mockInProgress = {
      slugs: katas.map((k) => k.slug),
      endsAt: new Date(startedAt.getTime() + budgetMs).toISOString(),
    };
  });
  const record = (): MockRecord => ({
    at: startedAt.toISOString(),
    minutes,
    results: katas.map((kata) => {
      const summary = latest.get(kata.slug);
      return {
        slug: kata.slug,
        solved: solvedAt.has(kata.slug),
        passed: summary?.passed ?? 0,
        total: summary ? totalOf(summary) : 0,
        ms: solvedAt.get(kata.slug) ?? Math.min(elapsed(), budgetMs),
      };
    }),
  });
  // The interview is recorded and mockInProgress cleared the moment it ends, synchronously: on
  // Ctrl-C before anything is awaited, or on exit if something ends the process first.
  let exitCode: number | undefined;
  const finalize = (): number => {
    if (exitCode !== undefined) return exitCode;
    const result = record();
    progressFor(ctx).update((state) => {
      state.mockInProgress = undefined;
      state.mocks.push(result);
      // Each kata of the interview is a review of its card: solved in time or not.
      for (const r of result.results) {
        const kata = katas.find((k) => k.slug === r.slug);
        if (kata) review(progressOf(state, r.slug), gradeOf({ solved: r.solved, ms: r.ms, hints: 0 }, kata), ctx.now());
      }
    });
    ctx.out(mockReport(ctx, result, latest));
    flushAllOnExit(ctx);
    exitCode = result.results.every((r) => r.solved) ? 0 : 1;
    return exitCode;
  };
  process.once('exit', finalize);
  const how = await watchSession({
    ctx,
    katas,
    budgetMs,
    elapsedMs: elapsed,
    hideTestNames: true,
    endsAtBudget: true,
    onRun: (kata, summary) => {
      latest.set(kata.slug, summary);
      if (allPassed(summary) && !solvedAt.has(kata.slug)) solvedAt.set(kata.slug, elapsed());
    },
    shouldStop: () => katas.every((k) => solvedAt.has(k.slug)),
    onInterrupt: finalize,
  });
  process.off('exit', finalize);
  if (how !== 'interrupted') await askOneFollowupEach(ctx, katas);
  return finalize();
}

export function mockReport(
  ctx: Pick<CliContext, 'lang' | 'color'>,
  record: MockRecord,
  latest: ReadonlyMap<string, RunSummary>,
): string {
  const lines = [
    paint(
      ctx.color,
      'bold',
      tr(ctx, {
        en: `Mock interview report (${minutesText('en', record.minutes)})`,
        zh: `模拟面试报告（${minutesText('zh', record.minutes)}）`,
      }),
    ),
  ];
  for (const r of record.results) {
    const verdict = r.solved
      ? paint(ctx.color, 'green', tr(ctx, { en: `solved in ${clock(r.ms)}`, zh: `通过，用时 ${clock(r.ms)}` }))
      : paint(ctx.color, 'red', tr(ctx, { en: 'not solved', zh: '未通过' }));
    lines.push(`  ${r.slug}: ${verdict}, ${r.passed}/${r.total} ${tr(ctx, { en: 'tests passed', zh: '个测试通过' })}`);
    const failure = latest.get(r.slug)?.firstFailure;
    if (!r.solved && failure)
      lines.push(`    ${tr(ctx, { en: 'first failing test:', zh: '第一个失败的测试：' })} ${failure.name}`);
  }
  const solved = record.results.filter((r) => r.solved).length;
  lines.push(
    tr(ctx, { en: `${solved}/${record.results.length} solved.`, zh: `共通过 ${solved}/${record.results.length} 道。` }),
  );
  return lines.join('\n');
}
