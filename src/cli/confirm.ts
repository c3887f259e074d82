import { type CliContext, tr } from './context.ts';

/**
 * Yes with --yes; otherwise asks on a terminal. Without a terminal it never blocks: it says how
 * to confirm (the same command with --yes) and answers no.
 */
export async function confirm(ctx: CliContext, question: string, command: string): Promise<boolean> {
  if (ctx.yes) return true;
  if (!ctx.interactive) {
    ctx.err(question);
    ctx.err(
      tr(ctx, {
        en: `Not a terminal, so not asking: run "npm run kata -- ${command} --yes" to confirm.`,
        zh: `当前不是终端，无法确认：请运行 "npm run kata -- ${command} --yes"。`,
      }),
    );
    return false;
  }
  return ctx.ask(question);
}
