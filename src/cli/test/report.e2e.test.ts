/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../../paths.ts';
import { KATAS } from '../../registry.ts';
import { makeSandbox, spawnCli } from '../../testing/sandbox.ts';
import { review } from '../schedule.ts';
import { type State, emptyState, newAttempt, progressOf } from '../state.ts';

/**
 * `kata report` in a real headless Chromium (Debian's chromium, installed by .ci/run): the page
 * loads from disk with no console error and no request, its four charts render (pixels drawn on
 * every canvas, and a screenshot that is not blank), and it switches between English and 中文.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let sandbox: ReturnType<typeof makeSandbox>;
let browser: Browser;

function fixtureState(): State {
  const state = emptyState();
  const [first, second, third] = KATAS;
  let day = 0;
  for (const [kata, minutes] of [
    [first, 8],
    [first, 4],
    [second, 19],
    [third, null],
  ] as const) {
    if (kata === undefined) continue;
    const when = new Date(Date.UTC(2026, 0, 1 + day++, 10));
    const attempt = newAttempt(when);
    attempt.sessions.push({ start: when.toISOString(), end: when.toISOString() });
    attempt.lastRunAt = when.toISOString();
    if (minutes !== null) {
      attempt.solvedAt = when.toISOString();
      attempt.solveMs = minutes * 60_000;
    }
    const progress = progressOf(state, kata.slug);
    progress.attempts.push(attempt);
    review(progress, minutes === null ? 1 : 3, when);
  }
  if (first)
    progressOf(state, first.slug).selftest = { at: '2026-01-03T00:00:00Z', caught: 7, bugs: 10, falseAlarms: 0 };
  state.mocks.push({
    at: '2026-01-04T09:00:00Z',
    minutes: 35,
    results: [{ slug: 'rope', solved: true, passed: 3, total: 3, ms: 600_000 }],
  });
  return state;
}

beforeAll(async () => {
  sandbox = makeSandbox();
  mkdirSync(join(sandbox.root, '.kata'), { recursive: true });
  writeFileSync(join(sandbox.root, '.kata', 'state.json'), JSON.stringify(fixtureState()));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  sandbox.dispose();
});

describe.each(['en', 'zh'] as const)('kata report --lang %s in headless Chromium', (lang) => {
  test('loads offline with no console error, draws every chart, and switches language', async () => {
    const out = join(sandbox.root, `report-${lang}.html`);
    const run = spawnCli(sandbox.root, ['report', '--out', out, '--lang', lang]);
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain(lang === 'zh' ? '你的进度页面' : 'Your progress page');

    const page = await browser.newPage({ viewport: { width: 1100, height: 1700 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:'))
        problems.push(`fetched ${request.url()}`);
    });
    await page.goto(pathToFileURL(out).href);
    await page.waitForFunction(() => document.body.dataset.rendered === '4');
    expect(await page.textContent('h1')).toBe(lang === 'zh' ? '你的 kata 练习' : 'Your kata practice');

    // Every chart drew something: count the painted pixels of each canvas.
    const painted = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((canvas) => {
        const { width, height } = canvas;
        const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, width, height).data;
        let count = 0;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) count++;
        return count;
      }),
    );
    expect(painted).toHaveLength(4);
    for (const count of painted) expect(count).toBeGreaterThan(500);

    // And the screenshot is not a blank page.
    const shot = PNG.sync.read(
      await page.screenshot({ fullPage: true, path: join(REPO_ROOT, 'reports', `report-${lang}.png`) }),
    );
    let inked = 0;
    for (let i = 0; i < shot.data.length; i += 4) {
      if ((shot.data[i] as number) < 200 || (shot.data[i + 1] as number) < 200 || (shot.data[i + 2] as number) < 200)
        inked++;
    }
    expect(inked / (shot.width * shot.height)).toBeGreaterThan(0.02);

    const other = lang === 'zh' ? 'en' : 'zh';
    await page.click(`nav button[data-lang="${other}"]`);
    await page.waitForFunction(() => document.body.dataset.rendered === '4');
    expect(await page.textContent('h1')).toBe(other === 'zh' ? '你的 kata 练习' : 'Your kata practice');
    expect(await page.locator('#due tr').count()).toBeGreaterThan(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
