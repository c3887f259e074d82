// The child-process entry of the warm-forks pool (src/cli/warm-forks.ts): vitest's own forks
// entry, except that once a run's runtime has stopped it listens for the next run's "start"
// instead of waiting to be killed, and tells the pool when it is no longer fit to be reused: the
// learner's code replaced a built-in, or left timers running past its run. Plain JavaScript: the
// process starts without a TypeScript loader.
import { init, runBaseTests, setupEnvironment } from 'vitest/worker';
import { changedIntrinsics, snapshotIntrinsics } from '../harness/intrinsics.mjs';

if (!process.send) throw new Error('warm-fork-entry.mjs must run in a child process with an IPC channel');
// Kept before any test runs: a learner's code may replace process.send or process.exit.
const send = process.send.bind(process);
const on = process.on.bind(process);
const off = process.off.bind(process);
const removeAllListeners = process.removeAllListeners.bind(process);
const exit = process.exit.bind(process);
// The parent went away (the CLI ended): nothing left to report to.
on('error', (error) => {
  if (error?.code === 'ERR_IPC_CHANNEL_CLOSED' || error?.code === 'EPIPE') exit(1);
});
on('disconnect', () => exit(0));
const intrinsics = snapshotIntrinsics();
const PENDING = new Set(['Timeout', 'Immediate']);
const pendingWork = () => process.getActiveResourcesInfo().filter((type) => PENDING.has(type)).length;
let baseline = -1;

/** Why this thread must not run another test file, or undefined when it may. */
function unfit() {
  const changed = changedIntrinsics(intrinsics);
  if (changed.length > 0) return `built-ins were replaced: ${changed.slice(0, 3).join(', ')}`;
  // Libraries (tfjs, vitest) may leave a timer or two pending for a moment after a run; timers that
  // keep piling up run after run are the learner's (an interval never cleared).
  const pending = pendingWork();
  if (baseline < 0) baseline = pending;
  if (pending > baseline + 2) return `${pending - baseline} timer(s) still pending after the run`;
  return undefined;
}

function listen() {
  init({
    post: (response) => send(response),
    on: (callback) => on('message', callback),
    off: (callback) => off('message', callback),
    teardown: () => {
      removeAllListeners('message');
      const reason = unfit();
      if (reason !== undefined) send({ type: 'kata:retire', reason });
      listen();
    },
    runTests: (state, traces) => execute('run', state, traces),
    collectTests: (state, traces) => execute('collect', state, traces),
    setup: setupEnvironment,
  });
}

async function execute(method, state, traces) {
  try {
    await runBaseTests(method, state, traces);
  } finally {
    process.exit = exit;
  }
}

listen();
