import type { Verb } from '../verb.ts';
import { check } from './check.ts';
import { compare } from './compare.ts';
import { followup } from './followup.ts';
import { hint } from './hint.ts';
import { home } from './home.ts';
import { list } from './list.ts';
import { mock } from './mock.ts';
import { next } from './next.ts';
import { report } from './report.ts';
import { reset } from './reset.ts';
import { selftest } from './selftest.ts';
import { solution } from './solution.ts';
import { start } from './start.ts';
import { stats } from './stats.ts';

/** Every verb, in the order `--help` lists them. */
export const VERBS: readonly Verb[] = [
  list,
  start,
  check,
  compare,
  hint,
  solution,
  followup,
  reset,
  next,
  mock,
  stats,
  report,
  selftest,
];

/** What plain `npm start` / `npm run kata` runs. */
export const DEFAULT_VERB: Verb = home;
