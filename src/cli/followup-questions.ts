import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Followup } from '../kit/followups.ts';
import { kitFile } from '../paths.ts';
import type { Kata } from '../registry.ts';
import { type CliContext, tr } from './context.ts';
import { progressFor } from './progress.ts';
import { paint } from './style.ts';

/** A kit's follow-up questions (kits/<slug>/followups.ts); none when the kit has no file yet. */
export async function loadFollowups(root: string, slug: string): Promise<readonly Followup[]> {
  const file = kitFile(root, slug, 'followups');
  if (!existsSync(file)) return [];
  return ((await import(pathToFileURL(file).href)) as { default: readonly Followup[] }).default;
}

/**
 * Asks one follow-up the way an interviewer would: the question, then (on a terminal) a pause for
 * the learner's own answer, then the model answer. Without a terminal both are printed at once.
 * The question is recorded as seen.
 */
export async function askFollowup(
  ctx: CliContext,
  kata: Kata,
  followups: readonly Followup[],
  index: number,
): Promise<void> {
  const followup = followups[index];
  if (followup === undefined) return;
  ctx.out(
    paint(
      ctx.color,
      'bold',
      `${tr(ctx, { en: 'Follow-up', zh: '追问' })} ${index + 1}/${followups.length} (${kata.slug}): ${tr(ctx, followup.q)}`,
    ),
  );
  if (ctx.interactive) {
    await ctx.readLine(
      tr(ctx, {
        en: 'Answer it aloud or type your answer, then press Enter to see a model answer: ',
        zh: '先口头回答或输入你的答案，按回车查看参考回答：',
      }),
    );
  }
  ctx.out(`${paint(ctx.color, 'green', tr(ctx, { en: 'Model answer:', zh: '参考回答：' }))} ${tr(ctx, followup.a)}`);
  ctx.out('');
  progressFor(ctx).update((state) => {
    const progress = state.katas[kata.slug];
    if (progress === undefined) return;
    const seen = new Set(progress.followupsSeen ?? []);
    seen.add(index);
    progress.followupsSeen = [...seen].sort((a, b) => a - b);
  });
}

/** The first follow-up of `kata` the learner has not seen yet (the first one when all are seen). */
export function nextFollowupIndex(ctx: CliContext, kata: Kata, followups: readonly Followup[]): number {
  const seen = new Set(progressFor(ctx).read().katas[kata.slug]?.followupsSeen ?? []);
  const unseen = followups.findIndex((_, index) => !seen.has(index));
  return Math.max(unseen, 0);
}

/** A mock interview's debrief: one follow-up per kata, before the report. */
export async function askOneFollowupEach(ctx: CliContext, katas: readonly Kata[]): Promise<void> {
  for (const kata of katas) {
    const followups = await loadFollowups(ctx.root, kata.slug);
    if (followups.length > 0) await askFollowup(ctx, kata, followups, nextFollowupIndex(ctx, kata, followups));
  }
}
