import { progressFor } from '../progress.ts';
import { tr } from '../context.ts';
import { inMockInterview, progressOf } from '../state.ts';
import { paint } from '../style.ts';
import { type Verb, kataOrExplain } from '../verb.ts';

export const hint: Verb = {
  name: 'hint',
  usage: 'hint <slug>',
  summary: {
    en: 'Show the next hint (hints are progressive; the count is recorded)',
    zh: '显示下一条提示（逐条递进，会记录使用次数）',
  },
  async run(ctx, positionals) {
    const kata = kataOrExplain(ctx, positionals[0]);
    if (inMockInterview(progressFor(ctx).read(), kata.slug, ctx.now())) {
      ctx.err(tr(ctx, { en: 'No hints during a mock interview.', zh: '模拟面试中不提供提示。' }));
      return 1;
    }
    const used = progressFor(ctx).update((state) => {
      const progress = progressOf(state, kata.slug);
      progress.hintsUsed = Math.min(kata.hints.length, progress.hintsUsed + 1);
      return progress.hintsUsed;
    });
    kata.hints.slice(0, used).forEach((text, index) => {
      const label = tr(ctx, {
        en: `Hint ${index + 1}/${kata.hints.length}:`,
        zh: `提示 ${index + 1}/${kata.hints.length}：`,
      });
      const line = `${label}${ctx.lang === 'zh' ? '' : ' '}${tr(ctx, text)}`;
      ctx.out(index === used - 1 ? paint(ctx.color, 'bold', line) : paint(ctx.color, 'gray', line));
    });
    if (used === kata.hints.length) {
      ctx.out(
        tr(ctx, {
          en: `That was the last hint. The reference: npm run kata -- solution ${kata.slug}`,
          zh: `这是最后一条提示。参考答案：npm run kata -- solution ${kata.slug}`,
        }),
      );
    }
    return 0;
  },
};
