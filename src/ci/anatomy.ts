import { existsSync, readFileSync } from 'node:fs';
import { KIT_PARTS, type KitPart, altNames, kitFile, learnerFile, promptFile, propsFile } from '../paths.ts';
import type { Kata } from '../registry.ts';

/** The kit parts every kata must have (mutant notes only where a survivor needs one). */
const REQUIRED_PARTS: readonly KitPart[] = [
  'meta',
  'reference',
  'oracle',
  'inputs',
  'suite',
  'compare',
  'zoo',
  'clauses',
  'followups',
];

/** The files every kata must have; the CLI, CI and the README table rely on them. */
export function kataFiles(root: string, kata: Kata): Record<string, string> {
  return {
    prompt: promptFile(root, kata.slug),
    stub: learnerFile(root, kata.slug),
    'property template': propsFile(root, kata.slug),
    ...Object.fromEntries(REQUIRED_PARTS.map((part) => [`kit ${KIT_PARTS[part]}`, kitFile(root, kata.slug, part)])),
  };
}

/**
 * What is missing or malformed in a kata's anatomy; empty when it is whole. `stubText` is the
 * pristine stub (from git): the learner's own file says nothing about the kata.
 */
export function anatomyProblems(root: string, kata: Kata, stubText?: string): string[] {
  const files = kataFiles(root, kata);
  const problems: string[] = [];
  for (const [role, file] of Object.entries(files)) {
    if (!existsSync(file)) problems.push(`${kata.slug}: the ${role} is missing (${file})`);
  }
  if (altNames(root, kata.slug).length === 0) {
    problems.push(`${kata.slug}: the kit has no alternative correct solution (kits/${kata.slug}/alt-<name>.ts)`);
  }
  if (existsSync(files.prompt as string)) {
    const prompt = readFileSync(files.prompt as string, 'utf8');
    if (!/^## English$/m.test(prompt)) problems.push(`${kata.slug}: README.md has no "## English" section`);
    if (!/^## 中文$/m.test(prompt)) problems.push(`${kata.slug}: README.md has no "## 中文" section`);
    if (!prompt.includes(`${kata.minutes} min`))
      problems.push(`${kata.slug}: README.md does not state the ${kata.minutes}-minute budget`);
  }
  if (stubText !== undefined) {
    if (!stubText.includes('// TODO')) problems.push(`${kata.slug}: the stub has no "// TODO" line to start from`);
    if (!stubText.includes(`throw new Error('TODO: ${kata.slug}')`))
      problems.push(`${kata.slug}: the stub does not throw new Error('TODO: ${kata.slug}')`);
    if (!stubText.startsWith(`// Kata: ${kata.slug} (${kata.minutes} min)`))
      problems.push(`${kata.slug}: the stub's first line must read "// Kata: ${kata.slug} (${kata.minutes} min)…"`);
  }
  const suite = kitFile(root, kata.slug, 'suite');
  if (existsSync(suite)) {
    const text = readFileSync(suite, 'utf8');
    if (/from ['"][./]*reference(\.ts)?['"]/.test(text) || /from ['"][./]*alt-[a-z0-9-]+(\.ts)?['"]/.test(text))
      problems.push(`${kata.slug}: the hidden suite imports a solution directly (it must import '@impl/${kata.slug}')`);
    if (!text.includes(`'@impl/${kata.slug}'`))
      problems.push(`${kata.slug}: the hidden suite does not import '@impl/${kata.slug}'`);
  }
  return problems;
}
