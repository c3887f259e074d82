import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KATAS, type Kata } from './registry.ts';

/** The kata table in README.md is generated from the registry between these markers. */
export const TABLE_START = '<!-- kata-table:start (generated from src/registry.ts: npm run readme) -->';
export const TABLE_END = '<!-- kata-table:end -->';

export function renderKataTable(katas: readonly Kata[] = KATAS): string {
  const rows = katas.map(
    (k) =>
      `| [\`${k.slug}\`](katas/${k.slug}/README.md) | ${k.title.en} | ${k.title.zh} | ${k.minutes} min | ${k.difficulty} | ${k.kind} | ${k.seed.map((n) => `#${n}`).join(', ')} |`,
  );
  return [
    '| kata | title | 中文 | budget | difficulty | kind | interview list |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function tableInReadme(readme: string): string | undefined {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + TABLE_START.length, end).trim();
}

export function withTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${TABLE_START} … ${TABLE_END} block`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

// `npm run readme` rewrites the table in place.
if (process.argv[1]?.endsWith('readme-table.ts')) {
  const file = join(import.meta.dirname, '..', 'README.md');
  writeFileSync(file, withTable(readFileSync(file, 'utf8'), renderKataTable()));
  console.log(`README.md: kata table updated (${KATAS.length} katas)`);
}
