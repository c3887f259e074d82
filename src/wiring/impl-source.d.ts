/**
 * `@impl-source/<slug>` is the source text of the implementation under test, for suites that
 * forbid a construct such as a fractional `**` exponent; `@impl-counted/<slug>` is the same
 * module instrumented for the work counter (src/harness/work.ts). See src/wiring/resolver.ts.
 */
declare module '@impl-source/*' {
  const text: string;
  export default text;
}
