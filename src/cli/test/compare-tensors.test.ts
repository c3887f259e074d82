import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Differential, ImplModule } from '../../harness/compare.ts';
import { buildZoo } from '../../kit/zoo.ts';
import { REPO_ROOT, kitFile, referenceFile } from '../../paths.ts';
import { testContext } from '../../testing/sandbox.ts';
import { compareOn } from '../verbs/compare.ts';

/** `kata compare` on the tensor katas, in process: the reference against itself and against one zoo bug. */
async function load(file: string): Promise<ImplModule> {
  return (await import(pathToFileURL(file).href)) as ImplModule;
}

async function bugFile(slug: string, id: string): Promise<string> {
  const bug = (await buildZoo(REPO_ROOT, [slug])).find((b) => b.id === id);
  if (bug === undefined) throw new Error(`kits/${slug}/zoo.ts has no bug "${id}"`);
  return bug.file;
}

async function compare(slug: string, learnerFile: string): Promise<{ code: number; text: string }> {
  const { differential } = (await import(pathToFileURL(kitFile(REPO_ROOT, slug, 'compare')).href)) as {
    differential: Differential<unknown, unknown>;
  };
  await differential.setup?.();
  const ctx = testContext(REPO_ROOT);
  const reference = await load(referenceFile(REPO_ROOT, slug));
  const code = await compareOn(ctx, slug, differential, await load(learnerFile), reference, {
    numRuns: 100,
    seed: 20260101,
  });
  return { code, text: ctx.output.join('\n') };
}

const cases = [
  // [slug, zoo bug, what the difference line must say]
  [
    'grouped-query-attention',
    'modulo-grouping',
    /difference: largest element difference [\d.e-]+ at \[\d+, \d+, \d+, \d+\]: yours/,
  ],
  ['rope', 'wrong-shape-flattened', /difference: shape \[[\d,]+\] vs \[[\d,]+\] \(yours vs the reference\)/],
  [
    'masked-loss',
    'leaks-tensors',
    /difference: the values agree, but yours leaves \d+ tensor\(s\) behind \(the reference 0\)/,
  ],
  [
    'decoder-block-forward',
    'head-reshape-no-transpose',
    /difference: largest element difference [\d.e-]+ at \[\d+, \d+, \d+\]: yours/,
  ],
] as const;

describe('kata compare on the tensor katas', () => {
  for (const [slug, bug, difference] of cases) {
    test(`${slug}: the reference agrees with itself, exit 0`, async () => {
      const { code, text } = await compare(slug, referenceFile(REPO_ROOT, slug));
      expect(text).toContain(`${slug}: yours and the reference agree on 100 random inputs`);
      expect(code).toBe(0);
    });

    test(`${slug}: zoo bug ${bug} disagrees, with the input, both tensors and the difference, exit 1`, async () => {
      const { code, text } = await compare(slug, await bugFile(slug, bug));
      expect(code, text).toBe(1);
      expect(text).toContain(`${slug}: yours and the reference disagree`);
      expect(text).toMatch(/input: {5}\w+\(/);
      expect(text).toMatch(/yours: {5}float32 \[/);
      expect(text).toMatch(/reference: float32 \[/);
      expect(text).toMatch(difference);
      expect(text).toMatch(new RegExp(`Replay: npm run kata -- compare ${slug} --seed`));
    });
  }
});
