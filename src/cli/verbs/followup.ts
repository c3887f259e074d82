import { tr } from '../context.ts';
import { askFollowup, loadFollowups } from '../followup-questions.ts';
import { progressFor } from '../progress.ts';
import { inMockInterview } from '../state.ts';
import { type Verb, kataOrExplain } from '../verb.ts';

export const followup: Verb = {
  name: 'followup',
  usage: 'followup <slug>',
  summary: {
    en: "An interviewer's follow-up questions once the code works, one at a time, with model answers",
    zh: '代码跑通后面试官的追问：逐个提问，并给出参考回答',
  },
  details: {
    en: 'On a terminal each question waits for your answer (aloud or typed) before the model answer is shown; otherwise questions and answers are printed together.',
    zh: '在终端中，每个问题会等你先回答（口头或输入）再显示参考回答；否则问题和回答一起打印。',
  },
  async run(ctx, positionals) {
    const kata = kataOrExplain(ctx, positionals[0]);
    if (inMockInterview(progressFor(ctx).read(), kata.slug, ctx.now())) {
      ctx.err(tr(ctx, { en: 'Not during a mock interview.', zh: '模拟面试中不能查看追问。' }));
      return 1;
    }
    const followups = await loadFollowups(ctx.root, kata.slug);
    if (followups.length === 0) {
      ctx.out(tr(ctx, { en: `${kata.slug} has no follow-up questions yet.`, zh: `${kata.slug} 还没有追问。` }));
      return 0;
    }
    for (let index = 0; index < followups.length; index++) await askFollowup(ctx, kata, followups, index);
    return 0;
  },
};
