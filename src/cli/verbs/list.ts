import { progressFor } from '../progress.ts';
import { KATAS, type Kata } from '../../registry.ts';
import { type CliContext, UsageError, tr } from '../context.ts';
import { type State, bestSolveMs, lastActivity, statusOf } from '../state.ts';
import { type Colour, clock, displayWidth, padEnd, paint } from '../style.ts';
import { type Verb, stringOption } from '../verb.ts';

const STATUS_LABEL = {
  new: { en: 'new', zh: '未开始' },
  attempted: { en: 'attempted', zh: '尝试过' },
  solved: { en: 'solved', zh: '已通过' },
} as const;
const STATUS_COLOUR: Record<keyof typeof STATUS_LABEL, Colour> = { new: 'gray', attempted: 'yellow', solved: 'green' };

export const list: Verb = {
  name: 'list',
  usage: 'list [--tag <tag>] [--difficulty easy|medium|hard]',
  summary: { en: 'Every kata with its status, budget and best time', zh: '列出所有 kata：状态、时限和最佳用时' },
  options: { tag: { type: 'string' }, difficulty: { type: 'string' } },
  async run(ctx, _positionals, options) {
    const tag = stringOption(options, 'tag');
    const difficulty = stringOption(options, 'difficulty');
    if (difficulty !== undefined && !['easy', 'medium', 'hard'].includes(difficulty)) {
      throw new UsageError(`--difficulty must be easy, medium or hard, got ${JSON.stringify(difficulty)}`);
    }
    const katas = KATAS.filter(
      (k) => (tag === undefined || k.tags.includes(tag)) && (difficulty === undefined || k.difficulty === difficulty),
    );
    if (katas.length === 0) {
      const tags = [...new Set(KATAS.flatMap((k) => k.tags))].sort();
      ctx.out(
        tr(ctx, {
          en: `No kata matches. Tags: ${tags.join(', ')}`,
          zh: `没有匹配的 kata。可用标签：${tags.join(', ')}`,
        }),
      );
      return 0;
    }
    const state = progressFor(ctx).read();
    ctx.out(kataTable(ctx, katas, state));
    return 0;
  },
};

export function kataTable(ctx: Pick<CliContext, 'lang' | 'color'>, katas: readonly Kata[], state: State): string {
  const header =
    ctx.lang === 'zh'
      ? ['kata', '题目', '时限', '难度', '状态', '最佳', '最近']
      : ['kata', 'title', 'budget', 'level', 'status', 'best', 'last'];
  const rows = katas.map((kata) => {
    const progress = state.katas[kata.slug];
    const status = statusOf(progress);
    const best = bestSolveMs(progress);
    const last = lastActivity(progress);
    const budgetMs = kata.minutes * 60_000;
    return [
      kata.slug,
      kata.title[ctx.lang],
      ctx.lang === 'zh' ? `${kata.minutes} 分钟` : `${kata.minutes} min`,
      kata.difficulty,
      paint(ctx.color, STATUS_COLOUR[status], STATUS_LABEL[status][ctx.lang]),
      best === null ? '-' : paint(ctx.color, best <= budgetMs ? 'green' : 'yellow', clock(best)),
      last === null ? '-' : last.slice(0, 10),
    ];
  });
  const widths = header.map((_, col) => Math.max(...[header, ...rows].map((row) => displayWidth(row[col] ?? ''))));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, col) => padEnd(cell, widths[col] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
