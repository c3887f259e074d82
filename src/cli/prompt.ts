import { readFileSync } from 'node:fs';
import { promptFile } from '../paths.ts';
import type { Kata } from '../registry.ts';
import type { Lang } from './context.ts';
import { difficultyText, minutesText } from './words.ts';

/**
 * The kata's prompt in one language: a header from the kit (title, budget, difficulty, interview
 * questions, in that language) and the README's "## English" or "## 中文" section.
 */
export function promptText(root: string, kata: Kata, lang: Lang): string {
  const readme = readFileSync(promptFile(root, kata.slug), 'utf8');
  const heading = lang === 'zh' ? '## 中文' : '## English';
  const seed = kata.seed.map((n) => `#${n}`).join(', ');
  const header =
    lang === 'zh'
      ? `# ${kata.title.zh}\n\n**时限：${minutesText(lang, kata.minutes)}** · 难度：${difficultyText(lang, kata.difficulty)} · 面试题 ${seed}`
      : `# ${kata.title.en}\n\n**Time budget: ${minutesText(lang, kata.minutes)}** · difficulty: ${difficultyText(lang, kata.difficulty)} · interview list ${seed}`;
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) return readme;
  const rest = readme.slice(start + 1);
  const next = rest.indexOf('\n## ', heading.length);
  return `${header}\n\n${next < 0 ? rest : rest.slice(0, next)}`.trimEnd();
}
