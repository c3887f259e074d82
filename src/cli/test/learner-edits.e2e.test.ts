import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { learnerEnv, makeSandbox } from '../../testing/sandbox.ts';

const run = promisify(execFile);
let sandbox: ReturnType<typeof makeSandbox>;
beforeAll(() => {
  sandbox = makeSandbox();
});
afterAll(() => sandbox.dispose());

/**
 * `npm test` is about the repository, not the learner's work: with half-written and type-broken
 * katas (and a broken property template) its type-check and its repository tests still pass,
 * because they read the learner's room from git, never from the work tree.
 */
test('half-written and type-broken katas leave the type-check and the registry tests green', async () => {
  const kata = (slug: string, file: string) => join(sandbox.root, 'katas', slug, file);
  writeFileSync(
    kata('max-product-subarray', 'max-product-subarray.ts'),
    "export function maxProduct(nums: readonly number[]): number {\n  return 'not a number';\n}\n",
  );
  writeFileSync(kata('rope', 'rope.ts'), 'export function applyRope(x: tf.Tensor {\n  // half-written\n');
  writeFileSync(kata('merge-k-lists', 'merge-k-lists.props.ts'), 'export default 42 as string;\n');
  // The stub's "// TODO" line is gone too: the anatomy check reads the pristine stub from git.
  writeFileSync(kata('norms', 'norms.ts'), 'export const layerNorm = 1;\n');
  const env = learnerEnv();
  await run(join(sandbox.root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: sandbox.root, env });
  const { stdout } = await run(
    join(sandbox.root, 'node_modules/.bin/vitest'),
    ['run', '--mode', 'reference', 'src/meta/registry.test.ts', 'kits/max-product-subarray/'],
    { cwd: sandbox.root, env },
  );
  expect(stdout).toMatch(/Tests\s+\d+ passed/);
}, 240_000);
