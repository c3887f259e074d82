import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KATAS } from '../registry.ts';

/** One plausible wrong solution: solutions/zoo/<slug>/<bug>.ts. */
export interface ZooBug {
  readonly slug: string;
  readonly bug: string;
  readonly file: string;
  /** The file's first line, `// Bug: …`: which mistake, and why a learner makes it. */
  readonly hint: string;
}

export function zooBugs(root: string, slugs: readonly string[] = KATAS.map((k) => k.slug)): ZooBug[] {
  return slugs.flatMap((slug) => {
    const dir = join(root, 'solutions', 'zoo', slug);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => {
        const file = join(dir, name);
        const first = readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
        return { slug, bug: name.slice(0, -3), file, hint: first.replace(/^\/\/\s*Bug:\s*/, '').trim() };
      });
  });
}
