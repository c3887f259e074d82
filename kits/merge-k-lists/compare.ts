import { sortedLists } from './inputs.ts';
import { buildList, listValues } from './oracle.ts';
import { type Differential, exported, showJson } from '../../src/harness/compare.ts';

type Input = number[][];
type MergeKLists = (lists: ReturnType<typeof buildList>[]) => ReturnType<typeof buildList>;

export const differential: Differential<Input, number[]> = {
  inputs: sortedLists(8),
  run(impl, lists) {
    const total = lists.reduce((n, l) => n + l.length, 0);
    return listValues(exported<MergeKLists>(impl, 'mergeKLists')(lists.map((l) => buildList(l))), total);
  },
  difference: (a, b) => (showJson(a) === showJson(b) ? undefined : 'the merged lists differ'),
  show: showJson,
};
