import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { Bilingual } from '../kit/types.ts';

/**
 * The file-system side of the progress state: a lock around every read-modify-write, and writes
 * that are atomic and durable.
 *
 * Why a lock (and not an event log or a database): the state stays one small JSON file that a
 * learner can read and back up, and a change is a few milliseconds of work, so serialising writers
 * costs nothing. proper-lockfile is maintained, works with any Node, and recovers a lock whose owner
 * died (a lock not refreshed for STALE_MS is taken over). SQLite would need a native build on every
 * install (node:sqlite needs Node 22), and an event log would turn every verb's change into an
 * event type.
 */
const STALE_MS = staleMs();
/** KATA_TEST_LOCK_STALE_MS (the fault tests, which kill writers holding the lock) shortens it. */
function staleMs(): number {
  const given = Number(process.env.KATA_TEST_LOCK_STALE_MS);
  return Number.isInteger(given) && given >= 2000 ? given : 10_000;
}

/** How long a command waits for another to release the lock before giving up. */
const WAIT_MS = 15_000;
const POLL_MS = 5;

/** Why the state could not be read or written, in one line a learner can act on. */
export class StateIoError extends Error {
  override readonly name = 'StateIoError';
  constructor(
    readonly code: string,
    readonly path: string,
    readonly operation: string,
    message: string,
  ) {
    super(message);
  }

  static from(error: unknown, path: string, operation: string): StateIoError {
    if (error instanceof StateIoError) return error;
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return new StateIoError(code, path, operation, `${operation} ${path}: ${(error as Error).message}`);
  }

  /** The one line to print: what failed, in the learner's terms, and what to do. */
  explain(): Bilingual {
    const { en, zh } = this.reason();
    return {
      en: `Could not save your progress: ${en} The record is kept and retried.`,
      zh: `无法保存进度：${zh}记录会保留并重试。`,
    };
  }

  /** What failed and what to do about it, without saying what happens to the record. */
  reason(): Bilingual {
    const where = this.path;
    switch (this.code) {
      case 'ENOSPC':
        return {
          en: `the disk is full (${where}). Free some space.`,
          zh: `磁盘已满（${where}）。请释放一些空间。`,
        };
      case 'EACCES':
      case 'EPERM':
      case 'EROFS':
        return {
          en: `no permission to write ${where}. Make .kata writable.`,
          zh: `没有写入 ${where} 的权限。请让 .kata 可写。`,
        };
      case 'ENOTDIR':
      case 'EEXIST':
        return {
          en: `.kata is not a directory (${where}). Move that file aside.`,
          zh: `.kata 不是目录（${where}）。请把那个文件移走。`,
        };
      case 'ELOCKED':
        return {
          en: `another kata command has held the lock on ${where} for over ${WAIT_MS / 1000} s.`,
          zh: `另一个 kata 命令占用 ${where} 的锁已超过 ${WAIT_MS / 1000} 秒。`,
        };
      default:
        return {
          en: `${this.message}.`,
          zh: `${this.message}。`,
        };
    }
  }
}

/**
 * Faults for the fault-injection tests only: KATA_TEST_FAULT=<code>[:<operation>] makes the
 * state's writes (or one operation: mkdir, lock, write, rename) fail with that error code, as a
 * full disk or a read-only directory would. Unset, it costs one lookup.
 */
function injectFault(operation: string, path: string): void {
  const fault = process.env.KATA_TEST_FAULT;
  if (!fault) return;
  const [code, only] = fault.split(':');
  if (only !== undefined && only !== operation) return;
  const error = Object.assign(new Error(`${code}: injected fault (${operation})`), { code });
  throw StateIoError.from(error, path, operation);
}

function ensureDir(dir: string): void {
  try {
    injectFault('mkdir', dir);
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw StateIoError.from(error, dir, 'create');
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** Runs `work` holding the lock of `file` (waiting for another holder, taking over a stale lock). */
export function withStateLock<T>(file: string, work: () => T): T {
  ensureDir(dirname(file));
  const deadline = Date.now() + WAIT_MS;
  let release: (() => void) | undefined;
  while (release === undefined) {
    try {
      injectFault('lock', file);
      release = lockfile.lockSync(file, { realpath: false, stale: STALE_MS, lockfilePath: `${file}.lock` });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED' || Date.now() > deadline) throw StateIoError.from(error, file, 'lock');
      sleepSync(POLL_MS + Math.random() * POLL_MS);
    }
  }
  try {
    removeLeftovers(file);
    return work();
  } finally {
    try {
      release();
    } catch {
      // Already released (taken over as stale): nothing of ours to clean up.
    }
  }
}

/** Temporary files a killed writer left behind: under the lock, no other writer is mid-write. */
function removeLeftovers(file: string): void {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }
}

/**
 * Writes `text` to `file` so that a crash at any moment leaves either the old file or the new one:
 * a temporary file, fsynced, renamed over the old one, then the directory fsynced. A failed write
 * removes its temporary file.
 */
export function writeAtomically(file: string, text: string): void {
  ensureDir(dirname(file));
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  let fd: number | undefined;
  try {
    injectFault('write', file);
    fd = openSync(temporary, 'wx');
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    injectFault('rename', file);
    renameSync(temporary, file);
    syncDirectory(dirname(file));
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw StateIoError.from(error, file, 'write');
  }
}

function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
