import { stateDirOf } from '../paths.ts';
import type { Bilingual } from '../registry.ts';

export type Lang = 'en' | 'zh';

/** What every verb gets: language, terminal abilities, where state lives, and the clock. */
export interface CliContext {
  readonly lang: Lang;
  /** Skip confirmations (`--yes`). */
  readonly yes: boolean;
  /** Standard input is a terminal, so a confirmation can be asked. */
  readonly interactive: boolean;
  /** Standard output supports colour (a TTY without NO_COLOR). */
  readonly color: boolean;
  readonly root: string;
  /**
   * The directory the learner typed the command in, which paths they give (`--impl`, `--props`)
   * are relative to: npm run moves to the repository root, and keeps the original in INIT_CWD.
   */
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly now: () => Date;
  /** Asks a yes/no question on the terminal; only called when `interactive`. */
  readonly ask: (question: string) => Promise<boolean>;
  /** Reads one line from the terminal after printing `prompt`; only called when `interactive`. */
  readonly readLine: (prompt: string) => Promise<string>;
}

export function stateDir(ctx: Pick<CliContext, 'root'>): string {
  return stateDirOf(ctx.root);
}

/** Picks the string for the context's language. */
export function tr(ctx: Pick<CliContext, 'lang'>, text: Bilingual): string {
  return text[ctx.lang];
}

/**
 * The language: `--lang`, else KATA_LANG, else the locale (LANG starting with zh). A wrong --lang is
 * a usage error; a wrong KATA_LANG is reported through `warn` and ignored (an environment variable
 * set once should not break every command).
 */
export function langFrom(flag: string | undefined, env: NodeJS.ProcessEnv, warn?: (message: string) => void): Lang {
  if (flag !== undefined) {
    if (flag !== 'en' && flag !== 'zh')
      throw new UsageError(`--lang must be "en" or "zh", got ${JSON.stringify(flag)}`);
    return flag;
  }
  const fromEnv = env.KATA_LANG || undefined;
  if (fromEnv !== undefined) {
    if (fromEnv === 'en' || fromEnv === 'zh') return fromEnv;
    warn?.(`KATA_LANG must be "en" or "zh", got ${JSON.stringify(fromEnv)}; using the locale instead.`);
  }
  return env.LANG?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A mistake in how a command was called: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
