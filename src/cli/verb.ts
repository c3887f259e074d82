import type { ParseArgsConfig } from 'node:util';
import { type Kata, KATAS, findKata, type Bilingual } from '../registry.ts';
import { closestMatches } from './closest.ts';
import { type CliContext, UsageError, tr } from './context.ts';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | undefined>;

/** One `kata <verb>`: its help, its options, and what it does. Exit code 0 ok, 1 failed, 2 misuse. */
export interface Verb {
  readonly name: string;
  readonly usage: string;
  readonly summary: Bilingual;
  /** Longer help, shown by `kata <verb> --help`. */
  readonly details?: Bilingual;
  readonly options?: OptionSpec;
  run(ctx: CliContext, positionals: readonly string[], options: OptionValues): Promise<number>;
}

/** The kata named by `slug`, or a UsageError naming the closest slugs (exit code 2). */
export function kataOrExplain(ctx: CliContext, slug: string | undefined): Kata {
  if (slug === undefined || slug === '') {
    throw new UsageError(
      tr(ctx, {
        en: 'Name a kata, e.g. merge-k-lists. See: npm run kata -- list',
        zh: '请指定一个 kata，例如 merge-k-lists。查看全部：npm run kata -- list',
      }),
    );
  }
  const kata = findKata(slug);
  if (kata) return kata;
  const near = closestMatches(
    slug,
    KATAS.map((k) => k.slug),
  );
  const suggestion =
    near.length > 0
      ? tr(ctx, { en: ` Did you mean: ${near.join(', ')}?`, zh: ` 你是不是想找：${near.join('、')}？` })
      : '';
  throw new UsageError(
    tr(ctx, { en: `Unknown kata "${slug}".`, zh: `没有名为 "${slug}" 的 kata。` }) +
      suggestion +
      tr(ctx, { en: ' See: npm run kata -- list', zh: ' 查看全部：npm run kata -- list' }),
  );
}

export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

/** A positive number (decimals allowed: `mock --minutes 7.5`). */
export function positiveNumberOption(options: OptionValues, name: string): number | undefined {
  const raw = stringOption(options, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new UsageError(`--${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

export function positiveIntOption(options: OptionValues, name: string): number | undefined {
  const raw = stringOption(options, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`--${name} must be a positive whole number, got ${JSON.stringify(raw)}`);
  return value;
}

/** Why the learner's file for `kata` cannot be used, and how to get it back. */
export function missingLearnerFile(ctx: CliContext, kata: Kata, file: string): UsageError {
  return new UsageError(
    tr(ctx, {
      en: `Your file for ${kata.slug} is missing (${file}). Restore the pristine stub with: npm run kata -- reset ${kata.slug}`,
      zh: `${kata.slug} 的练习文件不见了（${file}）。用以下命令恢复初始模板：npm run kata -- reset ${kata.slug}`,
    }),
  );
}
