/**
 * `@impl-source/<slug>` is the source text of the implementation under test (see
 * src/impl-resolver.ts), for suites that forbid a construct such as a fractional `**` exponent.
 */
declare module '@impl-source/*' {
  const text: string;
  export default text;
}
