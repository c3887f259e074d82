import { progressFor } from '../progress.ts';
import { readFileSync } from 'node:fs';
import { referenceFile } from '../../paths.ts';
import { confirm } from '../confirm.ts';
import { tr } from '../context.ts';
import { highlightTs } from '../highlight.ts';
import { inMockInterview, progressOf, statusOf } from '../state.ts';
import { type Verb, kataOrExplain } from '../verb.ts';

export const solution: Verb = {
  name: 'solution',
  usage: 'solution <slug>',
  summary: {
    en: 'Print the reference solution (asks first if you have not solved it)',
    zh: '显示参考答案（未通过时会先确认）',
  },
  async run(ctx, positionals) {
    const kata = kataOrExplain(ctx, positionals[0]);
    const state = progressFor(ctx).read();
    if (inMockInterview(state, kata.slug, ctx.now())) {
      ctx.err(tr(ctx, { en: 'Not during a mock interview.', zh: '模拟面试中不能查看答案。' }));
      return 1;
    }
    if (statusOf(state.katas[kata.slug]) !== 'solved') {
      const question = tr(ctx, {
        en: `You have not solved ${kata.slug} yet. Show the reference anyway? (it is recorded)`,
        zh: `你还没有通过 ${kata.slug}。仍要查看参考答案吗？（会被记录）`,
      });
      if (!(await confirm(ctx, question, `solution ${kata.slug}`))) return 1;
    }
    progressFor(ctx).update((s) => {
      const progress = progressOf(s, kata.slug);
      progress.solutionSeenAt ??= ctx.now().toISOString();
    });
    ctx.out(highlightTs(readFileSync(referenceFile(ctx.root, kata.slug), 'utf8'), ctx.color));
    return 0;
  },
};
