import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { altFile, altNames, builtBugFile, kitDir, kitFile, referenceFile, zooBuildDir } from '../paths.ts';
import type { Bilingual } from './types.ts';

/**
 * A kit's zoo (`kits/<slug>/zoo.ts`): plausible wrong solutions, each one mistake, written as edits
 * against the reference or against one of the kit's alternative correct solutions, so a bug is the
 * few lines that make it and a change to its base reaches every bug built on it. A bug that is a
 * different program altogether is a whole file (`file`, relative to the kit).
 *
 * The build (`buildZoo`) applies the edits and writes each bug to `.zoo/<slug>/<id>.ts`, where the
 * zoo gate, `kata selftest` and the type-check of the zoo read it.
 */
export type Edit = readonly [find: string, replace: string];

export interface Bug {
  /** kebab-case, unique in the kit; the built file's name. */
  readonly id: string;
  /** What to look at, shown to a learner whose properties missed the bug: a nudge, not the answer. */
  readonly hint: Bilingual;
  /** The mistake and why a learner makes it: shown with `selftest --reveal` and by the zoo gate. */
  readonly why: Bilingual;
  /** `reference` (the default) or the name of an alternative correct solution, `alt-<name>`. */
  readonly base?: string;
  /** Applied in order; each `find` must occur exactly once in the text as edited so far. */
  readonly edits?: readonly Edit[];
  /** A whole-file bug, relative to the kit (`zoo/<id>.ts`): only where it is a different program. */
  readonly file?: string;
}

/** Checks nothing at run time; it types a zoo's literal where it is written. */
export function defineZoo(bugs: readonly Bug[]): readonly Bug[] {
  return bugs;
}

/** A zoo that cannot be built as written: the message names the kit, the bug and the edit. */
export class ZooError extends Error {
  override readonly name = 'ZooError';
}

/** A bug ready to run: its source, the file it was written to, and what it was built from. */
export interface BuiltBug {
  readonly slug: string;
  readonly id: string;
  readonly hint: Bilingual;
  readonly why: Bilingual;
  /** `reference`, an `alt-<name>`, or `file` for a whole-file bug. */
  readonly base: string;
  readonly baseFile: string;
  readonly baseSource: string;
  /** The file a suite runs: `.zoo/<slug>/<id>.ts`, or the kit's own file for a whole-file bug. */
  readonly file: string;
  readonly source: string;
}

/** Applies `edits` to `text`; `where` names the bug in the error when a `find` is not unique. */
export function applyEdits(text: string, edits: readonly Edit[], where: string): string {
  let current = text;
  edits.forEach(([find, replace], index) => {
    const at = `${where}, edit ${index + 1} of ${edits.length}`;
    if (find === '') throw new ZooError(`${at}: the text to find is empty`);
    if (find === replace) throw new ZooError(`${at}: the replacement equals the text it replaces`);
    const count = occurrences(current, find);
    if (count !== 1) {
      throw new ZooError(
        `${at}: the text to find occurs ${count} times (it must occur exactly once):\n${indent(find)}`,
      );
    }
    const position = current.indexOf(find);
    current = current.slice(0, position) + replace + current.slice(position + find.length);
  });
  return current;
}

function occurrences(text: string, find: string): number {
  let count = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1)) count += 1;
  return count;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    | ${line}`)
    .join('\n');
}

/** Loads `kits/<slug>/zoo.ts` (needs a TypeScript loader: tsx or vite). */
export async function loadZoo(root: string, slug: string): Promise<readonly Bug[]> {
  const file = kitFile(root, slug, 'zoo');
  if (!existsSync(file)) return [];
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (!Array.isArray(module.default)) {
    throw new ZooError(`${relative(root, file)} must \`export default defineZoo([...])\``);
  }
  return module.default as readonly Bug[];
}

