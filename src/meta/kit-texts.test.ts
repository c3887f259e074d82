import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseClauses } from '../kit/clauses.ts';
import type { Followup } from '../kit/followups.ts';
import { REPO_ROOT, kitFile } from '../paths.ts';
import { KATAS } from '../registry.ts';

/**
 * What every kit says in prose: its clause table parses (the stub check then proves each named test
 * exists), and its follow-up questions are 3 to 5, in both languages, with every number they state
 * worked out again and found in both answers.
 */
describe.each(KATAS.map((k) => k.slug))('%s: clause table and follow-up questions', (slug) => {
  test('clauses.md is a table of clauses, each naming a test or saying why it is untestable', () => {
    const file = kitFile(REPO_ROOT, slug, 'clauses');
    expect(existsSync(file), `kits/${slug}/clauses.md is missing`).toBe(true);
    const { clauses, problems } = parseClauses(readFileSync(file, 'utf8'));
    expect(problems).toEqual([]);
    expect(clauses.length).toBeGreaterThanOrEqual(5);
  });

  test('3 to 5 follow-up questions with answers in English and 中文; stated numbers recomputed', async () => {
    const file = kitFile(REPO_ROOT, slug, 'followups');
    expect(existsSync(file), `kits/${slug}/followups.ts is missing`).toBe(true);
    const followups = ((await import(pathToFileURL(file).href)) as { default: readonly Followup[] }).default;
    expect(followups.length).toBeGreaterThanOrEqual(3);
    expect(followups.length).toBeLessThanOrEqual(5);
    for (const [i, f] of followups.entries()) {
      for (const text of [f.q.en, f.q.zh, f.a.en, f.a.zh]) expect(text.trim(), `follow-up ${i + 1}`).not.toBe('');
      for (const n of f.numbers ?? []) {
        const computed = n.compute();
        expect(Math.abs(computed - n.equals), `follow-up ${i + 1}: ${n.text} is ${computed}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(n.equals)),
        );
        expect(f.a.en, `follow-up ${i + 1}: the English answer must state ${n.text}`).toContain(n.text);
        expect(f.a.zh, `follow-up ${i + 1}: the Chinese answer must state ${n.text}`).toContain(n.text);
      }
    }
  });
});
