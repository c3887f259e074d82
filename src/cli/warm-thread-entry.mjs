// The worker-thread entry of the warm-threads pool (src/cli/warm-threads.ts): vitest's own thread
// entry, except that once a run's runtime has stopped it listens for the next run's "start"
// instead of waiting to be terminated. Plain JavaScript: worker threads do not load TypeScript.
import { parentPort } from 'node:worker_threads';
import { init, runBaseTests, setupEnvironment } from 'vitest/worker';

if (parentPort === null) throw new Error('warm-thread-entry.mjs must run in a worker thread');
const port = parentPort;

function listen() {
  init({
    post: (response) => port.postMessage(response),
    on: (callback) => port.on('message', callback),
    off: (callback) => port.off('message', callback),
    teardown: () => {
      port.removeAllListeners('message');
      listen();
    },
    runTests: (state, traces) => runBaseTests('run', state, traces),
    collectTests: (state, traces) => runBaseTests('collect', state, traces),
    setup: setupEnvironment,
  });
}

listen();
