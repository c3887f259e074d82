import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kata } from '../registry.ts';
import type { Lang } from './context.ts';

/** The kata's prompt in one language: the README's title line plus its "## English" or "## 中文" section. */
export function promptText(root: string, kata: Kata, lang: Lang): string {
  const readme = readFileSync(join(root, 'katas', kata.slug, 'README.md'), 'utf8');
  const title = readme.split('\n').slice(0, 3).join('\n').trim();
  const heading = lang === 'zh' ? '## 中文' : '## English';
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) return readme;
  const rest = readme.slice(start + 1);
  const next = rest.indexOf('\n## ', heading.length);
  return `${title}\n\n${next < 0 ? rest : rest.slice(0, next)}`.trimEnd();
}
