import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'crashes-on-null',
    hint: {
      en: 'reads lists[i].val without checking for an empty (null) list, the edge case most often forgotten.',
      zh: '',
    },
    why: {
      en: 'reads lists[i].val without checking for an empty (null) list, the edge case most often forgotten.',
      zh: '',
    },
    file: 'zoo/crashes-on-null.ts',
  },
  {
    id: 'default-sort',
    hint: {
      en: 'collects every value and calls .sort() without a comparator, which orders numbers as strings (10 before 2).',
      zh: '',
    },
    why: {
      en: 'collects every value and calls .sort() without a comparator, which orders numbers as strings (10 before 2).',
      zh: '',
    },
    file: 'zoo/default-sort.ts',
  },
  {
    id: 'drops-duplicates',
    hint: {
      en: 'de-duplicates through a Set while collecting values, so equal values from different lists are lost.',
      zh: '',
    },
    why: {
      en: 'de-duplicates through a Set while collecting values, so equal values from different lists are lost.',
      zh: '',
    },
    file: 'zoo/drops-duplicates.ts',
  },
  {
    id: 'recursive-merge-two',
    hint: {
      en: 'merges pairs of lists with the textbook recursive mergeTwo, one stack frame per output node: right for small inputs, a stack overflow ("Maximum call stack size exceeded") once the merged lists hold tens of thousands of nodes.',
      zh: '',
    },
    why: {
      en: 'merges pairs of lists with the textbook recursive mergeTwo, one stack frame per output node: right for small inputs, a stack overflow ("Maximum call stack size exceeded") once the merged lists hold tens of thousands of nodes.',
      zh: '',
    },
    file: 'zoo/recursive-merge-two.ts',
  },
  {
    id: 'scan-all-heads',
    hint: {
      en: 'scans all k heads for the minimum before every output node: O(N·k), the "k pointers" idea without a heap.',
      zh: '',
    },
    why: {
      en: 'scans all k heads for the minimum before every output node: O(N·k), the "k pointers" idea without a heap.',
      zh: '',
    },
    file: 'zoo/scan-all-heads.ts',
  },
  {
    id: 'sequential-merge',
    hint: {
      en: 'merges the lists one after another into an accumulator: correct output, but O(N·k) reads; the first idea most learners write.',
      zh: '',
    },
    why: {
      en: 'merges the lists one after another into an accumulator: correct output, but O(N·k) reads; the first idea most learners write.',
      zh: '',
    },
    file: 'zoo/sequential-merge.ts',
  },
  {
    id: 'undefined-when-empty',
    hint: {
      en: 'returns the heap\'s top "as is", so no nodes at all gives undefined instead of null (JS\'s missing-value trap).',
      zh: '',
    },
    why: {
      en: 'returns the heap\'s top "as is", so no nodes at all gives undefined instead of null (JS\'s missing-value trap).',
      zh: '',
    },
    file: 'zoo/undefined-when-empty.ts',
  },
  {
    id: 'unterminated-tail',
    hint: {
      en: "relinks nodes through a heap but never sets the last node's next to null, so the old link survives (a cycle or extra nodes).",
      zh: '',
    },
    why: {
      en: "relinks nodes through a heap but never sets the last node's next to null, so the old link survives (a cycle or extra nodes).",
      zh: '',
    },
    file: 'zoo/unterminated-tail.ts',
  },
]);
