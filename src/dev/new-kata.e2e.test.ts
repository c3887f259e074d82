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

test('new-kata scaffolds every part of a kata, and its placeholder suite fails until filled in', async () => {
  const tsx = join(sandbox.root, 'node_modules/.bin/tsx');
  await run(tsx, ['src/dev/new-kata.ts', 'demo'], { cwd: sandbox.root, env: learnerEnv() });
  for (const path of [
    'katas/demo/README.md',
    'katas/demo/demo.ts',
    'katas/demo/demo.props.ts',
    'solutions/demo.ts',
    'src/suites/demo.test.ts',
    'src/arbitraries/demo.ts',
    'src/differential/demo.ts',
    'solutions/zoo/demo/.gitkeep',
  ]) {
    expect(existsSync(join(sandbox.root, path)), path).toBe(true);
  }
  expect(readFileSync(join(sandbox.root, 'src/registry.ts'), 'utf8')).toContain("slug: 'demo'");
  const vitest = join(sandbox.root, 'node_modules/.bin/vitest');
  const outcome = await run(vitest, ['run', '--mode', 'reference', 'src/suites/demo.test.ts'], {
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
  await expect(run(tsx, ['src/dev/new-kata.ts', 'demo'], { cwd: sandbox.root, env: learnerEnv() })).rejects.toThrow(
    /already exists/,
  );
}, 120_000);
