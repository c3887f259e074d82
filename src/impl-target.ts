import { isAbsolute, resolve } from 'node:path';

/**
 * Which implementation a hidden suite runs against. One place decides it, so that the vitest
 * config, the `kata` CLI and CI agree:
 * - `KATA_IMPL=<file>`: that file (for the slug in `KATA_IMPL_SLUG`, or every slug if unset);
 * - `--mode reference` or `KATA_TARGET=reference`: `solutions/<slug>.ts` (what `npm test` runs);
 * - otherwise the learner's own `katas/<slug>/<slug>.ts`, so plain `npx vitest --watch <slug>`
 *   practises against the learner's file.
 */
export type ImplTarget = 'learner' | 'reference';

export const IMPL_ALIAS_PREFIX = '@impl/';

export interface TargetSettings {
  readonly root: string;
  readonly target: ImplTarget;
  /** An explicit implementation file (absolute), overriding `target` for `implSlug` (or all). */
  readonly implFile?: string | undefined;
  readonly implSlug?: string | undefined;
}

export function targetSettingsFrom(root: string, mode: string | undefined, env: NodeJS.ProcessEnv): TargetSettings {
  const wantsReference = mode === 'reference' || env.KATA_TARGET === 'reference';
  if (env.KATA_TARGET && !['reference', 'learner'].includes(env.KATA_TARGET)) {
    throw new RangeError(`KATA_TARGET must be "reference" or "learner", got ${JSON.stringify(env.KATA_TARGET)}`);
  }
  const implFile = env.KATA_IMPL ? absolute(root, env.KATA_IMPL) : undefined;
  return {
    root,
    target: wantsReference ? 'reference' : 'learner',
    implFile,
    implSlug: env.KATA_IMPL_SLUG || undefined,
  };
}

export function learnerFile(root: string, slug: string): string {
  return resolve(root, 'katas', slug, `${slug}.ts`);
}

export function referenceFile(root: string, slug: string): string {
  return resolve(root, 'solutions', `${slug}.ts`);
}

export function implFileFor(settings: TargetSettings, slug: string): string {
  if (settings.implFile && (settings.implSlug === undefined || settings.implSlug === slug)) {
    return settings.implFile;
  }
  return settings.target === 'reference' ? referenceFile(settings.root, slug) : learnerFile(settings.root, slug);
}

function absolute(root: string, file: string): string {
  return isAbsolute(file) ? file : resolve(root, file);
}
