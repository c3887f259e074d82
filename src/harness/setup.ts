import fc from 'fast-check';

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
