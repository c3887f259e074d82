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
    const { stdout, stderr } = await run(join(sandbox.root, 'node_modules/.bin/tsx'), ['src/cli/bin.ts', ...args], {
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
