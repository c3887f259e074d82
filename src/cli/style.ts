/** ANSI colour, applied only when the context allows it (a TTY, no NO_COLOR). */
const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

export function paint(enabled: boolean, colour: Colour, text: string): string {
  return enabled ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}

/** `m:ss`, or `-m:ss` when over. */
export function clock(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** Pads to a display width, counting CJK characters as two columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) {
    const code = char.codePointAt(0) ?? 0;
    width +=
      code >= 0x1100 &&
      (code <= 0x115f ||
        (code >= 0x2e80 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6))
        ? 2
        : 1;
  }
  return width;
}

// Built from a string: a control character inside a regex literal is easy to misread.
const ANSI_SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export function stripAnsi(text: string): string {
  return text.replace(ANSI_SGR, '');
}

const BARS = '▁▂▃▄▅▆▇█';

/**
 * One character per value, ▁ for 0 up to █ for `max` or more; null (no value: an attempt not
 * solved) is ×. For `stats`: solve time over budget, attempt by attempt.
 */
export function sparkline(values: readonly (number | null)[], max: number): string {
  return values
    .map((value) => {
      if (value === null) return '×';
      const level = Math.round((Math.min(Math.max(value, 0), max) / max) * (BARS.length - 1));
      return BARS[level] as string;
    })
    .join('');
}
