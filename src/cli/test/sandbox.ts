import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../context.ts';
import { REPO_ROOT } from '../run-suite.ts';

/**
 * A throw-away copy of the repository (its own git history, the real node_modules linked in), so
 * CLI tests can edit learner files and write state without touching the learner's real work.
 */
export function makeSandbox(): { root: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'kata-sandbox-'));
  for (const entry of ['package.json', 'tsconfig.json', 'vitest.config.ts', 'src', 'katas', 'solutions']) {
    cpSync(join(REPO_ROOT, entry), join(root, entry), { recursive: true, filter: (src) => !src.includes('/.kata') });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'sandbox');
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** A context that records output instead of printing it. */
export function testContext(
  root: string,
  overrides: Partial<CliContext> = {},
): CliContext & { output: string[]; errors: string[] } {
  const output: string[] = [];
  const errors: string[] = [];
  return {
    lang: 'en',
    yes: false,
    interactive: false,
    color: false,
    root,
    out: (text) => void output.push(text),
    err: (text) => void errors.push(text),
    now: () => new Date('2026-01-01T00:00:00Z'),
    ask: async () => false,
    ...overrides,
    output,
    errors,
  };
}
