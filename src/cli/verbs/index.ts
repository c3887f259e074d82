import type { Verb } from '../verb.ts';
import { check } from './check.ts';
import { list } from './list.ts';

/** Every verb, in the order `--help` lists them. */
export const VERBS: readonly Verb[] = [list, check];

/** What plain `npm start` / `npm run kata` runs. */
export const DEFAULT_VERB: Verb = list;
