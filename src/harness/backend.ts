import * as tf from '@tensorflow/tfjs';

/**
 * The one place that turns TFJS_BACKEND into a ready tfjs backend, for the tensor suites, `kata
 * compare` and `kata selftest` alike. The wasm backend is loaded only when it is asked for.
 */
export type BackendName = 'cpu' | 'wasm';

export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendName {
  const name = env.TFJS_BACKEND || 'cpu';
  if (name !== 'cpu' && name !== 'wasm') {
    throw new RangeError(`TFJS_BACKEND must be "cpu" or "wasm", got ${JSON.stringify(name)}`);
  }
  return name;
}

export async function useBackendFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  // Silences tfjs's "install @tensorflow/tfjs-node" banner.
  tf.env().set('IS_TEST', true);
  const name = backendFromEnv(env);
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
}
