import { progressFor } from '../progress.ts';
import { KATAS } from '../../registry.ts';
import { confirm } from '../confirm.ts';
import { tr } from '../context.ts';
import { suggestNext } from '../schedule.ts';
import { nextLines } from './next.ts';
import type { Verb } from '../verb.ts';
import { minutesText } from '../words.ts';
import { kataTable } from './list.ts';
import { practise } from './start.ts';

/** Plain `npm start`: the list, a suggestion, and (on confirmation) practice. */
export const home: Verb = {
  name: 'home',
  usage: '(no command)',
  summary: {
    en: 'The kata list, a suggestion, and practice on confirmation',
    zh: '显示题目列表和建议，确认后开始练习',
  },
  async run(ctx) {
    const state = progressFor(ctx).read();
    ctx.out(kataTable(ctx, KATAS, state));
    ctx.out('');
    const suggestion = suggestNext(KATAS, state, ctx.now());
    if (!suggestion) {
      ctx.out(nextLines(ctx, state).join('\n'));
      return 0;
    }
    const { kata, reason } = suggestion;
    ctx.out(
      tr(ctx, {
        en: `Suggested: ${kata.slug}: ${kata.title.en} (${minutesText('en', kata.minutes)}, ${reason.en}).`,
        zh: `建议：${kata.slug}：${kata.title.zh}（${kata.minutes} 分钟，${reason.zh}）。`,
      }),
    );
    const command = `start ${kata.slug}`;
    if (!ctx.yes && !ctx.interactive) {
      ctx.out(tr(ctx, { en: `Start it with: npm run kata -- ${command}`, zh: `开始练习：npm run kata -- ${command}` }));
      return 0;
    }
    if (!(await confirm(ctx, tr(ctx, { en: `Start ${kata.slug} now?`, zh: `现在开始 ${kata.slug}？` }), command))) {
      ctx.out(tr(ctx, { en: `Later: npm run kata -- ${command}`, zh: `稍后开始：npm run kata -- ${command}` }));
      return 0;
    }
    return practise(ctx, kata, false);
  },
};
