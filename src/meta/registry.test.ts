import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { anatomyProblems } from '../ci/anatomy.ts';
import { pristineStub } from '../kit/pristine.ts';
import { REPO_ROOT } from '../paths.ts';
import { renderKataTable, tableInReadme } from '../readme-table.ts';
import { KATAS } from '../registry.ts';

describe('registry', () => {
  test('slugs are unique kebab-case names', () => {
    const slugs = KATAS.map((k) => k.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test('every kata has a budget, tags, a source question and bilingual hints', () => {
    for (const kata of KATAS) {
      expect(kata.minutes, kata.slug).toBeGreaterThan(0);
      expect(kata.tags.length, kata.slug).toBeGreaterThan(0);
      expect(kata.seed.length, kata.slug).toBeGreaterThan(0);
      expect(kata.hints.length, kata.slug).toBeGreaterThanOrEqual(2);
      for (const hint of kata.hints) {
        expect(hint.en.trim(), kata.slug).not.toBe('');
        expect(hint.zh.trim(), kata.slug).not.toBe('');
      }
    }
  });

  // The stub is read from git: the learner's half-written file says nothing about the kata.
  test.each(KATAS.map((k) => k.slug))('%s has prompt (en + 中文), stub, property template and a whole kit', (slug) => {
    const kata = KATAS.find((k) => k.slug === slug);
    expect(kata && anatomyProblems(REPO_ROOT, kata, pristineStub(REPO_ROOT, kata))).toEqual([]);
  });

  test('the README kata table matches the registry (regenerate with: npm run readme)', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(tableInReadme(readme)).toBe(renderKataTable());
  });
});
