import { learnerFile, referenceFile } from '../paths.ts';

/**
 * Which implementation a hidden suite runs against; the suites import it as `@impl/<slug>`.
 * - `learner`: `katas/<slug>/<slug>.ts`, the default, so plain `npx vitest --watch <slug>` practises;
 * - `reference`: `kits/<slug>/reference.ts` (what `npm test` runs, `--mode reference`);
 * - `file`: that file, for `slug` only (every kata when no slug is given): `check --impl`, a zoo
 *   bug, an alternative solution.
 * The CLI and CI hand a target to the vitest config they build (src/wiring/vitest-config.ts); it is
 * never passed through the environment.
 */
export type Target =
  | { readonly kind: 'learner' }
  | { readonly kind: 'reference' }
  | { readonly kind: 'file'; readonly file: string; readonly slug?: string | undefined };

export const IMPL_ALIAS_PREFIX = '@impl/';

export function implFileFor(root: string, target: Target, slug: string): string {
  if (target.kind === 'file' && (target.slug === undefined || target.slug === slug)) return target.file;
  return target.kind === 'reference' ? referenceFile(root, slug) : learnerFile(root, slug);
}

/** What plain `vitest` runs: the references under `--mode reference` (and `e2e`), else the learner's files. */
export function targetOfMode(mode: string | undefined): Target {
  return mode === 'reference' || mode === 'e2e' ? { kind: 'reference' } : { kind: 'learner' };
}
