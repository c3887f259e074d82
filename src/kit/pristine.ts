import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import { learnerFile } from '../paths.ts';
import type { Kata } from '../registry.ts';

/**
 * The untouched stub, read from git rather than from a second copy in the tree. The upstream
 * branch comes first, so that a learner who committed their attempts still gets the pristine
 * stub back; a clone without upstream falls back to HEAD.
 */
export function pristineStub(root: string, kata: Kata): string {
  const path = relative(root, learnerFile(root, kata.slug)).split('\\').join('/');
  const errors: string[] = [];
  for (const rev of ['origin/HEAD', 'origin/main', 'HEAD']) {
    try {
      return execFileSync('git', ['show', `${rev}:${path}`], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      errors.push(`${rev}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`Could not read the pristine stub ${path} from git (${errors.join('; ')})`);
}
