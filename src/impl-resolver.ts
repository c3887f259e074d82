import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { IMPL_ALIAS_PREFIX, type TargetSettings, implFileFor } from './impl-target.ts';

const SOURCE_PREFIX = '@impl-source/';
const VIRTUAL_SOURCE = '\0impl-source:';

/**
 * Resolves `@impl/<slug>` to the implementation chosen by `settings`, and `@impl-source/<slug>`
 * to that file's text (for suites that forbid a construct, such as `Math.sqrt` in the sqrt kata).
 */
export function implResolver(settings: TargetSettings): Plugin {
  return {
    name: 'kata-impl-resolver',
    enforce: 'pre',
    resolveId(source) {
      if (source.startsWith(IMPL_ALIAS_PREFIX)) {
        const slug = source.slice(IMPL_ALIAS_PREFIX.length);
        const file = implFileFor(settings, slug);
        if (!existsSync(file)) {
          throw new Error(
            `The implementation for kata "${slug}" is missing: ${file}\n` +
              `Restore the pristine stub with: npm run kata -- reset ${slug}`,
          );
        }
        return file;
      }
      if (source.startsWith(SOURCE_PREFIX)) {
        return VIRTUAL_SOURCE + source.slice(SOURCE_PREFIX.length);
      }
      return null;
    },
    async load(id) {
      if (!id.startsWith(VIRTUAL_SOURCE)) return null;
      const file = implFileFor(settings, id.slice(VIRTUAL_SOURCE.length));
      this.addWatchFile(file);
      const text = await readFile(file, 'utf8');
      return `export default ${JSON.stringify(text)};`;
    },
  };
}
