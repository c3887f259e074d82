import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { learnerEnv, makeSandbox } from '../testing/sandbox.ts';

const run = promisify(execFile);
let sandbox: ReturnType<typeof makeSandbox>;
beforeAll(() => {
  sandbox = makeSandbox();
});
// The scaffolded kata lives only in the sandbox and goes with it.
afterAll(() => sandbox.dispose());

test('new-kata scaffolds both folders and the registry entry; its placeholders fail until filled in', async () => {
  const tsx = join(sandbox.root, 'node_modules/.bin/tsx');
  const { stdout } = await run(tsx, ['src/dev/new-kata.ts', 'demo-kata'], { cwd: sandbox.root, env: learnerEnv() });
  const written = stdout.split('\n').filter((line) => line.startsWith('created '));
  const paths = [
    'katas/demo-kata/README.md',
    'katas/demo-kata/demo-kata.ts',
    'katas/demo-kata/demo-kata.props.ts',
    ...['kit.ts', 'reference.ts', 'alt-todo.ts', 'oracle.ts', 'inputs.ts', 'suite.test.ts', 'compare.ts', 'zoo.ts'].map(
      (part) => `kits/demo-kata/${part}`,
    ),
    'kits/demo-kata/clauses.md',
    'kits/demo-kata/followups.ts',
  ];
  for (const path of paths) expect(existsSync(join(sandbox.root, path)), path).toBe(true);
  // A new kata touches its two folders and one registry entry, nothing else.
  expect(written.map((line) => line.slice('created '.length)).sort()).toEqual([...paths, 'src/registry.ts'].sort());
  const registry = readFileSync(join(sandbox.root, 'src/registry.ts'), 'utf8');
  expect(registry).toContain("import demoKata from '../kits/demo-kata/kit.ts';");
  expect(registry).toMatch(/\n {2}demoKata,\n\];/);
  const vitest = join(sandbox.root, 'node_modules/.bin/vitest');
  const outcome = await run(vitest, ['run', '--mode', 'reference', 'kits/demo-kata/'], {
    cwd: sandbox.root,
    env: learnerEnv(),
  }).then(
    () => ({ failed: false, output: '' }),
    (error: { stdout: string; stderr: string }) => ({ failed: true, output: error.stdout + error.stderr }),
  );
  expect(outcome.failed).toBe(true);
  expect(outcome.output).toContain('placeholder');
  // The scaffold type-checks, so a contributor starts from green types and red tests.
  await run(join(sandbox.root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
    cwd: sandbox.root,
    env: learnerEnv(),
  });
  // A second scaffold of the same slug is refused rather than overwriting anything.
  await expect(
    run(tsx, ['src/dev/new-kata.ts', 'demo-kata'], { cwd: sandbox.root, env: learnerEnv() }),
  ).rejects.toThrow(/already exists/);
}, 120_000);
