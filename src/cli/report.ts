import type { Kata } from '../registry.ts';
import { type CliContext, tr } from './context.ts';
import { paint, stripAnsi } from './style.ts';
import type { RunSummary } from '../wiring/summary.ts';

const MAX_FAILURE_LINES = 14;

export function totalOf(summary: RunSummary): number {
  return summary.passed + summary.failed + summary.skipped;
}

export function allPassed(summary: RunSummary): boolean {
  return summary.loadErrors.length === 0 && summary.failed === 0 && summary.passed > 0;
}

/** The few lines a learner reads after a run: counts, then the first failure or load error. */
export function formatSummary(
  ctx: Pick<CliContext, 'lang' | 'color'>,
  kata: Kata,
  summary: RunSummary,
  options: { hideTestNames?: boolean } = {},
): string {
  const total = totalOf(summary);
  const ok = allPassed(summary);
  const counts = tr(ctx, {
    en: `${summary.passed}/${total} tests passed`,
    zh: `${summary.passed}/${total} 个测试通过`,
  });
  const lines = [`${paint(ctx.color, 'bold', kata.slug)}: ${paint(ctx.color, ok ? 'green' : 'red', counts)}`];
  const loadError = summary.loadErrors[0];
  if (loadError !== undefined) {
    lines.push(
      paint(ctx.color, 'red', tr(ctx, { en: 'The suite could not run your file:', zh: '测试无法运行你的文件：' })),
    );
    lines.push(indent(clip(plainUnless(ctx.color, loadError))));
  } else if (summary.firstFailure) {
    const name = options.hideTestNames
      ? tr(ctx, {
          en: '(test names are hidden until the end of the mock interview)',
          zh: '（模拟面试结束前不显示测试名）',
        })
      : summary.firstFailure.name;
    lines.push(`${paint(ctx.color, 'red', tr(ctx, { en: 'First failing test:', zh: '第一个失败的测试：' }))} ${name}`);
    if (!options.hideTestNames) lines.push(indent(clip(plainUnless(ctx.color, summary.firstFailure.message))));
  }
  return lines.join('\n');
}

// Vitest's transform errors arrive with their own colour codes (a code frame); a piped or NO_COLOR
// terminal should not see them as escape sequences.
function plainUnless(color: boolean, text: string): string {
  return color ? text : stripAnsi(text);
}

function clip(text: string): string {
  const lines = text.trimEnd().split('\n');
  return lines.length <= MAX_FAILURE_LINES ? lines.join('\n') : [...lines.slice(0, MAX_FAILURE_LINES), '…'].join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
