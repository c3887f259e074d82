import * as tf from '@tensorflow/tfjs';

/**
 * Detects autograd during a call. `import * as tf` is a frozen ES module namespace, so tf.grad
 * cannot be spied on; but every gradient API of tfjs (tf.grad, tf.grads, tf.valueAndGrad(s),
 * tf.variableGrads, and tf.engine().gradients itself) ends in the one engine singleton's
 * `gradients` method, and tf.customGrad in its `customGrad` method. The engine is a plain object
 * shared by every importer of tfjs, so its methods are wrapped for the duration of the call.
 *
 * tfjs's own ops call engine.customGrad too (tf.logSoftmax, tf.losses.softmaxCrossEntropy, fused
 * matMul) without computing any gradient; those calls are recognised by the stack: the frame that
 * calls tfjs's `customGrad` is inside the tfjs package. A customGrad defined by the caller's code
 * is reported.
 */
export interface AutogradUse {
  /** What was called, e.g. 'gradients' (tf.grad & co.) or 'customGrad'. */
  readonly used: string[];
}

type EngineLike = Record<'gradients' | 'customGrad', (...args: unknown[]) => unknown>;

const TFJS_FRAME = /[\\/]node_modules[\\/]@tensorflow[\\/]/;

/** The stack frames (lines) below the wrapper, with the wrapper's own frames removed. */
function callerIsTfjs(stack: string): boolean {
  const frames = stack.split('\n').slice(2); // "Error", this wrapper
  // Skip tfjs's public customGrad wrapper (gradients.js), then look at who called it.
  let i = 0;
  while (i < frames.length && TFJS_FRAME.test(frames[i] as string) && /customGrad/.test(frames[i] as string)) i++;
  const caller = frames[i];
  return caller !== undefined && TFJS_FRAME.test(caller);
}

export function watchAutograd<T>(call: () => T): { result: T; used: string[] } {
  const engine = tf.engine() as unknown as EngineLike;
  const used: string[] = [];
  const gradients = engine.gradients;
  const customGrad = engine.customGrad;
  engine.gradients = function (this: unknown, ...args: unknown[]) {
    used.push('gradients');
    return gradients.apply(this, args);
  };
  engine.customGrad = function (this: unknown, ...args: unknown[]) {
    const stack = new Error().stack ?? '';
    if (!callerIsTfjs(stack)) used.push('customGrad');
    return customGrad.apply(this, args);
  };
  try {
    return { result: call(), used };
  } finally {
    engine.gradients = gradients;
    engine.customGrad = customGrad;
  }
}
