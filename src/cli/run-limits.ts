import type { PoolRunnerInitializer } from 'vitest/node';
import { type CliContext, tr } from './context.ts';
import type { RunSummary } from '../wiring/summary.ts';
import { warmForks } from './warm-forks.ts';

/**
 * The limits every run of the learner's code gets (start, mock, check, compare, selftest): a time
 * limit, since a synchronous endless loop cannot be interrupted by a test timeout, and a heap cap,
 * since a runaway allocation would otherwise take the whole CLI down with it.
 * KATA_RUN_LIMIT_MS and KATA_MEMORY_LIMIT_MB override them (the CLI's end-to-end tests use small ones).
 */
export function runLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerFrom(env, 'KATA_RUN_LIMIT_MS', 30_000, 'milliseconds');
}

export function memoryLimitMb(env: NodeJS.ProcessEnv = process.env): number {
  return positiveIntegerFrom(env, 'KATA_MEMORY_LIMIT_MB', 2048, 'megabytes');
}

function positiveIntegerFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, unit: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive whole number of ${unit}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function stuckMessage(ctx: Pick<CliContext, 'lang'>, limitMs: number): string {
  return `${tr(ctx, {
    en: `⛔ The tests ran for ${limitMs / 1000} s without finishing (an endless loop?) and were stopped.`,
    zh: `⛔ 测试运行了 ${limitMs / 1000} 秒仍未结束（死循环？），已被停止。`,
  })} ${busyMachineHint(ctx)}`;
}

/** How to give a slow solution more time, for every message that says the run limit stopped it. */
export function busyMachineHint(ctx: Pick<CliContext, 'lang'>): string {
  return tr(ctx, {
    en: 'On a busy machine a slow solution can take that long too: KATA_RUN_LIMIT_MS=60000 gives it 60 s.',
    zh: '机器繁忙时，较慢的解法也可能用这么久：KATA_RUN_LIMIT_MS=60000 可放宽到 60 秒。',
  });
}

export function outOfMemoryMessage(ctx: Pick<CliContext, 'lang'>, limitMb: number): string {
  return tr(ctx, {
    en: `⛔ Your code used more than ${limitMb} MB of memory (a runaway allocation?) and was stopped.`,
    zh: `⛔ 你的代码使用了超过 ${limitMb} MB 内存（失控的内存分配？），已被停止。`,
  });
}

/** vitest's own words when a pool worker dies: what the learner sees instead is the reason. */
export function isPoolCrash(message: string): boolean {
  return /\[vitest-pool\]|Worker (exited unexpectedly|.* emitted error)|ERR_WORKER_OUT_OF_MEMORY/.test(message);
}

/** `summary` with vitest's "worker exited" error replaced by `why` (the reason the run was stopped). */
export function explainPoolCrash(summary: RunSummary, why: string | undefined): RunSummary {
  if (why === undefined || !summary.loadErrors.some(isPoolCrash)) return summary;
  return { ...summary, loadErrors: summary.loadErrors.map((error) => (isPoolCrash(error) ? why : error)) };
}

/**
 * The pool for one run or a watch session, with the limits; `onStopped` hears why a run was cut
 * short (the explanation to show in place of vitest's "worker exited" error).
 */
export function limitedPool(ctx: Pick<CliContext, 'lang'>, onStopped: (why: string) => void): PoolRunnerInitializer {
  return warmForks({
    runLimitMs: runLimitMs(),
    memoryLimitMb: memoryLimitMb(),
    onStuck: (limitMs) => onStopped(stuckMessage(ctx, limitMs)),
    onOutOfMemory: (limitMb) => onStopped(outOfMemoryMessage(ctx, limitMb)),
  });
}
