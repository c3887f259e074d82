import { KATAS } from '../../registry.ts';
import { type CliContext, tr } from '../context.ts';
import { progressFor } from '../progress.ts';
import { RATING_RULES, dueText, nextDue, suggestNext } from '../schedule.ts';
import type { State } from '../state.ts';
import type { Verb } from '../verb.ts';
import { minutesText } from '../words.ts';

export const next: Verb = {
  name: 'next',
  usage: 'next',
  summary: {
    en: 'What to practise next: unsolved katas, then what spaced repetition says is due',
    zh: '下一道练什么：先是未通过的，然后是间隔重复到期的',
  },
  details: {
    en: `Every attempt rates its kata for the FSRS scheduler (ts-fsrs): ${RATING_RULES.map((r) => r.en).join('; ')}. A kata is never due again the day it was practised.`,
    zh: `每次尝试都会为 FSRS 调度器（ts-fsrs）给该题评分：${RATING_RULES.map((r) => r.zh).join('；')}。练过的题当天不会再到期。`,
  },
  async run(ctx) {
    const state = progressFor(ctx).read();
    ctx.out(nextLines(ctx, state).join('\n'));
    return 0;
  },
};

/** The suggestion as `next` and plain `npm start` print it (or what falls due next, if nothing is). */
export function nextLines(ctx: Pick<CliContext, 'lang' | 'now'>, state: State): string[] {
  const now = ctx.now();
  const suggestion = suggestNext(KATAS, state, now);
  if (suggestion) {
    const { kata, reason } = suggestion;
    return [
      tr(ctx, {
        en: `Next: ${kata.slug} (${kata.title.en}, ${minutesText('en', kata.minutes)}): ${reason.en}.`,
        zh: `下一道：${kata.slug}（${kata.title.zh}，${minutesText('zh', kata.minutes)}）：${reason.zh}。`,
      }),
      `  npm run kata -- start ${kata.slug}`,
    ];
  }
  const upcoming = nextDue(KATAS, state);
  return [
    upcoming
      ? tr(ctx, {
          en: `Nothing is due now. Next review: ${upcoming.kata.slug}, ${dueText('en', upcoming.at, now)} (${upcoming.at.toISOString().slice(0, 10)}).`,
          zh: `现在没有到期的题。下一次复习：${upcoming.kata.slug}，${dueText('zh', upcoming.at, now)}（${upcoming.at.toISOString().slice(0, 10)}）。`,
        })
      : tr(ctx, { en: 'Nothing is due now.', zh: '现在没有到期的题。' }),
  ];
}
