/**
 * Seeded random numbers for tensor inputs, free of tfjs and vitest imports so that benchmarks and
 * the CLI can use them too.
 */
/** Deterministic uniform numbers in [0, 1) (mulberry32), so failures replay from a seed. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Random float32-representable values in [-scale, scale): the oracle computes in float64 from the
 * very values the tensor holds, so only the solution's float32 arithmetic separates them.
 */
export function randomValues(count: number, seed: number, scale = 1): Float64Array {
  const uniform = seededUniform(seed);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) values[i] = Math.fround((uniform() * 2 - 1) * scale);
  return values;
}
