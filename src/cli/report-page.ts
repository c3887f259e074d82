import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Kata } from '../registry.ts';
import type { Lang } from './context.ts';
import { dueAt, retrievability } from './schedule.ts';
import type { State } from './state.ts';
import { median } from './verbs/stats.ts';

/**
 * The progress page (`kata report`): one self-contained HTML file. The data is embedded as JSON,
 * Chart.js is inlined from node_modules, and nothing is fetched, so the page opens offline from
 * disk. Both languages are in it; `lang` picks the one it opens in.
 */
export interface ReportData {
  readonly lang: Lang;
  readonly generatedAt: string;
  readonly katas: ReadonlyArray<{ slug: string; title: { en: string; zh: string }; minutes: number }>;
  readonly attempts: ReadonlyArray<{
    slug: string;
    startedAt: string;
    solved: boolean;
    minutes: number | null;
    budget: number;
    hints: number;
  }>;
  readonly tags: ReadonlyArray<{ tag: string; attempts: number; solves: number; medianRatio: number | null }>;
  readonly selftests: ReadonlyArray<{ slug: string; caught: number; bugs: number; falseAlarms: number }>;
  readonly mocks: ReadonlyArray<{ at: string; minutes: number; solved: number; total: number }>;
  readonly due: ReadonlyArray<{ slug: string; due: string; recall: number }>;
}

export function reportData(katas: readonly Kata[], state: State, lang: Lang, now: Date): ReportData {
  const attempts = katas.flatMap((kata) =>
    (state.katas[kata.slug]?.attempts ?? []).map((a) => ({
      slug: kata.slug,
      startedAt: a.startedAt,
      solved: a.solvedAt !== null,
      minutes: a.solveMs === null ? null : Math.round(a.solveMs / 600) / 100,
      budget: kata.minutes,
      hints: a.hints ?? 0,
    })),
  );
  const tags = [...new Set(katas.flatMap((k) => k.tags))].sort().flatMap((tag) => {
    const mine = attempts.filter((a) => katas.find((k) => k.slug === a.slug)?.tags.includes(tag));
    if (mine.length === 0) return [];
    const ratios = mine.filter((a) => a.minutes !== null).map((a) => (a.minutes as number) / a.budget);
    return [{ tag, attempts: mine.length, solves: mine.filter((a) => a.solved).length, medianRatio: median(ratios) }];
  });
  return {
    lang,
    generatedAt: now.toISOString(),
    katas: katas.map((k) => ({ slug: k.slug, title: k.title, minutes: k.minutes })),
    attempts,
    tags,
    selftests: katas.flatMap((k) => {
      const s = state.katas[k.slug]?.selftest;
      return s ? [{ slug: k.slug, caught: s.caught, bugs: s.bugs, falseAlarms: s.falseAlarms }] : [];
    }),
    mocks: state.mocks.map((m) => ({
      at: m.at,
      minutes: m.minutes,
      solved: m.results.filter((r) => r.solved).length,
      total: m.results.length,
    })),
    due: katas
      .flatMap((k) => {
        const at = dueAt(state.katas[k.slug]);
        return at ? [{ slug: k.slug, due: at.toISOString(), recall: retrievability(state.katas[k.slug], now) }] : [];
      })
      .sort((a, b) => a.due.localeCompare(b.due)),
  };
}

/** Chart.js's UMD build (the package exports only its ES build, so it is found beside that one). */
function chartJs(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(
    /<\/script/gi,
    '<\\/script',
  );
}

