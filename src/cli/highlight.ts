import { type Colour, paint } from './style.ts';

const KEYWORDS = new Set(
  'as async await break case catch class const continue default do else export extends for from function if import in instanceof interface let new of return switch throw try type typeof while yield'.split(
    ' ',
  ),
);
const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'this']);
const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)|(\b\d[\d_]*(?:\.\d+)?(?:e[+-]?\d+)?\b)|([A-Za-z_$][\w$]*)/g;

/** A small TypeScript highlighter for the terminal: comments, strings, numbers, keywords. */
export function highlightTs(source: string, enabled: boolean): string {
  if (!enabled) return source;
  return source.replace(TOKEN, (match, comment?: string, string?: string, number?: string, word?: string) => {
    let colour: Colour | undefined;
    if (comment) colour = 'gray';
    else if (string) colour = 'green';
    else if (number) colour = 'yellow';
    else if (word && KEYWORDS.has(word)) colour = 'magenta';
    else if (word && LITERALS.has(word)) colour = 'cyan';
    return colour ? paint(true, colour, match) : match;
  });
}
