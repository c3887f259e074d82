import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { learnerFile } from '../paths.ts';
import type { Kata } from '../registry.ts';

/**
 * The untouched stub, read from git rather than from a second copy in the tree. The upstream
 * branch comes first, so that a learner who committed their attempts still gets the pristine
 * stub back; a clone without upstream falls back to HEAD. A kata being written, whose stub git
 * does not track yet, has no other version: its file is its pristine stub.
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
  if (untracked(root, path)) return readFileSync(learnerFile(root, kata.slug), 'utf8');
  throw new Error(`Could not read the pristine stub ${path} from git (${errors.join('; ')})`);
}

function untracked(root: string, path: string): boolean {
  try {
    const listed = execFileSync('git', ['ls-files', '--', path], { cwd: root, encoding: 'utf8' }).trim();
    return listed === '' && existsSync(join(root, path));
  } catch {
    return false;
  }
}
