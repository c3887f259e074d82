/**
 * What a kit's metadata file (`kits/<slug>/kit.ts`) holds: everything the CLI shows about a kata
 * besides its prompt. Plain data, so the registry loads every kit without loading tfjs.
 */
export type Difficulty = 'easy' | 'medium' | 'hard';
export type KataKind = 'algorithm' | 'tensor';

export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

export interface Kit {
  readonly slug: string;
  readonly title: Bilingual;
  /** Time budget for the countdown, in minutes. */
  readonly minutes: number;
  readonly difficulty: Difficulty;
  /** Tensor katas load @tensorflow/tfjs; algorithm katas never do. */
  readonly kind: KataKind;
  readonly tags: readonly string[];
  /** Question numbers in shared/seed (the interview list) that this kata practises. */
  readonly seed: readonly number[];
  /** Progressive hints, weakest first. */
  readonly hints: readonly Bilingual[];
}

/** Checks nothing at run time; it gives a kit's literal its type where it is written. */
export function defineKit<const K extends Kit>(kit: K): K {
  return kit;
}
