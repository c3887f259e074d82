import type { Difficulty, KataKind } from '../kit/types.ts';
import type { Lang } from './context.ts';

/** Words the CLI prints in both languages: counts with their plural, and the kit's enums. */
export function minutesText(lang: Lang, minutes: number): string {
  if (lang === 'zh') return `${minutes} 分钟`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** The short form beside a clock: "15 min" / "15 分钟". */
export function minShort(lang: Lang, minutes: number): string {
  return lang === 'zh' ? `${minutes} 分钟` : `${minutes} min`;
}

const DIFFICULTY: Record<Difficulty, { en: string; zh: string }> = {
  easy: { en: 'easy', zh: '简单' },
  medium: { en: 'medium', zh: '中等' },
  hard: { en: 'hard', zh: '困难' },
};

export function difficultyText(lang: Lang, difficulty: Difficulty): string {
  return DIFFICULTY[difficulty][lang];
}

const KIND: Record<KataKind, { en: string; zh: string }> = {
  algorithm: { en: 'algorithm', zh: '算法' },
  tensor: { en: 'tensor', zh: '张量' },
};

export function kindText(lang: Lang, kind: KataKind): string {
  return KIND[kind][lang];
}
