import { type Differential, type ImplModule, showJson } from '../../src/harness/compare.ts';
import {
  type Attention,
  type CacheClass,
  type Scenario,
  type Step,
  firstDifference,
  runOps,
  scenario,
} from './inputs.ts';

function exports(impl: ImplModule): { Cache: CacheClass; attention: Attention } {
  const Cache = impl.PagedKVCache;
  const attention = impl.pagedAttention;
  if (typeof Cache !== 'function') throw new TypeError('the implementation does not export a class named PagedKVCache');
  if (typeof attention !== 'function') {
    throw new TypeError('the implementation does not export a function named pagedAttention');
  }
  return { Cache: Cache as CacheClass, attention: attention as Attention };
}

export const differential: Differential<Scenario, Step[]> = {
  // 1 … 8 blocks of 1 … 4 slots, headDim 1 … 3, and up to 50 calls of add, append, fork and free
  // over the ids a … d (unknown ids, double frees and a full pool all happen). Each step records the
  // call's result (or error name), numFreeBlocks and every live sequence: its table, slots, keys,
  // values, the keys and values read from the pools at its slots, and its attention for one query.
  inputs: scenario,
  run(impl, input) {
    const { Cache, attention } = exports(impl);
    return runOps(Cache, attention, input);
  },
  difference: (a, b) => firstDifference(a, b),
  show: showJson,
};
