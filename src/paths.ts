import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where everything lives. A kata is two mirrored folders: `katas/<slug>/` is the learner's room
 * (prompt, stub, property template) and `kits/<slug>/` holds everything hidden about it. Every
 * other module asks here instead of spelling a path.
 */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The parts of a kit, by role. */
export const KIT_PARTS = {
  meta: 'kit.ts',
  reference: 'reference.ts',
  oracle: 'oracle.ts',
  inputs: 'inputs.ts',
  suite: 'suite.test.ts',
  compare: 'compare.ts',
  zoo: 'zoo.ts',
  clauses: 'clauses.md',
  followups: 'followups.ts',
  mutants: 'mutants.json',
} as const;
export type KitPart = keyof typeof KIT_PARTS;

export function kataDir(root: string, slug: string): string {
  return join(root, 'katas', slug);
}

export function learnerFile(root: string, slug: string): string {
  return join(kataDir(root, slug), `${slug}.ts`);
}

export function promptFile(root: string, slug: string): string {
  return join(kataDir(root, slug), 'README.md');
}

export function propsFile(root: string, slug: string): string {
  return join(kataDir(root, slug), `${slug}.props.ts`);
}

export function kitDir(root: string, slug: string): string {
  return join(root, 'kits', slug);
}

export function kitFile(root: string, slug: string, part: KitPart): string {
  return join(kitDir(root, slug), KIT_PARTS[part]);
}

export function referenceFile(root: string, slug: string): string {
  return kitFile(root, slug, 'reference');
}

/** The hidden suite relative to the root, as vitest's file filter takes it. */
export function suitePath(slug: string): string {
  return `kits/${slug}/${KIT_PARTS.suite}`;
}

/** An alternative correct solution of a kit: `kits/<slug>/alt-<name>.ts`, named `alt-<name>`. */
export function altFile(root: string, slug: string, name: string): string {
  return join(kitDir(root, slug), `${name}.ts`);
}

/** The names (`alt-…`) of a kit's alternative correct solutions. */
export function altNames(root: string, slug: string): string[] {
  const dir = kitDir(root, slug);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^alt-[a-z0-9-]+\.ts$/.test(name))
    .map((name) => name.slice(0, -3))
    .sort();
}

/** Where the zoo build writes the wrong solutions it applies (ignored by git). */
export function zooBuildDir(root: string): string {
  return join(root, '.zoo');
}

export function builtBugFile(root: string, slug: string, id: string): string {
  return join(zooBuildDir(root), slug, `${id}.ts`);
}

/** The learner's progress and saved attempts (ignored by git). */
export function stateDirOf(root: string): string {
  return join(root, '.kata');
}
