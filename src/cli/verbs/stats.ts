import { progressFor } from '../progress.ts';
import { KATAS, type Kata } from '../../registry.ts';
import { type CliContext, tr } from '../context.ts';
import { type State, bestSolveMs } from '../state.ts';
import { clock, displayWidth, padEnd, sparkline } from '../style.ts';
import { dueAt, dueText } from '../schedule.ts';
import type { Verb } from '../verb.ts';
import { minutesText } from '../words.ts';

export const stats: Verb = {
  name: 'stats',
  usage: 'stats',
  summary: {
    en: 'Attempts, solves and median solve time against budget, by tag',
    zh: '按标签统计：尝试次数、通过次数、中位用时与时限之比',
  },
  async run(ctx) {
    const state = progressFor(ctx).read();
    ctx.out(statsReport(ctx, KATAS, state));
    return 0;
  },
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Row {
  readonly label: string;
  readonly attempts: number;
  readonly solves: number;
  /** Median of solve time / budget over timed solves. */
  readonly medianRatio: number | null;
  readonly medianMs: number | null;
}

function rowFor(label: string, katas: readonly Kata[], state: State): Row {
  let attempts = 0;
  let solves = 0;
  const ratios: number[] = [];
  const times: number[] = [];
  for (const kata of katas) {
    for (const attempt of state.katas[kata.slug]?.attempts ?? []) {
      attempts += 1;
      if (attempt.solvedAt !== null) solves += 1;
      if (attempt.solveMs !== null) {
        ratios.push(attempt.solveMs / (kata.minutes * 60_000));
        times.push(attempt.solveMs);
      }
    }
  }
  return { label, attempts, solves, medianRatio: median(ratios), medianMs: median(times) };
}

/**
 * One line per kata practised: a sparkline of each attempt's solve time against the budget (▁ fast,
 * █ twice the budget or more, × not solved), the best time, and when it is due for review.
 */
function perKata(ctx: Pick<CliContext, 'lang' | 'now'>, katas: readonly Kata[], state: State): string[] {
  const practised = katas.filter((k) => (state.katas[k.slug]?.attempts.length ?? 0) > 0);
  if (practised.length === 0) return [];
  const width = Math.max(...practised.map((k) => k.slug.length));
  const lines = practised.map((kata) => {
    const progress = state.katas[kata.slug];
    const budgetMs = kata.minutes * 60_000;
    const ratios = (progress?.attempts ?? []).map((a) =>
      a.solvedAt === null ? null : a.solveMs === null ? 0.5 : a.solveMs / budgetMs,
    );
    const best = bestSolveMs(progress);
    return `  ${padEnd(kata.slug, width)}  ${padEnd(sparkline(ratios, 2), 12)}  ${tr(ctx, { en: 'best', zh: '最佳' })} ${best === null ? '-' : clock(best)} / ${clock(budgetMs)}  ${tr(ctx, { en: 'due', zh: '复习' })} ${dueText(ctx.lang, dueAt(progress), ctx.now())}`;
  });
  return [
    '',
    tr(ctx, {
      en: 'By kata (each attempt: ▁ fast … █ twice the budget, × not solved):',
      zh: '按题目（每次尝试：▁ 很快 … █ 两倍时限，× 未通过）：',
    }),
    ...lines,
  ];
}

export function statsReport(ctx: Pick<CliContext, 'lang' | 'now'>, katas: readonly Kata[], state: State): string {
  const tags = [...new Set(katas.flatMap((k) => k.tags))].sort();
  const rows = [
    rowFor(tr(ctx, { en: 'all katas', zh: '全部' }), katas, state),
    ...tags.map((tag) =>
      rowFor(
        tag,
        katas.filter((k) => k.tags.includes(tag)),
        state,
      ),
    ),
  ].filter((row, index) => index === 0 || row.attempts > 0);
  const header =
    ctx.lang === 'zh'
      ? ['标签', '尝试', '通过', '中位用时', '用时/时限']
      : ['tag', 'attempts', 'solves', 'median time', 'time/budget'];
  const cells = rows.map((r) => [
    r.label,
    String(r.attempts),
    String(r.solves),
    r.medianMs === null ? '-' : clock(r.medianMs),
    r.medianRatio === null ? '-' : `${Math.round(r.medianRatio * 100)}%`,
  ]);
  const widths = header.map((_, col) => Math.max(...[header, ...cells].map((row) => displayWidth(row[col] ?? ''))));
  const table = [header, ...cells].map((row) =>
    row
      .map((c, i) => padEnd(c, widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const selftests = katas
    .map((k) => [k.slug, state.katas[k.slug]?.selftest] as const)
    .filter((entry): entry is readonly [string, NonNullable<(typeof entry)[1]>] => entry[1] != null)
    .map(
      ([slug, s]) =>
        `  ${slug}: ${s.caught}/${s.bugs}${s.falseAlarms > 0 ? tr(ctx, { en: `, ${s.falseAlarms} false alarm(s)`, zh: `，${s.falseAlarms} 个误报` }) : ''}`,
    );
  const mocks = state.mocks.map(
    (m) =>
      `  ${m.at.slice(0, 16).replace('T', ' ')}: ${m.results.filter((r) => r.solved).length}/${m.results.length} ${tr(ctx, { en: 'solved in', zh: '通过，时限' })} ${minutesText(ctx.lang, m.minutes)}`,
  );
  return [
    ...table,
    ...perKata(ctx, katas, state),
    ...(selftests.length > 0
      ? [
          '',
          tr(ctx, {
            en: 'Self-test scores (bugs your properties caught):',
            zh: '自测得分（你的性质测试抓到的 bug）：',
          }),
          ...selftests,
        ]
      : []),
    ...(mocks.length > 0 ? ['', tr(ctx, { en: 'Mock interviews:', zh: '模拟面试：' }), ...mocks] : []),
  ].join('\n');
}
