/**
 * Helpers for the sqrt-gradient-descent suite: the banned built-ins, a source scan for them, and
 * the accuracy check against Math.sqrt (called by the suite only while no spy is active).
 */

/** Math functions a gradient-descent square root must not call. */
export const BANNED_MATH = ['sqrt', 'pow', 'cbrt', 'hypot'] as const;

/** Removes // and /* *\/ comments, so a comment that mentions `** 0.5` is not flagged. */
export function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

/**
 * Every `**` (or `**=`) in `source` whose exponent is a non-integer literal or a literal
 * fraction: `** 0.5`, `**.5`, `** (1/2)`, `** (1 / 3)`, `**= 0.5`. Integer powers (`x ** 2`) pass.
 */
export function fractionalExponents(source: string): string[] {
  const code = stripComments(source);
  const found: string[] = [];
  const pattern =
    /\*\*=?\s*\(?\s*([-+]?\s*(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(?:\s*\/\s*((?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?))?/gi;
  for (const match of code.matchAll(pattern)) {
    const numerator = Number((match[1] as string).replace(/\s+/g, ''));
    const value = match[2] === undefined ? numerator : numerator / Number(match[2]);
    if (!Number.isInteger(value)) found.push(match[0].trim());
  }
  return found;
}

/**
 * Textual uses of the banned Math functions that a spy installed at call time cannot see:
 * `Math.sqrt`, `Math['sqrt']`, or `const { sqrt } = Math` captured when the module loads.
 */
export function bannedMathReferences(source: string): string[] {
  const code = stripComments(source);
  const names = BANNED_MATH.join('|');
  const patterns = [
    new RegExp(String.raw`\bMath\s*\??\.\s*(?:${names})\b`, 'g'),
    new RegExp(String.raw`\bMath\s*\[\s*['"\`](?:${names})['"\`]\s*\]`, 'g'),
    new RegExp(String.raw`\{[^{}]*\b(?:${names})\b[^{}]*\}\s*=\s*Math\b`, 'g'),
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[0]));
}

/** The relative error of `x` against the true root `root` (Infinity for a non-number). */
export function relativeError(x: unknown, root: number): number {
  if (typeof x !== 'number' || Number.isNaN(x)) return Infinity;
  return root === 0 ? Math.abs(x) : Math.abs(x - root) / root;
}