/** JSON that is safe inside a <script> element. */
function embed(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function reportHtml(data: ReportData): string {
  return `<!doctype html>
<html lang="${data.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>llm-katas: progress</title>
<style>
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; color: #1d2330; }
  h1 { font-size: 1.6rem; margin-bottom: .2rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #dde; padding-bottom: .2rem; }
  .muted { color: #667; }
  .chart { position: relative; height: 300px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .25rem .6rem; border-bottom: 1px solid #eef; }
  nav button { margin-right: .4rem; padding: .2rem .7rem; border: 1px solid #99a; background: #fff; border-radius: 4px; cursor: pointer; }
  nav button.on { background: #1d2330; color: #fff; }
  .empty { color: #889; font-style: italic; }
</style>
</head>
<body>
<nav><button data-lang="en">English</button><button data-lang="zh">中文</button></nav>
<h1 data-t="title"></h1>
<p class="muted" data-t="generated"></p>
<h2 data-t="timesTitle"></h2><p class="muted" data-t="timesNote"></p><div class="chart"><canvas id="times"></canvas></div>
<h2 data-t="tagsTitle"></h2><div class="chart"><canvas id="tags"></canvas></div>
<h2 data-t="selftestTitle"></h2><div class="chart"><canvas id="selftests"></canvas></div>
<h2 data-t="mocksTitle"></h2><div class="chart"><canvas id="mocks"></canvas></div>
<h2 data-t="dueTitle"></h2><table id="due"></table>
<script>${chartJs()}</script>
<script type="application/json" id="data">${embed(data)}</script>
<script>
(() => {
  const data = JSON.parse(document.getElementById('data').textContent);
  const words = {
    en: {
      title: 'Your kata practice', generated: 'Generated ' + data.generatedAt.slice(0, 16).replace('T', ' ') + ' (UTC)',
      timesTitle: 'Solve time against budget, attempt by attempt', timesNote: '100% is the budget; an unsolved attempt shows as 0.',
      tagsTitle: 'By tag: median solve time against budget', selftestTitle: 'Self-test scores: bugs your properties caught',
      mocksTitle: 'Mock interviews: katas solved', dueTitle: 'What is due', kata: 'kata', due: 'due', recall: 'recall now',
      ratio: 'time / budget (%)', caught: 'caught', bugs: 'bugs in the zoo', solved: 'solved', total: 'katas', none: 'Nothing yet.',
      attempt: 'attempt',
    },
    zh: {
      title: '你的 kata 练习', generated: '生成于 ' + data.generatedAt.slice(0, 16).replace('T', ' ') + '（UTC）',
      timesTitle: '每次尝试的用时与时限之比', timesNote: '100% 即时限；未通过的尝试显示为 0。',
      tagsTitle: '按标签：中位用时与时限之比', selftestTitle: '自测得分：你的性质测试抓到的 bug',
      mocksTitle: '模拟面试：通过的题数', dueTitle: '待复习', kata: '题目', due: '复习时间', recall: '当前记忆保持率',
      ratio: '用时 / 时限（%）', caught: '抓到', bugs: 'bug 总数', solved: '通过', total: '题数', none: '暂无记录。',
      attempt: '尝试',
    },
  };
  let charts = [];
  function render(lang) {
    const w = words[lang];
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const el of document.querySelectorAll('[data-t]')) el.textContent = w[el.dataset.t];
    for (const b of document.querySelectorAll('nav button')) b.classList.toggle('on', b.dataset.lang === lang);
    for (const c of charts) c.destroy();
    charts = [];
    const title = (slug) => { const k = data.katas.find((x) => x.slug === slug); return k ? k.title[lang] : slug; };
    const bar = (id, labels, sets, options = {}) => {
      const canvas = document.getElementById(id);
      charts.push(new Chart(canvas, { type: 'bar', data: { labels, datasets: sets },
        options: { animation: false, maintainAspectRatio: false, responsive: true, ...options } }));
    };
    const orNone = (rows) => rows.length > 0 ? rows : null;
    const attempts = orNone(data.attempts) || [{ slug: w.none, startedAt: '', solved: false, minutes: 0, budget: 1 }];
    bar('times', attempts.map((a, i) => title(a.slug) + ' #' + (i + 1)), [{
      label: w.ratio, data: attempts.map((a) => a.minutes === null ? (a.solved ? 50 : 0) : Math.round(100 * a.minutes / a.budget)),
      backgroundColor: attempts.map((a) => !a.solved ? '#c0392b' : a.minutes !== null && a.minutes > a.budget ? '#e67e22' : '#27ae60'),
    }], { plugins: { legend: { display: false } } });
    const tags = orNone(data.tags) || [{ tag: w.none, medianRatio: 0 }];
    bar('tags', tags.map((t) => t.tag), [{ label: w.ratio, data: tags.map((t) => t.medianRatio === null ? 0 : Math.round(100 * t.medianRatio)), backgroundColor: '#2980b9' }]);
    const st = orNone(data.selftests) || [{ slug: w.none, caught: 0, bugs: 0 }];
    bar('selftests', st.map((s) => title(s.slug)), [
      { label: w.caught, data: st.map((s) => s.caught), backgroundColor: '#27ae60' },
      { label: w.bugs, data: st.map((s) => s.bugs), backgroundColor: '#bdc3c7' },
    ]);
    const mocks = orNone(data.mocks) || [{ at: w.none, solved: 0, total: 0 }];
    bar('mocks', mocks.map((m) => m.at.slice(0, 16).replace('T', ' ')), [
      { label: w.solved, data: mocks.map((m) => m.solved), backgroundColor: '#8e44ad' },
      { label: w.total, data: mocks.map((m) => m.total), backgroundColor: '#d5c6e0' },
    ]);
    const table = document.getElementById('due');
    table.replaceChildren();
    const head = table.insertRow();
    for (const h of [w.kata, w.due, w.recall]) { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); }
    if (data.due.length === 0) { const td = table.insertRow().insertCell(); td.colSpan = 3; td.className = 'empty'; td.textContent = w.none; }
    for (const d of data.due) {
      const row = table.insertRow();
      for (const text of [title(d.slug), d.due.slice(0, 10), Math.round(100 * d.recall) + '%']) row.insertCell().textContent = text;
    }
    document.body.dataset.rendered = String(charts.length);
  }
  for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => render(b.dataset.lang));
  render(data.lang);
})();
</script>
</body>
</html>
`;
}
