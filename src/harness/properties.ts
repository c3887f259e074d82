import type fc from 'fast-check';
import type { measure } from './work.ts';

/**
 * The shape of a learner's katas/<slug>/<slug>.props.ts, which `npm run kata -- selftest <slug>`
 * loads: a default export that receives the implementation module (the reference, then each wrong
 * solution of the zoo in turn) and returns named fast-check properties about it.
 *
 *   const properties: Properties<typeof Kata> = ({ maxProduct }) => [
 *     { name: 'at least the largest element', property: fc.property(shortNums, (xs) => maxProduct(xs) >= Math.max(...xs)) },
 *   ];
 *   export default properties;
 *
 * A property fails when its predicate throws (node:assert, or the implementation itself throws) or
 * returns false. Both `fc.property` and `fc.asyncProperty` work.
 */
export interface NamedProperty {
  /** What the property claims, as a learner would say it; shown for false alarms and catches. */
  readonly name: string;
  readonly property: fc.IRawProperty<unknown>;
}

/**
 * What a property may use besides the implementation: the same module instrumented for the work
 * counter (src/harness/work.ts), and `measure` to count its steps, so a property can check a
 * complexity the way the hidden suite does (`measure(() => counted.f(x), { budget })`).
 */
export interface PropertyTools<M> {
  readonly counted: M;
  readonly measure: typeof measure;
}

/** Builds the properties for one implementation module (`M` is `typeof import('./<slug>.ts')`). */
export type Properties<M> = (impl: M, tools: PropertyTools<M>) => readonly NamedProperty[];
