// @ts-check
/**
 * A Stryker ignorer: mutants inside the message of `new RangeError(…)`, `new TypeError(…)` or any
 * `new …Error(…)`. The katas' contracts name the error type, never its wording, and the suites may
 * not test wording (a correct solution words its messages its own way), so such a mutant can only
 * survive. Ignored mutants are reported as such, with this reason, instead of being annotated one
 * by one. Enabled in stryker.config.mjs (`ignorers: ['error-text']`).
 */
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const REASON = 'error message text: the contract names the error type, not its wording';

/** @param {import('@babel/core').NodePath} path */
function insideErrorMessage(path) {
  for (let current = path; current.parentPath; current = current.parentPath) {
    const parent = current.parentPath;
    if (current.isFunction()) return false;
    if (
      parent.isNewExpression() &&
      current.listKey === 'arguments' &&
      parent.node.callee.type === 'Identifier' &&
      /Error$/.test(parent.node.callee.name)
    ) {
      return true;
    }
  }
  return false;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'error-text', {
    /** @param {import('@babel/core').NodePath} path */
    shouldIgnore(path) {
      return insideErrorMessage(path) ? REASON : undefined;
    },
  }),
];
