import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

/**
 * `test.prop([arbitraries], params?)(name, body)`, the part of @fast-check/vitest the suites use.
 * That package walks every combination of vitest's test modifiers when it is imported, about 2 s
 * on each watch re-run here (the whole save-to-verdict budget is well under that); this does the
 * same job in a few lines. A run's seed is in the test name, and `FC_SEED` (src/harness/setup.ts)
 * replays it.
 */
type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };
// A body fails by throwing or by returning false, as in fast-check.
type PropBody<Ts extends unknown[]> = (...args: Ts) => unknown;

function prop<Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, params: fc.Parameters<Ts> = {}) {
  return (name: string, body: PropBody<Ts>, timeout?: number): void => {
    const seed = params.seed ?? fc.readConfigureGlobal().seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
    vitestTest(
      `${name} (with seed=${seed})`,
      async () => {
        const property = fc.asyncProperty(...arbitraries, async (...args: Ts) => (await body(...args)) !== false);
        await fc.assert(property as fc.IAsyncProperty<Ts>, { ...params, seed });
      },
      timeout,
    );
  };
}

export const test: typeof vitestTest & { prop: typeof prop } = Object.assign(vitestTest, { prop });
export { fc };
