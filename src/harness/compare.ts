import type fc from 'fast-check';

/** What an implementation module exports, loaded at run time. */
export type ImplModule = Record<string, unknown>;

/**
 * How `kata compare` runs a kata on random inputs: one file per kata at
 * kits/<slug>/compare.ts exporting `differential`. The CLI loads it by slug and never
 * branches on which kata it is.
 */
export interface Differential<Input, Output> {
  /** Random, shrinkable inputs within the kata's constraints. */
  readonly inputs: fc.Arbitrary<Input>;
  /** Prepares the run (e.g. selects the tfjs backend). */
  readonly setup?: () => Promise<void>;
  /** Calls the implementation on a fresh copy of the input; may throw. */
  run(impl: ImplModule, input: Input): Output;
  /** undefined when the outputs agree; else what differs (shapes, largest element difference…). */
  difference(learner: Output, reference: Output): string | undefined;
  show(value: Input | Output): string;
}

/** A function export, or a TypeError naming what is missing. */
export function exported<F extends (...args: never[]) => unknown>(impl: ImplModule, name: string): F {
  const value = impl[name];
  if (typeof value !== 'function') throw new TypeError(`the implementation does not export a function named ${name}`);
  return value as F;
}

/** Compact JSON for inputs and outputs, with -0, NaN and ±Infinity spelled out. */
export function showJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return `${v}`;
    if (Object.is(v, -0)) return '-0';
    return v;
  });
  return text === undefined ? String(value) : text.length > 600 ? `${text.slice(0, 600)}…` : text;
}
