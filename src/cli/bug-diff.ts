import { structuredPatch } from 'diff';
import { relative } from 'node:path';
import type { BuiltBug } from '../kit/zoo.ts';
import type { CliContext } from './context.ts';
import { paint } from './style.ts';

/** The most diff lines `selftest --reveal` prints for one bug; a longer one names its file instead. */
const MAX_LINES = 40;

/**
 * A bug as the few lines that make it: a unified diff of the correct code it was built from
 * against the bug, with two lines of context. A whole-file bug (a different program) is diffed
 * against the reference, and named by its file when that diff is long.
 */
export function bugDiff(ctx: Pick<CliContext, 'root' | 'color'>, bug: BuiltBug): string {
  const source = stripHeader(bug.source);
  const patch = structuredPatch('correct', 'bug', bug.baseSource, source, '', '', { context: 2 });
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    lines.push(paint(ctx.color, 'gray', `@@ line ${hunk.oldStart} @@`));
    for (const line of hunk.lines) {
      if (line.startsWith('\\')) continue; // "\ No newline at end of file"
      const colour = line.startsWith('+') ? 'green' : line.startsWith('-') ? 'red' : 'gray';
      lines.push(paint(ctx.color, colour, line));
    }
  }
  const base = relative(ctx.root, bug.baseFile).split('\\').join('/');
  const heading = `--- ${base} (correct)\n+++ ${relative(ctx.root, bug.file).split('\\').join('/')} (bug)`;
  if (lines.length > MAX_LINES) {
    return `${heading}\n${lines.slice(0, MAX_LINES).join('\n')}\n… (${lines.length - MAX_LINES} more diff lines: read the whole file)`;
  }
  return `${heading}\n${lines.join('\n')}`;
}

/** The built file's first line says where it came from; it is not part of the bug. */
function stripHeader(source: string): string {
  return source.startsWith('// Built from kits/') ? source.slice(source.indexOf('\n') + 1) : source;
}
