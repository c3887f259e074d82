import { progressFor } from '../progress.ts';
import { KATAS, type Kata } from '../../registry.ts';
import { type CliContext, UsageError, tr } from '../context.ts';
import { type State, bestSolveMs, lastActivity, statusOf } from '../state.ts';
import { type Colour, clock, displayWidth, padEnd, paint } from '../style.ts';
import { type Verb, stringOption } from '../verb.ts';
import { closestMatches } from '../closest.ts';
import { difficultyText, minShort } from '../words.ts';
import { dueAt, dueText } from '../schedule.ts';

const STATUS_LABEL = {
  new: { en: 'new', zh: '未开始' },
  attempted: { en: 'attempted', zh: '尝试过' },
  solved: { en: 'solved', zh: '已通过' },
} as const;
const STATUS_COLOUR: Record<keyof typeof STATUS_LABEL, Colour> = { new: 'gray', attempted: 'yellow', solved: 'green' };

export const list: Verb = {
  name: 'list',
  usage: 'list [--tag <tag>] [--kind algorithm|tensor] [--difficulty easy|medium|hard]',
  summary: { en: 'Every kata with its status, budget and best time', zh: '列出所有 kata：状态、时限和最佳用时' },
  options: { tag: { type: 'string' }, kind: { type: 'string' }, difficulty: { type: 'string' } },
  async run(ctx, _positionals, options) {
    const tag = stringOption(options, 'tag');
    const kind = stringOption(options, 'kind');
    const difficulty = stringOption(options, 'difficulty');
    const tags = [...new Set(KATAS.flatMap((k) => k.tags))].sort();
    oneOf(ctx, 'tag', tag, tags);
    oneOf(ctx, 'kind', kind, ['algorithm', 'tensor']);
    oneOf(ctx, 'difficulty', difficulty, ['easy', 'medium', 'hard']);
    const katas = KATAS.filter(
      (k) =>
        (tag === undefined || k.tags.includes(tag)) &&
        (kind === undefined || k.kind === kind) &&
        (difficulty === undefined || k.difficulty === difficulty),
    );
    if (katas.length === 0) {
      ctx.out(tr(ctx, { en: 'No kata matches all of these filters.', zh: '没有同时满足这些条件的 kata。' }));
      return 1;
    }
    const state = progressFor(ctx).read();
    ctx.out(kataTable(ctx, katas, state));
    return 0;
  },
};

export function kataTable(
  ctx: Pick<CliContext, 'lang' | 'color' | 'now'>,
  katas: readonly Kata[],
  state: State,
): string {
  const header =
    ctx.lang === 'zh'
      ? ['kata', '题目', '时限', '难度', '状态', '最佳', '最近', '复习']
      : ['kata', 'title', 'budget', 'level', 'status', 'best', 'last', 'due'];
  const rows = katas.map((kata) => {
    const progress = state.katas[kata.slug];
    const status = statusOf(progress);
    const best = bestSolveMs(progress);
    const last = lastActivity(progress);
    const budgetMs = kata.minutes * 60_000;
    return [
      kata.slug,
      kata.title[ctx.lang],
      minShort(ctx.lang, kata.minutes),
      difficultyText(ctx.lang, kata.difficulty),
      paint(ctx.color, STATUS_COLOUR[status], STATUS_LABEL[status][ctx.lang]),
      best === null ? '-' : paint(ctx.color, best <= budgetMs ? 'green' : 'yellow', clock(best)),
      last === null ? '-' : last.slice(0, 10),
      dueText(ctx.lang, dueAt(progress), ctx.now()),
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

/** A filter value must be one of the known ones: a typo gets the closest, not an empty list. */
function oneOf(
  ctx: Pick<CliContext, 'lang'>,
  option: string,
  value: string | undefined,
  known: readonly string[],
): void {
  if (value === undefined || known.includes(value)) return;
  const near = closestMatches(value, known);
  throw new UsageError(
    tr(ctx, {
      en: `--${option} ${JSON.stringify(value)} matches no kata.${near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : ''} Known: ${known.join(', ')}`,
      zh: `--${option} ${JSON.stringify(value)} 没有匹配的 kata。${near.length > 0 ? `你是不是想用：${near.join('、')}？` : ''}可选：${known.join(', ')}`,
    }),
  );
}
