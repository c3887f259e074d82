import { existsSync, readFileSync } from 'node:fs';
import { kitFile } from '../paths.ts';

/**
 * A kit's clause table (`kits/<slug>/clauses.md`): every rule the prompt states, each pointing at
 * the tests of the hidden suite that fail when that rule alone is broken.
 *
 *   | # | clause | kind | tests |
 *   |---|---|---|---|
 *   | 1 | an empty array throws RangeError | error | `edge cases > an empty array throws RangeError` |
 *   | 7 | the answer for n = 10^9 elements | untestable | untestable: <why; the prompt says so> |
 *
 * The tests cell holds one or more backticked fragments, separated by `;`, each a piece of a test's
 * full name ("describe > test"); or `untestable: <reason>`.
 */
export const CLAUSE_KINDS = [
  'signature',
  'result',
  'shape',
  'dtype',
  'default',
  'convention',
  'tolerance',
  'error',
  'not-an-error',
  'purity',
  'leaks',
  'complexity',
  'untestable',
] as const;

export interface Clause {
  readonly number: string;
  readonly text: string;
  readonly kind: string;
  /** Test-name fragments; empty for an untestable clause. */
  readonly tests: readonly string[];
  readonly untestable?: string;
}

export function parseClauses(markdown: string): { clauses: Clause[]; problems: string[] } {
  const clauses: Clause[] = [];
  const problems: string[] = [];
  const rows = markdown.split('\n').filter((line) => /^\|\s*\d+[a-z]?\s*\|/.test(line));
  for (const row of rows) {
    const cells = splitRow(row);
    if (cells.length !== 4) {
      problems.push(`row "${row.slice(0, 60)}…" has ${cells.length} cells, expected 4 (#, clause, kind, tests)`);
      continue;
    }
    const [number, text, kind, tests] = cells as [string, string, string, string];
    const untestable = /^untestable:\s*(.+)$/s.exec(tests)?.[1]?.trim();
    const fragments = [...tests.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    if (!(CLAUSE_KINDS as readonly string[]).includes(kind)) {
      problems.push(`clause ${number}: unknown kind "${kind}" (one of ${CLAUSE_KINDS.join(', ')})`);
    }
    if (text === '') problems.push(`clause ${number}: no clause text`);
    if (untestable === undefined && fragments.length === 0) {
      problems.push(
        `clause ${number} ("${text.slice(0, 60)}") names no test: give \`a test name\` or "untestable: why"`,
      );
    }
    clauses.push({
      number,
      text,
      kind,
      tests: untestable === undefined ? fragments : [],
      ...(untestable ? { untestable } : {}),
    });
  }
  if (rows.length === 0) problems.push('no clause rows (| 1 | clause | kind | `test` |)');
  return { clauses, problems };
}

/** Cells of a markdown table row; `\|` is a pipe inside a cell, and pipes inside backticks stay. */
function splitRow(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  const body = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\' && body[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '`') {
      inCode = !inCode;
      cell += c;
    } else if (c === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * What is wrong with a kit's clause table, given the full names of its suite's tests: a missing
 * file, a malformed row, or a fragment that names no test.
 */
export function clauseProblems(root: string, slug: string, testNames: readonly string[]): string[] {
  const file = kitFile(root, slug, 'clauses');
  if (!existsSync(file)) return [`${slug}: kits/${slug}/clauses.md is missing`];
  const { clauses, problems } = parseClauses(readFileSync(file, 'utf8'));
  const named = problems.map((p) => `${slug}: clauses.md: ${p}`);
  for (const clause of clauses) {
    for (const fragment of clause.tests) {
      if (!testNames.some((name) => name.includes(fragment))) {
        named.push(`${slug}: clauses.md: clause ${clause.number} names \`${fragment}\`, which is no test of the suite`);
      }
    }
  }
  return named;
}
