import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { instrument } from './instrument.ts';
import { IMPL_ALIAS_PREFIX, type Target, implFileFor } from './target.ts';

const SOURCE_PREFIX = '@impl-source/';
const VIRTUAL_SOURCE = '\0impl-source:';
const COUNTED_PREFIX = '@impl-counted/';
/** The query that marks the instrumented copy of an implementation (src/wiring/instrument.ts). */
export const COUNTED_QUERY = '?kata-counted';

/**
 * Resolves what a hidden suite imports about the implementation chosen by `target`:
 * - `@impl/<slug>`: the implementation itself;
 * - `@impl-counted/<slug>`: the same file, instrumented for the work counter of
 *   src/harness/work.ts (a second module instance, used only by the complexity checks);
 * - `@impl-source/<slug>`: the file's text, for suites that forbid a construct (`Math.sqrt` in
 *   the sqrt kata).
 */
export function implResolver(root: string, target: Target): Plugin[] {
  const fileOf = (slug: string): string => {
    const file = implFileFor(root, target, slug);
    if (!existsSync(file)) {
      throw new Error(
        `The implementation for kata "${slug}" is missing: ${file}\n` +
          `Restore the pristine stub with: npm run kata -- reset ${slug}`,
      );
    }
    return file;
  };
  const runtime = join(root, 'src', 'harness', 'work.ts');
  return [
    {
      name: 'kata-impl-resolver',
      enforce: 'pre',
      resolveId(source, importer) {
        if (target.kind === 'learner' && importer !== undefined && source !== runtime) {
          refuseHiddenImports(root, source, importer);
        }
        if (source.startsWith(IMPL_ALIAS_PREFIX)) return fileOf(source.slice(IMPL_ALIAS_PREFIX.length));
        if (source.startsWith(COUNTED_PREFIX)) return fileOf(source.slice(COUNTED_PREFIX.length)) + COUNTED_QUERY;
        if (source.startsWith(SOURCE_PREFIX)) return VIRTUAL_SOURCE + source.slice(SOURCE_PREFIX.length);
        return null;
      },
      async load(id) {
        if (!id.startsWith(VIRTUAL_SOURCE)) return null;
        const file = implFileFor(root, target, id.slice(VIRTUAL_SOURCE.length));
        this.addWatchFile(file);
        const text = await readFile(file, 'utf8');
        return `export default ${JSON.stringify(text)};`;
      },
    },
    {
      // After TypeScript is stripped, so the instrumenter parses plain JavaScript.
      name: 'kata-work-counter',
      enforce: 'post',
      transform(code, id) {
        if (!id.endsWith(COUNTED_QUERY)) return null;
        return instrument(code, id.slice(0, -COUNTED_QUERY.length), runtime);
      },
    },
  ];
}

/**
 * The learner's file is the one being judged: it may import packages and its own files, but not
 * the kits (the reference, the oracles), src/ or an old solutions/ folder. A file that re-exported
 * the reference would otherwise score full marks.
 */
function refuseHiddenImports(root: string, source: string, importer: string): void {
  const from = importer.replace(/\?.*$/, '');
  const kataRoot = join(root, 'katas') + sep;
  if (!from.startsWith(kataRoot)) return;
  if (!source.startsWith('.') && !isAbsolute(source) && !source.startsWith('/@fs/')) return;
  const resolved = resolve(dirname(from), source.replace(/^\/@fs/, ''));
  const inside = relative(root, resolved).split(sep)[0];
  if (inside === 'kits' || inside === 'src' || inside === 'solutions') {
    throw new Error(
      `Your file ${relative(root, from)} imports ${source}, which is part of the kata's hidden kit or the ` +
        'test harness: the file being judged must be your own work. Import only packages (such as ' +
        '@tensorflow/tfjs) and files of your own in katas/.',
    );
  }
}
