import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Differential, ImplModule } from '../harness/compare.ts';
import { kitFile, referenceFile } from '../paths.ts';
import { findKata } from '../registry.ts';
import type { CliContext, Lang } from './context.ts';
import { compareOn } from './verbs/compare.ts';
import { type SelftestParams, selftestOn } from './verbs/selftest.ts';

/** What the CLI sends its isolated child (src/cli/isolated.ts): plain data only. */
export type IsolatedJob =
  | {
      readonly verb: 'compare';
      readonly context: JobContext;
      readonly slug: string;
      readonly learnerFile: string;
      readonly numRuns: number;
      readonly seed: number | undefined;
      readonly path: string | undefined;
    }
  | {
      readonly verb: 'selftest';
      readonly context: JobContext;
      readonly slug: string;
      readonly propsFile: string;
      readonly params: Omit<SelftestParams, 'onStep'>;
    };

export interface JobContext {
  readonly lang: Lang;
  readonly color: boolean;
  readonly root: string;
  readonly cwd: string;
  /** The parent's clock, so a test's fixed clock reaches the child too. */
  readonly now: string;
}

/** What the child tells its parent: output lines, the step it is on (the watchdog), the end. */
export type JobMessage =
  | { readonly type: 'out' | 'err'; readonly text: string }
  | { readonly type: 'step'; readonly label: string }
  | { readonly type: 'done'; readonly code: number };

export async function runJob(job: IsolatedJob, send: (message: JobMessage) => void): Promise<number> {
  const kata = findKata(job.slug);
  if (kata === undefined) throw new RangeError(`unknown kata ${job.slug}`);
  const started = Date.parse(job.context.now);
  const since = Date.now();
  const ctx: CliContext = {
    lang: job.context.lang,
    color: job.context.color,
    root: job.context.root,
    cwd: job.context.cwd,
    yes: false,
    interactive: false,
    out: (text) => send({ type: 'out', text }),
    err: (text) => send({ type: 'err', text }),
    now: () => new Date(started + (Date.now() - since)),
    ask: async () => false,
    readLine: async () => '',
  };
  if (job.verb === 'compare') {
    const specFile = kitFile(ctx.root, kata.slug, 'compare');
    if (!existsSync(specFile)) throw new Error(`compare is not available for ${kata.slug} yet (no ${specFile})`);
    const { differential } = (await import(pathToFileURL(specFile).href)) as {
      differential: Differential<unknown, unknown>;
    };
    await differential.setup?.();
    send({ type: 'step', label: 'loading your file' });
    const learner = (await import(pathToFileURL(job.learnerFile).href)) as ImplModule;
    const reference = (await import(pathToFileURL(referenceFile(ctx.root, kata.slug)).href)) as ImplModule;
    send({ type: 'step', label: 'comparing on random inputs' });
    return compareOn(ctx, kata.slug, differential, learner, reference, {
      numRuns: job.numRuns,
      seed: job.seed,
      path: job.path,
    });
  }
  return selftestOn(ctx, kata, job.propsFile, { ...job.params, onStep: (label) => send({ type: 'step', label }) });
}
