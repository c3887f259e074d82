import { type MergeInput, headsOf, listValues, mergeInputs } from './inputs.ts';
import type { Node } from './oracle.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type MergeKLists = (lists: unknown[]) => Node | null | undefined;

export const differential: Differential<MergeInput, number[]> = {
  // Up to 8 ascending integer lists; about one input in ten has a bad node (both must throw alike).
  inputs: mergeInputs,
  run(impl, input) {
    const total = input.lists.reduce((n, list) => n + list.length, 0);
    return listValues(exported<MergeKLists>(impl, 'mergeKLists')(headsOf(input)), total);
  },
  difference: (a, b) => (showJson(a) === showJson(b) ? undefined : 'the merged lists differ'),
  show: showJson,
};
