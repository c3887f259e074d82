import fc from 'fast-check';
import { afterEach, beforeEach } from 'vitest';
import { changedIntrinsics, restoreIntrinsics, snapshotIntrinsics } from './intrinsics.mjs';

/**
 * Loaded before every suite (vitest setupFiles): kept free of heavy imports such as tfjs, so
 * that watch-mode re-runs of the algorithm katas stay at about a second.
 *
 * `FC_SEED=<n>` replays a failing property: fast-check prints the seed (and path) of every
 * failure, and `FC_SEED=<seed> npx vitest <slug>` runs the same inputs again.
 */
const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== '') {
  const parsed = Number(seed);
  if (!Number.isInteger(parsed)) {
    throw new RangeError(`FC_SEED must be an integer, got ${JSON.stringify(seed)}`);
  }
  fc.configureGlobal({ seed: parsed });
}

/**
 * The built-ins the verdict depends on, as they were before the code under test loaded. A file that
 * replaces `Object.is` (which `toBe` compares with), `Math.max` or an array method could turn a
 * wrong answer into a pass: such a change fails the test it happens in, or the first test after the
 * file loads, with a message saying what was replaced; the built-ins are then put back.
 */
const intrinsics = snapshotIntrinsics();

function guardIntrinsics(): void {
  const changed = changedIntrinsics(intrinsics);
  if (changed.length === 0) return;
  restoreIntrinsics(intrinsics);
  throw new Error(
    `The code under test replaced JavaScript built-ins the hidden suite relies on: ${changed.slice(0, 5).join(', ')}` +
      `${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}. A verdict given under them cannot be trusted, ` +
      'so this test fails; leave the built-ins as they are.',
  );
}

beforeEach(guardIntrinsics);
afterEach(guardIntrinsics);
