import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { instrument } from './instrument.ts';
import { IMPL_ALIAS_PREFIX, type Target, implFileFor } from './target.ts';

const SOURCE_PREFIX = '@impl-source/';
const VIRTUAL_SOURCE = '\0impl-source:';
const COUNTED_PREFIX = '@impl-counted/';
/** The query that marks the instrumented copy of an implementation (src/wiring/instrument.ts). */
const COUNTED_QUERY = '?kata-counted';

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
      resolveId(source) {
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
