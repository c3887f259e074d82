import type { Bilingual } from './types.ts';

/**
 * A kit's follow-up questions (`kits/<slug>/followups.ts`): what an interviewer asks once the code
 * works, with a short model answer. Where an answer states a number, `numbers` pins it: `text` is
 * how both answers write it, and `compute` works it out independently (a test checks that
 * `compute()` equals `equals` and that both answers contain `text`).
 */
export interface FollowupNumber {
  /** The number as both answers spell it, e.g. "2 GiB" or "0.5". */
  readonly text: string;
  /** Its value, in the unit `text` uses. */
  readonly equals: number;
  /** The same value worked out from first principles (the formula, not the literal). */
  readonly compute: () => number;
}

export interface Followup {
  readonly q: Bilingual;
  readonly a: Bilingual;
  readonly numbers?: readonly FollowupNumber[];
}

/** Checks nothing at run time; it types a kit's follow-ups where they are written. */
export function defineFollowups(followups: readonly Followup[]): readonly Followup[] {
  return followups;
}
