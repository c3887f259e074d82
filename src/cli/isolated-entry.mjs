// The child process that runs the learner's code for `kata compare` and `kata selftest`
// (src/cli/isolated.ts), so that an endless loop or a runaway allocation in it ends this process,
// not the CLI. Registers tsx's loader in this process, then runs the job the parent sends.
import { register } from 'tsx/esm/api';

register();
const { runJob } = await import('./isolated-jobs.ts');
const send = process.send?.bind(process);
if (send === undefined) throw new Error('isolated-entry.mjs must run in a child process with an IPC channel');
process.once('message', async (job) => {
  let code = 1;
  try {
    code = await runJob(job, (message) => send(message));
  } catch (error) {
    send({ type: 'err', text: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  send({ type: 'done', code }, () => process.exit(code));
});
