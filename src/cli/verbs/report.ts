import { join, relative, resolve } from 'node:path';
import { KATAS } from '../../registry.ts';
import { UsageError, stateDir, tr } from '../context.ts';
import { progressFor } from '../progress.ts';
import { reportData, reportHtml } from '../report-page.ts';
import { StateIoError, writeAtomically } from '../state-file.ts';
import { type Verb, stringOption } from '../verb.ts';

export const report: Verb = {
  name: 'report',
  usage: 'report [--out file.html]',
  summary: {
    en: 'Write your progress page: solve times against budget, tags, self-tests, mocks, what is due',
    zh: '生成进度页面：用时与时限、标签、自测、模拟面试、待复习',
  },
  details: {
    en: 'One self-contained HTML file (data and charts inside, nothing fetched), .kata/report.html unless --out; it opens in your language and switches between English and 中文.',
    zh: '一个独立的 HTML 文件（数据和图表都在文件内，不联网），默认 .kata/report.html，可用 --out 指定；按你的语言打开，可切换 English 和中文。',
  },
  options: { out: { type: 'string' } },
  async run(ctx, _positionals, options) {
    const given = stringOption(options, 'out');
    const file = given === undefined ? join(stateDir(ctx), 'report.html') : resolve(ctx.cwd, given);
    const state = progressFor(ctx).read();
    try {
      writeAtomically(file, reportHtml(reportData(KATAS, state, ctx.lang, ctx.now())));
    } catch (error) {
      if (!(error instanceof StateIoError)) throw error;
      throw new UsageError(tr(ctx, error.reason()));
    }
    const shown = relative(ctx.cwd, file).startsWith('..') ? file : relative(ctx.cwd, file);
    ctx.out(tr(ctx, { en: `Your progress page: ${shown}`, zh: `你的进度页面：${shown}` }));
    return 0;
  },
};
