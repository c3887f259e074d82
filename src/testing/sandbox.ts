import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../cli/context.ts';
import { REPO_ROOT } from '../paths.ts';

/**
 * A throw-away copy of the repository (its own git history, the real node_modules linked in), so
 * CLI tests can edit learner files and write state without touching the learner's real work.
 */
export function makeSandbox(): { root: string; dispose: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'kata-sandbox-'));
  for (const entry of ['package.json', 'README.md', 'tsconfig.json', 'vitest.config.ts', 'bin', 'src', 'kits']) {
    cpSync(join(REPO_ROOT, entry), join(root, entry), { recursive: true, filter: (src) => !src.includes('/.kata') });
  }
  copyPristineKatas(join(root, 'katas'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'add', '-A');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'sandbox');
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * The learner's room as git has it, never as the learner left it: a half-written kata must not
 * change what the CLI tests see. Files git does not track yet (a kata being written) are copied.
 */
function copyPristineKatas(dest: string): void {
  const tracked = new Set(
    execFileSync('git', ['ls-files', '-z', '--', 'katas'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean),
  );
  cpSync(join(REPO_ROOT, 'katas'), dest, { recursive: true });
  for (const path of tracked) {
    const text = execFileSync('git', ['show', `HEAD:${path}`], { cwd: REPO_ROOT, maxBuffer: 1 << 26 });
    writeFileSync(join(dest, '..', path), text);
  }
}

/**
 * The environment a learner's shell has: none of the variables a test run or a CI job sets
 * (vitest's, the kata CLI's, a tfjs backend, a fast-check seed, npm run's), and no colour; `extra`
 * on top.
 */
export function learnerEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) {
    if (/^(VITEST|KATA_|TFJS_|FC_SEED$|NODE_ENV$|TEST$|CI$|FORCE_COLOR$|INIT_CWD$|npm_)/.test(key)) delete env[key];
  }
  return { ...env, ...extra };
}

/** A `kata` CLI process in `root`, as a learner starts it, with everything it prints collected. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far, in arrival order. */
  readonly output: () => string;
  /** Its exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
}

/**
 * Starts the CLI as `npm run kata` does (`node bin/kata.mjs <args>`: one process, tsx's loader
 * registered in it), so the child's PID is the process to stop. `detached` puts it in a process
 * group of its own, for tests that signal the group as a terminal's Ctrl-C does.
 */
export function spawnCli(
  root: string,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
  options: { detached?: boolean; command?: readonly string[] } = {},
): CliProcess {
  const [command, ...leading] = options.command ?? [process.execPath, join(root, 'bin/kata.mjs')];
  const child = spawn(command as string, [...leading, ...args], {
    cwd: root,
    env: learnerEnv(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  // 'close', not 'exit': by then every byte the process printed has been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => output, exited };
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
    cwd: root,
    out: (text) => void output.push(text),
    err: (text) => void errors.push(text),
    now: () => new Date('2026-01-01T00:00:00Z'),
    ask: async () => false,
    readLine: async () => '',
    ...overrides,
    output,
    errors,
  };
}

/** Resolves when `output()` matches, or rejects with what was printed so far. */
export function waitFor(output: () => string, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (pattern.test(output())) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output()}`));
      }
    }, 50);
  });
}
