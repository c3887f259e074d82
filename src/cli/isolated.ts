import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type CliContext, tr } from './context.ts';
import type { IsolatedJob, JobContext, JobMessage } from './isolated-jobs.ts';
import { busyMachineHint, memoryLimitMb, outOfMemoryMessage, runLimitMs } from './run-limits.ts';

const ENTRY = fileURLToPath(new URL('./isolated-entry.mjs', import.meta.url));

/** The plain-data part of the context a child needs. */
export function jobContext(ctx: CliContext): JobContext {
  return { lang: ctx.lang, color: ctx.color, root: ctx.root, cwd: ctx.cwd, now: ctx.now().toISOString() };
}

/**
 * Runs `job` (which loads and calls the learner's code) in a child process with the heap cap, and
 * kills it when one step takes longer than the run limit: an endless loop or a runaway allocation
 * in the learner's file ends the child, and the CLI says why. The child's output is printed as it
 * comes. Resolves with the job's exit code (1 when it was stopped).
 */
export function runIsolated(ctx: CliContext, job: IsolatedJob): Promise<number> {
  const limitMs = runLimitMs();
  const limitMb = memoryLimitMb();
  const child = fork(ENTRY, [], {
    execArgv: [`--max-old-space-size=${limitMb}`],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let step = tr(ctx, { en: 'starting', zh: '启动' });
  let code: number | undefined;
  let stuck = false;
  let watchdog: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      stuck = true;
      child.kill('SIGKILL');
    }, limitMs);
  };
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // On a terminal the current step shows on one status line, cleared before any other output.
  const status = process.stdout.isTTY === true && ctx.interactive;
  let shown = false;
  const clearStatus = () => {
    if (shown) process.stdout.write('\r\u001b[2K');
    shown = false;
  };
  child.on('message', (message: JobMessage) => {
    if (message.type === 'step') {
      step = message.label;
      arm();
      if (status) {
        process.stdout.write(`\r\u001b[2K… ${step}`);
        shown = true;
      }
      return;
    }
    clearStatus();
    if (message.type === 'out') ctx.out(message.text);
    else if (message.type === 'err') ctx.err(message.text);
    else if (message.type === 'done') code = message.code;
  });
  arm();
  child.send(job);
  return new Promise((resolve) => {
    child.on('exit', (exitCode, signal) => {
      clearTimeout(watchdog);
      clearStatus();
      if (code !== undefined) return resolve(code);
      if (stuck) {
        ctx.err(
          `${tr(ctx, {
            en: `⛔ Stopped after ${limitMs / 1000} s on one step (${step}) without finishing: an endless loop?`,
            zh: `⛔ 在同一步骤（${step}）上运行了 ${limitMs / 1000} 秒仍未结束，已停止：死循环？`,
          })} ${busyMachineHint(ctx)}`,
        );
      } else if (signal === 'SIGABRT' || exitCode === 134 || /heap out of memory/.test(stderr)) {
        ctx.err(outOfMemoryMessage(ctx, limitMb));
      } else {
        const tail = stderr.trim().split('\n').slice(-8).join('\n');
        ctx.err(
          tr(ctx, {
            en: `The run ended unexpectedly (exit ${exitCode ?? signal})${tail ? `:\n${tail}` : '.'}`,
            zh: `运行意外结束（退出 ${exitCode ?? signal}）${tail ? `：\n${tail}` : '。'}`,
          }),
        );
      }
      resolve(1);
    });
  });
}