/** The source a bug runs, checked; nothing is written. */
export function assembleBug(root: string, slug: string, bug: Bug): BuiltBug {
  const where = `kits/${slug}/zoo.ts: bug "${bug.id}"`;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(bug.id)) throw new ZooError(`${where}: the id must be kebab-case`);
  if ((bug.edits === undefined) === (bug.file === undefined)) {
    throw new ZooError(`${where}: give either edits (against a base) or a whole file, not both or neither`);
  }
  if (bug.file !== undefined) {
    if (bug.base !== undefined) throw new ZooError(`${where}: a whole-file bug has no base`);
    const file = resolve(kitDir(root, slug), bug.file);
    if (!existsSync(file)) throw new ZooError(`${where}: the file ${bug.file} does not exist`);
    const reference = referenceFile(root, slug);
    return {
      ...describeBug(slug, bug),
      base: 'file',
      baseFile: reference,
      baseSource: readFileSync(reference, 'utf8'),
      file,
      source: readFileSync(file, 'utf8'),
    };
  }
  const base = bug.base ?? 'reference';
  const baseFile = base === 'reference' ? referenceFile(root, slug) : altFile(root, slug, base);
  if (base !== 'reference' && !altNames(root, slug).includes(base)) {
    throw new ZooError(`${where}: the base "${base}" is neither "reference" nor an alt-<name>.ts of the kit`);
  }
  if ((bug.edits ?? []).length === 0) throw new ZooError(`${where}: no edits`);
  const baseSource = readFileSync(baseFile, 'utf8');
  const edited = applyEdits(baseSource, bug.edits ?? [], where);
  const file = builtBugFile(root, slug, bug.id);
  const header = `// Built from kits/${slug}/zoo.ts (bug "${bug.id}", base ${base}) by src/kit/zoo.ts: edit the zoo, not this file.\n`;
  return {
    ...describeBug(slug, bug),
    base,
    baseFile,
    baseSource,
    file,
    source: header + relocateImports(edited, dirname(baseFile), dirname(file)),
  };
}

function describeBug(slug: string, bug: Bug): Pick<BuiltBug, 'slug' | 'id' | 'hint' | 'why'> {
  return { slug, id: bug.id, hint: bug.hint, why: bug.why };
}

/** Relative imports of the base, pointed at the same files from the built file's folder. */
function relocateImports(source: string, fromDir: string, toDir: string): string {
  return source.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (_match, lead, quote, spec) => {
    let moved = relative(toDir, resolve(fromDir, spec)).split('\\').join('/');
    if (!moved.startsWith('.')) moved = `./${moved}`;
    return `${lead}${quote}${moved}${quote}`;
  });
}

/**
 * Builds the zoo of each kit in `slugs`: checks every bug, writes the edited ones to
 * `.zoo/<slug>/<id>.ts` (only when their text changed, so a watcher is not woken for nothing) and
 * removes built files of bugs that no longer exist.
 */
export async function buildZoo(root: string, slugs: readonly string[]): Promise<BuiltBug[]> {
  const built: BuiltBug[] = [];
  for (const slug of slugs) {
    const bugs = await loadZoo(root, slug);
    const ids = new Set<string>();
    const mine = bugs.map((bug) => {
      if (ids.has(bug.id)) throw new ZooError(`kits/${slug}/zoo.ts: two bugs are called "${bug.id}"`);
      ids.add(bug.id);
      return assembleBug(root, slug, bug);
    });
    writeBuilt(root, slug, mine);
    built.push(...mine);
  }
  return built;
}

function writeBuilt(root: string, slug: string, bugs: readonly BuiltBug[]): void {
  const dir = join(zooBuildDir(root), slug);
  mkdirSync(dir, { recursive: true });
  const wanted = new Set<string>();
  for (const bug of bugs) {
    if (!bug.file.startsWith(dir)) continue; // a whole-file bug runs from the kit
    wanted.add(bug.file);
    if (!existsSync(bug.file) || readFileSync(bug.file, 'utf8') !== bug.source) writeFileSync(bug.file, bug.source);
  }
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (!wanted.has(file)) rmSync(file, { force: true });
  }
}

/**
 * What a reviewer would send back in a zoo, beyond what stops the build: texts missing in a
 * language, or a hint that gives the whole explanation away.
 */
export function bugTextProblems(bug: Pick<Bug, 'id' | 'hint' | 'why'>): string[] {
  const problems: string[] = [];
  for (const [field, text] of [
    ['hint', bug.hint],
    ['why', bug.why],
  ] as const) {
    for (const lang of ['en', 'zh'] as const) {
      if ((text?.[lang] ?? '').trim() === '') problems.push(`bug "${bug.id}": ${field}.${lang} is empty`);
    }
  }
  if (bug.hint?.en.trim() === bug.why?.en.trim()) {
    problems.push(`bug "${bug.id}": the hint repeats the explanation (why); a hint points at where to look`);
  }
  return problems;
}
