import { KATAS } from '../../registry.ts';
import { stateDir, tr } from '../context.ts';
import { loadState, statePath } from '../state.ts';
import { suggestNext } from '../suggest.ts';
import type { Verb } from '../verb.ts';

export const next: Verb = {
  name: 'next',
  usage: 'next',
  summary: { en: 'Suggest what to practise next', zh: '建议下一道练习' },
  async run(ctx) {
    const { state, warning } = loadState(statePath(stateDir(ctx)));
    if (warning) ctx.err(warning);
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
