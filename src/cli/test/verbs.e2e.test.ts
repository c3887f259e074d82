import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { referenceFile } from '../../paths.ts';
import { main } from '../main.ts';
import { learnerEnv, makeSandbox, testContext } from '../../testing/sandbox.ts';

const run = promisify(execFile);
let sandbox: ReturnType<typeof makeSandbox>;
beforeAll(() => {
  sandbox = makeSandbox();
});
afterAll(() => sandbox.dispose());

/** Runs the real CLI in the sandbox as a learner would, returning exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(sandbox.root, 'bin/kata.mjs'), ...args], {
      cwd: sandbox.root,
      env: learnerEnv(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const learner = (slug: string) => join(sandbox.root, 'katas', slug, `${slug}.ts`);
const reference = (slug: string) => referenceFile(sandbox.root, slug);

describe('kata check', () => {
  test('fails on the untouched stub with counts and the first failing test, exit 1', async () => {
    const { code, stdout } = await cli('check', 'merge-k-lists');
    expect(code).toBe(1);
    expect(stdout).toMatch(/merge-k-lists: 0\/\d+ tests passed/);
    expect(stdout).toContain('First failing test:');
    expect(stdout).toContain('TODO: merge-k-lists');
  });

  test('passes with --impl pointing at the reference, exit 0', async () => {
    const { code, stdout } = await cli('check', 'merge-k-lists', '--impl', 'kits/merge-k-lists/reference.ts');
    expect(stdout).toMatch(/merge-k-lists: (\d+)\/\1 tests passed/);
    expect(code).toBe(0);
  });

  test('an unknown slug names the closest ones, exit 2', async () => {
    const { code, stderr } = await cli('check', 'merge-k-list');
    expect(code).toBe(2);
    expect(stderr).toContain('Unknown kata "merge-k-list"');
    expect(stderr).toContain('merge-k-lists');
  });

  test('a syntax error in the learner file is reported with its location', async () => {
    const file = learner('max-product-subarray');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, `${before}\nexport const broken = ;\n`);
    try {
      const { code, stdout } = await cli('check', 'max-product-subarray');
      expect(code).toBe(1);
      expect(stdout).toContain('could not run your file');
      expect(stdout, 'the code frame names the file and line').toMatch(/max-product-subarray\.ts:\d+:\d+/);
      expect(stdout, 'piped output carries no colour codes').not.toContain('\u001b[');
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('kata reset', () => {
  test('saves the attempt under .kata/attempts/<slug>/ before restoring the stub', async () => {
    const file = learner('sqrt-gradient-descent');
    const stub = readFileSync(file, 'utf8');
    const attempt = readFileSync(reference('sqrt-gradient-descent'), 'utf8');
    writeFileSync(file, attempt);
    const ctx = testContext(sandbox.root);
    expect(await main(['reset', 'sqrt-gradient-descent'], ctx)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(stub);
    const dir = join(sandbox.root, '.kata', 'attempts', 'sqrt-gradient-descent');
    const saved = readdirSync(dir);
    expect(saved).toHaveLength(1);
    expect(readFileSync(join(dir, saved[0] as string), 'utf8')).toBe(attempt);
    // A second reset on the pristine stub keeps nothing and loses nothing.
    expect(await main(['reset', 'sqrt-gradient-descent'], ctx)).toBe(0);
    expect(readdirSync(dir)).toHaveLength(1);
  });

  test('reset --all without a terminal does not block: it asks for --yes and changes nothing', async () => {
    const file = learner('merge-k-lists');
    writeFileSync(file, '// my work\n');
    const ctx = testContext(sandbox.root);
    expect(await main(['reset', '--all'], ctx)).toBe(1);
    expect(ctx.errors.join('\n')).toContain('--yes');
    expect(readFileSync(file, 'utf8')).toBe('// my work\n');
    expect(await main(['reset', '--all', '--yes'], ctx)).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toBe('// my work\n');
  });

  test('a missing learner file is restored from git', async () => {
    const file = learner('max-island-area');
    const stub = readFileSync(file, 'utf8');
    writeFileSync(file, '');
    const { rmSync } = await import('node:fs');
    rmSync(file);
    expect(existsSync(file)).toBe(false);
    expect(await main(['reset', 'max-island-area'], testContext(sandbox.root))).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(stub);
  });
});

describe('hints, solution, list', () => {
  test('hints come one at a time, in order, and the count is recorded', async () => {
    const ctx = testContext(sandbox.root);
    await main(['hint', 'max-product-subarray'], ctx);
    expect(ctx.output.join('\n')).toContain('Hint 1/');
    expect(ctx.output.join('\n')).not.toContain('Hint 2/');
    await main(['hint', 'max-product-subarray'], ctx);
    expect(ctx.output.join('\n')).toContain('Hint 2/');
    const state = JSON.parse(readFileSync(join(sandbox.root, '.kata', 'state.json'), 'utf8'));
    expect(state.katas['max-product-subarray'].hintsUsed).toBe(2);
  });

  test('solution before a solve asks first; without a terminal it needs --yes', async () => {
    const ctx = testContext(sandbox.root);
    expect(await main(['solution', 'max-island-area'], ctx)).toBe(1);
    expect(ctx.output).toEqual([]);
    expect(await main(['solution', 'max-island-area', '--yes'], ctx)).toBe(0);
    expect(ctx.output.join('\n')).toBe(readFileSync(reference('max-island-area'), 'utf8'));
    const state = JSON.parse(readFileSync(join(sandbox.root, '.kata', 'state.json'), 'utf8'));
    expect(state.katas['max-island-area'].solutionSeenAt).not.toBeNull();
  });

  test('list and the home screen speak Chinese with --lang zh', async () => {
    const ctx = testContext(sandbox.root);
    expect(await main(['list', '--lang', 'zh'], ctx)).toBe(0);
    expect(ctx.output.join('\n')).toContain('合并 K 个升序链表');
    const home = testContext(sandbox.root);
    expect(await main(['--lang', 'zh'], home)).toBe(0);
    expect(home.output.join('\n')).toMatch(/建议：[\s\S]*npm run kata -- start /);
  });

  test('unknown commands and flags are usage errors (exit 2)', async () => {
    const ctx = testContext(sandbox.root);
    expect(await main(['frobnicate'], ctx)).toBe(2);
    expect(await main(['list', '--frob'], ctx)).toBe(2);
    expect(ctx.errors.join('\n')).toMatch(/frobnicate[\s\S]*frob/);
  });

  test('every verb has --help', async () => {
    for (const verb of [
      'list',
      'start',
      'check',
      'compare',
      'hint',
      'solution',
      'reset',
      'next',
      'mock',
      'stats',
      'selftest',
    ]) {
      const ctx = testContext(sandbox.root);
      expect(await main([verb, '--help'], ctx), verb).toBe(0);
      expect(ctx.output.join('\n'), verb).toContain(`npm run kata -- ${verb}`);
    }
  });
});

describe('kata compare', () => {
  test('prints the shrunk input where a wrong solution disagrees, with a replay seed', async () => {
    const wrong = join(sandbox.root, 'wrong-merge.ts');
    writeFileSync(
      wrong,
      [
        'export interface ListNode { val: number; next: ListNode | null }',
        'export function mergeKLists(lists: Array<ListNode | null>): ListNode | null {',
        '  const values: number[] = [];',
        '  for (let node of lists) for (; node; node = node.next) values.push(node.val);',
        '  values.sort(); // string order: the bug',
        '  let head: ListNode | null = null;',
        '  for (let i = values.length - 1; i >= 0; i--) head = { val: values[i] as number, next: head };',
        '  return head;',
        '}',
      ].join('\n'),
    );
    const { code, stdout } = await cli('compare', 'merge-k-lists', '--impl', 'wrong-merge.ts');
    expect(code).toBe(1);
    expect(stdout).toContain('disagree');
    expect(stdout).toMatch(/Replay: npm run kata -- compare merge-k-lists --seed=-?\d+ --path=/);
  });

  test('agrees when the learner file is the reference', async () => {
    const { code, stdout } = await cli('compare', 'merge-k-lists', '--impl', 'kits/merge-k-lists/reference.ts');
    expect(stdout).toContain('agree');
    expect(code).toBe(0);
  });
});

describe('honest records', () => {
  const slug = 'max-product-subarray';
  const attempts = () =>
    JSON.parse(readFileSync(join(sandbox.root, '.kata/state.json'), 'utf8')).katas[slug].attempts as Array<{
      solvedAt: string | null;
      via?: string;
    }>;

  test('check of a kata already solved adds no solve; the first check solve is untimed and rated', async () => {
    writeFileSync(learner(slug), readFileSync(reference(slug), 'utf8'));
    const first = await cli('check', slug);
    expect(first.stdout).toContain('Solved.');
    const solves = attempts().filter((a) => a.solvedAt !== null).length;
    for (let i = 0; i < 3; i++) {
      const again = await cli('check', slug);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('this check is not a new solve');
    }
    expect(attempts().filter((a) => a.solvedAt !== null)).toHaveLength(solves);
    const state = JSON.parse(readFileSync(join(sandbox.root, '.kata/state.json'), 'utf8'));
    expect(state.katas[slug].review).toMatchObject({ reps: 1 });
  }, 120_000);

  test('a file already passing when an attempt begins is no solve (no "Solved in 0:00", no best time 0:00)', async () => {
    const ctx = testContext(sandbox.root, { now: () => new Date() });
    const { recordRun } = await import('../attempts.ts');
    const { newAttempt } = await import('../state.ts');
    const attempt = newAttempt(new Date());
    const summary = { passed: 3, failed: 0, skipped: 0, passedNames: [], names: [], loadErrors: [] };
    // The file was last edited before the attempt began: nothing was solved now.
    expect(recordRun(attempt, summary, new Date(), Date.now() - 60_000)).toBe('already-passing');
    expect(attempt.solvedAt).toBeNull();
    expect(recordRun(attempt, summary, new Date(), Date.now())).toBe('solved');
    expect(ctx.errors).toEqual([]);
  });
});

describe("filters, typos and the learner's language", () => {
  test('a misspelled verb gets a did-you-mean, exit 2', async () => {
    const ctx = testContext(sandbox.root);
    expect(await main(['strat'], ctx)).toBe(2);
    expect(ctx.errors.join('\n')).toContain('Did you mean: start');
  });

  test('--tag tensr is a usage error naming the closest tag; --kind tensor lists every tensor kata', async () => {
    const typo = testContext(sandbox.root);
    expect(await main(['list', '--tag', 'tensr'], typo)).toBe(2);
    expect(typo.errors.join('\n')).toContain('Did you mean: tensor');
    const kind = testContext(sandbox.root);
    expect(await main(['list', '--kind', 'tensor'], kind)).toBe(0);
    const { KATAS } = await import('../../registry.ts');
    const rows = kind.output.join('\n').split('\n').slice(1);
    expect(rows).toHaveLength(KATAS.filter((k) => k.kind === 'tensor').length);
  });

  test('under --lang zh the difficulty, the budget and the prompt header are Chinese', async () => {
    const list = testContext(sandbox.root, { lang: 'zh' });
    await main(['list', '--lang', 'zh'], list);
    const text = list.output.join('\n');
    expect(text).toContain('中等');
    expect(text).toContain('15 分钟');
    expect(text).not.toMatch(/\b(medium|easy|hard)\b|\d+ min\b/);
    const { promptText } = await import('../prompt.ts');
    const { findKata } = await import('../../registry.ts');
    const prompt = promptText(sandbox.root, findKata('rope') as NonNullable<ReturnType<typeof findKata>>, 'zh');
    expect(prompt.split('\n').slice(0, 3).join('\n')).toMatch(/\*\*时限：\d+ 分钟\*\* · 难度：\S+ · 面试题 #/);
    expect(prompt).not.toContain('## English');
  });

  test('every tensor stub imports tfjs as a value, so tf.tidy works in it', async () => {
    const { KATAS } = await import('../../registry.ts');
    for (const kata of KATAS.filter((k) => k.kind === 'tensor')) {
      const stub = readFileSync(learner(kata.slug), 'utf8');
      expect(stub, kata.slug).toContain("import * as tf from '@tensorflow/tfjs';");
      expect(stub, kata.slug).not.toContain('import type * as tf');
    }
  });
});

describe('kata followup', () => {
  test.each(['en', 'zh'] as const)('asks every follow-up of a kata with its model answer (%s)', async (lang) => {
    const ctx = testContext(sandbox.root, { lang });
    expect(await main(['followup', 'max-product-subarray', '--lang', lang], ctx)).toBe(0);
    const text = ctx.output.join('\n');
    expect(text).toMatch(
      lang === 'zh' ? /追问 1\/\d \(max-product-subarray\)/ : /Follow-up 1\/\d \(max-product-subarray\)/,
    );
    expect(text).toContain(lang === 'zh' ? '参考回答：' : 'Model answer:');
    expect(text).toContain(lang === 'zh' ? '200010000 个子数组' : '200010000 subarrays');
  });

  test('on a terminal each question waits for the learner before the model answer', async () => {
    const asked: string[] = [];
    const ctx = testContext(sandbox.root, {
      interactive: true,
      readLine: async (prompt) => {
        asked.push(prompt);
        return 'my answer';
      },
    });
    await main(['followup', 'max-product-subarray'], ctx);
    expect(asked.length).toBeGreaterThanOrEqual(3);
  });
});
