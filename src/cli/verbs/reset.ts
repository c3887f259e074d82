import { progressFor } from '../progress.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { StateIoError, writeAtomically } from '../state-file.ts';
import { join, relative } from 'node:path';
import { learnerFile } from '../../paths.ts';
import { KATAS, type Kata } from '../../registry.ts';
import { type CliContext, UsageError, stateDir, tr } from '../context.ts';
import { pristineStub } from '../../kit/pristine.ts';
import { openAttempt, progressOf } from '../state.ts';
import { type Verb, kataOrExplain } from '../verb.ts';
import { confirm } from '../confirm.ts';

export const reset: Verb = {
  name: 'reset',
  usage: 'reset <slug> | reset --all',
  summary: { en: 'Restore the pristine stub (your attempt is saved first)', zh: '恢复初始模板（先保存你的当前代码）' },
  details: {
    en: 'Your current file is first copied to .kata/attempts/<slug>/<timestamp>.ts: nothing you wrote is lost. The attempt in progress is closed, so the next start begins a fresh clock.',
    zh: '当前文件会先复制到 .kata/attempts/<slug>/<时间戳>.ts：你写的内容不会丢失。进行中的尝试会结束，下次 start 重新计时。',
  },
  options: { all: { type: 'boolean' } },
  async run(ctx, positionals, options) {
    if (options.all === true) {
      if (positionals.length > 0) throw new UsageError('reset --all takes no kata name');
      const question = tr(ctx, {
        en: `Reset all ${KATAS.length} katas to their stubs? (each attempt is saved under .kata/attempts/ first)`,
        zh: `把全部 ${KATAS.length} 个 kata 恢复为初始模板？（每份代码都会先保存到 .kata/attempts/）`,
      });
      if (!(await confirm(ctx, question, 'reset --all'))) return 1;
      for (const kata of KATAS) resetOne(ctx, kata);
      return 0;
    }
    resetOne(ctx, kataOrExplain(ctx, positionals[0]));
    return 0;
  },
};

/** Saves the learner's file (if it differs from the stub), restores the stub, closes the attempt. */
export function resetOne(ctx: CliContext, kata: Kata): void {
  const file = learnerFile(ctx.root, kata.slug);
  const stub = pristineStub(ctx.root, kata);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === stub) {
    ctx.out(tr(ctx, { en: `${kata.slug}: already the pristine stub.`, zh: `${kata.slug}：已经是初始模板。` }));
  } else {
    if (current !== undefined) {
      // The copy comes first and must be whole: if it cannot be written, the file is not touched.
      const saved = saveAttemptCopy(ctx, kata, current);
      ctx.out(
        tr(ctx, {
          en: `${kata.slug}: your attempt is saved as ${saved}`,
          zh: `${kata.slug}：你的代码已保存为 ${saved}`,
        }),
      );
    }
    writeFileSync(file, stub);
    ctx.out(
      tr(ctx, {
        en: `${kata.slug}: restored the stub ${relative(ctx.cwd, file)}`,
        zh: `${kata.slug}：已恢复初始模板 ${relative(ctx.cwd, file)}`,
      }),
    );
  }
  // Either way the attempt in progress is over: its clock must not keep running.
  progressFor(ctx).update((state) => {
    const attempt = openAttempt(progressOf(state, kata.slug));
    if (attempt) {
      attempt.abandoned = true;
      for (const session of attempt.sessions) session.end ??= ctx.now().toISOString();
    }
  });
}

/**
 * Saves the learner's text as `.kata/attempts/<slug>/<timestamp>.ts`, never overwriting an earlier
 * copy, and only whole: written to a temporary file, fsynced, then renamed. Throws a UsageError
 * (the command stops, the learner's file untouched) when the copy cannot be written.
 */
export function saveAttemptCopy(ctx: CliContext, kata: Kata, text: string): string {
  const dir = join(stateDir(ctx), 'attempts', kata.slug);
  const stamp = ctx.now().toISOString().replace(/[:.]/g, '-');
  try {
    mkdirSync(dir, { recursive: true });
    let file = join(dir, `${stamp}.ts`);
    // Never overwrite an earlier copy, even within the same millisecond.
    for (let n = 2; existsSync(file); n++) file = join(dir, `${stamp}-${n}.ts`);
    writeAtomically(file, text);
    return relative(ctx.cwd, file);
  } catch (error) {
    const reason = error instanceof StateIoError ? tr(ctx, error.reason()) : (error as Error).message;
    throw new UsageError(
      tr(ctx, {
        en: `${kata.slug}: your file could not be saved first, so it was left as it is: ${reason}`,
        zh: `${kata.slug}：无法先保存你的文件，所以没有改动它：${reason}`,
      }),
    );
  }
}
