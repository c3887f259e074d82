import { progressFor } from '../progress.ts';
import { KATAS } from '../../registry.ts';
import { tr } from '../context.ts';
import { suggestNext } from '../suggest.ts';
import type { Verb } from '../verb.ts';

export const next: Verb = {
  name: 'next',
  usage: 'next',
  summary: { en: 'Suggest what to practise next', zh: '建议下一道练习' },
  async run(ctx) {
    const state = progressFor(ctx).read();
    const suggestion = suggestNext(KATAS, state);
    if (!suggestion) return 0;
    ctx.out(
      tr(ctx, {
        en: `Next: ${suggestion.kata.slug} (${suggestion.kata.title.en}, ${suggestion.kata.minutes} min): ${suggestion.reason.en}.`,
        zh: `下一道：${suggestion.kata.slug}（${suggestion.kata.title.zh}，${suggestion.kata.minutes} 分钟）：${suggestion.reason.zh}。`,
      }),
    );
    ctx.out(`  npm run kata -- start ${suggestion.kata.slug}`);
    return 0;
  },
};
