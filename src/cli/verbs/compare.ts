import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { kitFile, learnerFile } from '../../paths.ts';
import { jobContext, runIsolated } from '../isolated.ts';
import type { Differential, ImplModule } from '../../harness/compare.ts';
import { type CliContext, UsageError, tr } from '../context.ts';
import { paint } from '../style.ts';
import { type Verb, kataOrExplain, positiveIntOption, stringOption } from '../verb.ts';

type Outcome<O> = { readonly ok: true; readonly value: O } | { readonly ok: false; readonly error: string };

export const compare: Verb = {
  name: 'compare',
  usage: 'compare <slug> [--runs N] [--seed N --path P] [--impl file.ts]',
  summary: { en: 'Your implementation against the reference on random inputs', zh: '随机输入下对比你的实现和参考答案' },
  details: {
    en: 'Runs both on many random inputs (fast-check) and prints the first input where they disagree, shrunk to the smallest, with both outputs and the seed to replay it.',
    zh: '在大量随机输入（fast-check）上运行两者，打印第一个结果不同的输入（已缩小到最小），以及双方输出和用于重放的 seed。',
  },
  options: { runs: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' }, impl: { type: 'string' } },
  async run(ctx, positionals, options) {
    const kata = kataOrExplain(ctx, positionals[0]);
    const impl = stringOption(options, 'impl');
    const learnerPath = impl === undefined ? learnerFile(ctx.root, kata.slug) : resolve(ctx.cwd, impl);
    if (!existsSync(learnerPath))
      throw new UsageError(tr(ctx, { en: `No such file: ${learnerPath}`, zh: `文件不存在：${learnerPath}` }));
    const specFile = kitFile(ctx.root, kata.slug, 'compare');
    if (!existsSync(specFile)) throw new UsageError(`compare is not available for ${kata.slug} yet (no ${specFile})`);
    const seedText = stringOption(options, 'seed');
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isInteger(seed))
      throw new UsageError(`--seed must be an integer, got ${JSON.stringify(seedText)}`);
    // Your code runs in a child process with the run limit and the heap cap (src/cli/isolated.ts).
    return runIsolated(ctx, {
      verb: 'compare',
      context: jobContext(ctx),
      slug: kata.slug,
      learnerFile: learnerPath,
      numRuns: positiveIntOption(options, 'runs') ?? 200,
      seed,
      path: stringOption(options, 'path'),
    });
  },
};

export async function compareOn<I, O>(
  ctx: CliContext,
  slug: string,
  differential: Differential<I, O>,
  learner: ImplModule,
  reference: ImplModule,
  params: { numRuns: number; seed?: number | undefined; path?: string | undefined },
): Promise<number> {
  const outcome = (impl: ImplModule, input: I): Outcome<O> => {
    try {
      return { ok: true, value: differential.run(impl, input) };
    } catch (error) {
      return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
    }
  };
  const disagreement = (input: I): string | undefined => {
    const mine = outcome(learner, input);
    const theirs = outcome(reference, input);
    if (mine.ok && theirs.ok) return differential.difference(mine.value, theirs.value);
    if (!mine.ok && !theirs.ok)
      return mine.error.split(':')[0] === theirs.error.split(':')[0] ? undefined : 'both throw, but different errors';
    return mine.ok ? 'the reference throws here, yours returns' : 'yours throws here, the reference returns';
  };
  const details = fc.check(
    fc.property(differential.inputs, (input) => disagreement(input) === undefined),
    {
      numRuns: params.numRuns,
      ...(params.seed === undefined ? {} : { seed: params.seed }),
      ...(params.path === undefined ? {} : { path: params.path }),
    },
  );
  if (!details.failed) {
    ctx.out(
      paint(
        ctx.color,
        'green',
        tr(ctx, {
          en: `${slug}: yours and the reference agree on ${details.numRuns} random inputs (seed ${details.seed}).`,
          zh: `${slug}：在 ${details.numRuns} 个随机输入上与参考答案一致（seed ${details.seed}）。`,
        }),
      ),
    );
    return 0;
  }
  const input = details.counterexample?.[0] as I;
  const show = (o: Outcome<O>) => (o.ok ? differential.show(o.value) : paint(ctx.color, 'red', o.error));
  ctx.out(
    paint(
      ctx.color,
      'red',
      tr(ctx, {
        en: `${slug}: yours and the reference disagree (after ${details.numRuns} inputs, shrunk ${details.numShrinks} times).`,
        zh: `${slug}：与参考答案不一致（第 ${details.numRuns} 个输入，缩小了 ${details.numShrinks} 次）。`,
      }),
    ),
  );
  ctx.out(`${tr(ctx, { en: 'input:     ', zh: '输入：      ' })}${differential.show(input)}`);
  ctx.out(`${tr(ctx, { en: 'yours:     ', zh: '你的输出：  ' })}${show(outcome(learner, input))}`);
  ctx.out(`${tr(ctx, { en: 'reference: ', zh: '参考输出：  ' })}${show(outcome(reference, input))}`);
  ctx.out(`${tr(ctx, { en: 'difference:', zh: '差异：      ' })} ${disagreement(input) ?? '?'}`);
  ctx.out(
    tr(ctx, {
      en: `Replay: npm run kata -- compare ${slug} --seed=${details.seed} --path="${details.counterexamplePath}"`,
      zh: `重放：npm run kata -- compare ${slug} --seed=${details.seed} --path="${details.counterexamplePath}"`,
    }),
  );
  return 1;
}
