/**
 * Mutation testing of the reference solutions against the hidden suites (StrykerJS + its vitest
 * runner, configured in stryker.config.mjs and vitest.mutate.config.ts).
 *
 *   npm run mutate                      every kata, one after another
 *   npm run mutate -- <slug> [<slug>…]  those katas
 *   npm run mutate -- --rotate          CI: one kata, chosen by the day of the year among those whose
 *                                       solution/suite/harness changed in HEAD~1..HEAD, else among all
 *   --budget-minutes <n>                give up (and fail) after n minutes (15 with --rotate)
 *   --concurrency <n>                   Stryker test-runner processes (default 1: 2 shared cores)
 *   --report-only                       no Stryker run: re-read reports/mutation/<slug>.stryker.json
 *                                       (after editing src/ci/equivalent-mutants.json)
 *
 * For each kata it writes Stryker's full report (reports/mutation/<slug>.stryker.json), a summary
 * (reports/mutation/<slug>.json) and that kata's section of MUTATION.md. A surviving mutant is
 * excused only when src/ci/equivalent-mutants.json explains why it is equivalent; a kata passes
 * when (detected + excused) / (detected + undetected) >= 90 %. Ends with "N passed, N failed"
 * counting katas.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Stryker as StrykerClass } from '@stryker-mutator/core';
import { KATAS } from '../registry.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REPORT_DIR = join(ROOT, 'reports', 'mutation');
const SUMMARY_FILE = join(ROOT, 'MUTATION.md');
const ANNOTATIONS_FILE = join(ROOT, 'src', 'ci', 'equivalent-mutants.json');
export const TARGET_PERCENT = 90;

// ---------------------------------------------------------------------------------------------
// Stryker's JSON report (mutation-testing-report-schema), the parts read here.

interface Position {
  readonly line: number;
  readonly column: number;
}
interface ReportMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly killedBy?: readonly string[];
  readonly location: { readonly start: Position; readonly end: Position };
}
interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: readonly ReportMutant[] }>;
  readonly testFiles?: Record<string, { readonly tests: readonly { readonly id: string; readonly name: string }[] }>;
}

// ---------------------------------------------------------------------------------------------
// Annotations: src/ci/equivalent-mutants.json.

/**
 * A mutant is identified by kata, mutator and its mutated source line(s) (whitespace collapsed):
 * unlike a line:column, that survives edits elsewhere in the file. `line` is for the reader.
 */
interface MutantKey {
  readonly kata: string;
  readonly mutator: string;
  readonly mutated: string;
  readonly line?: number;
}
interface EquivalentAnnotation extends MutantKey {
  readonly reason: string;
}
interface KilledAnnotation extends MutantKey {
  /** The test added to the hidden suite to kill this mutant. */
  readonly test: string;
}
interface Annotations {
  readonly equivalent: readonly EquivalentAnnotation[];
  readonly killedByNewTests: readonly KilledAnnotation[];
}

function readAnnotations(): Annotations {
  if (!existsSync(ANNOTATIONS_FILE)) return { equivalent: [], killedByNewTests: [] };
  const parsed = JSON.parse(readFileSync(ANNOTATIONS_FILE, 'utf8')) as Partial<Annotations>;
  return { equivalent: parsed.equivalent ?? [], killedByNewTests: parsed.killedByNewTests ?? [] };
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The mutated source lines: the original lines with the mutant's replacement spliced in. */
function mutatedText(source: string, mutant: ReportMutant): { original: string; mutated: string } {
  const lines = source.split('\n');
  const { start, end } = mutant.location;
  const original = lines.slice(start.line - 1, end.line).join('\n');
  const endOffset = original.length - ((lines[end.line - 1] ?? '').length - (end.column - 1));
  const mutated = original.slice(0, start.column - 1) + (mutant.replacement ?? '') + original.slice(endOffset);
  return { original: squash(original), mutated: squash(mutated) };
}

const sameMutant = (key: MutantKey, kata: string, mutator: string, mutated: string): boolean =>
  key.kata === kata && key.mutator === mutator && squash(key.mutated) === mutated;

// ---------------------------------------------------------------------------------------------
// One kata.

interface Survivor {
  readonly line: number;
  readonly column: number;
  readonly mutator: string;
  readonly replacement: string;
  readonly original: string;
  readonly mutated: string;
  readonly status: string;
  readonly equivalent?: string | undefined;
}
export interface KataSummary {
  readonly kata: string;
  readonly file: string;
  readonly seconds: number;
  readonly total: number;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  readonly errors: number;
  /** Stryker's score: (killed + timeout) / (killed + timeout + survived + noCoverage). */
  readonly score: number;
  /** The same with annotated-equivalent survivors counted as killed. */
  readonly adjustedScore: number;
  readonly survivors: readonly Survivor[];
  readonly killedByNewTests: readonly {
    readonly mutated: string;
    readonly test: string;
    readonly status: string;
    readonly killedBy: readonly string[];
  }[];
  readonly staleAnnotations: readonly string[];
}

type StrykerCtor = typeof StrykerClass;

/**
 * Stryker 9.6 (not 10, which requires Node 22; this repo runs on Node 20 for vitest 4). Loaded on
 * demand so `--report-only` works without it.
 */
async function loadStryker(): Promise<StrykerCtor> {
  return (await import('@stryker-mutator/core')).Stryker;
}

async function mutateKata(Stryker: StrykerCtor, kata: string, concurrency: number): Promise<KataSummary> {
  const file = `solutions/${kata}.ts`;
  const reportFile = join(REPORT_DIR, `${kata}.stryker.json`);
  process.env.MUTATE_KATA = kata; // read by stryker.config.mjs and, in the workers, vitest.mutate.config.ts
  const started = Date.now();
  // The config file is imported once per process: pass what differs per kata explicitly.
  await new Stryker({
    configFile: join(ROOT, 'stryker.config.mjs'),
    mutate: [file],
    jsonReporter: { fileName: reportFile },
    concurrency,
  }).runMutationTest();
  const seconds = Math.round((Date.now() - started) / 1000);
  return summarise(kata, file, seconds, JSON.parse(readFileSync(reportFile, 'utf8')) as Report, readAnnotations());
}

/** The summary of the last Stryker run of `kata`, with the annotations as they are now. */
function reSummarise(kata: string): KataSummary {
  const reportFile = join(REPORT_DIR, `${kata}.stryker.json`);
  if (!existsSync(reportFile)) throw new Error(`no Stryker report for ${kata}: run npm run mutate -- ${kata}`);
  const previous = join(REPORT_DIR, `${kata}.json`);
  const seconds = existsSync(previous) ? (JSON.parse(readFileSync(previous, 'utf8')) as KataSummary).seconds : 0;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  return summarise(kata, `solutions/${kata}.ts`, seconds, report, readAnnotations());
}

export function summarise(
  kata: string,
  file: string,
  seconds: number,
  report: Report,
  notes: Annotations,
): KataSummary {
  const entry = Object.entries(report.files).find(([name]) => resolve(ROOT, name) === resolve(ROOT, file));
  if (!entry) throw new Error(`Stryker's report has no entry for ${file}`);
  const { source, mutants } = entry[1];
  const testNames = new Map(
    Object.values(report.testFiles ?? {}).flatMap((f) => f.tests.map((t) => [t.id, t.name] as const)),
  );
  const count = (...statuses: string[]) => mutants.filter((m) => statuses.includes(m.status)).length;
  const killed = count('Killed');
  const timeout = count('Timeout');
  const survived = count('Survived');
  const noCoverage = count('NoCoverage');
  const errors = count('CompileError', 'RuntimeError');
  const valid = killed + timeout + survived + noCoverage;

  const usedEquivalent = new Set<EquivalentAnnotation>();
  const survivors: Survivor[] = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .map((m) => {
      const { original, mutated } = mutatedText(source, m);
      const note = notes.equivalent.find((n) => sameMutant(n, kata, m.mutatorName, mutated));
      if (note) usedEquivalent.add(note);
      return {
        line: m.location.start.line,
        column: m.location.start.column,
        mutator: m.mutatorName,
        replacement: m.replacement ?? '',
        original,
        mutated,
        status: m.status,
        equivalent: note?.reason,
      };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const excused = survivors.filter((s) => s.equivalent !== undefined).length;

  const byMutated = new Map(mutants.map((m) => [`${m.mutatorName}\u0000${mutatedText(source, m).mutated}`, m]));
  const killedByNewTests = notes.killedByNewTests
    .filter((n) => n.kata === kata)
    .map((n) => {
      const m = byMutated.get(`${n.mutator}\u0000${squash(n.mutated)}`);
      return {
        mutated: squash(n.mutated),
        test: n.test,
        status: m?.status ?? 'not generated any more',
        killedBy: (m?.killedBy ?? []).map((id) => testNames.get(id) ?? id),
      };
    });
  const staleAnnotations = notes.equivalent
    .filter((n) => n.kata === kata && !usedEquivalent.has(n))
    .map((n) => `${n.mutator}: ${squash(n.mutated)}`);

  const percent = (x: number) => (valid === 0 ? 100 : Math.round((1000 * x) / valid) / 10);
  return {
    kata,
    file,
    seconds,
    total: mutants.length,
    killed,
    timeout,
    survived,
    noCoverage,
    errors,
    score: percent(killed + timeout),
    adjustedScore: percent(killed + timeout + excused),
    survivors,
    killedByNewTests,
    staleAnnotations,
  };
}

// ---------------------------------------------------------------------------------------------
// MUTATION.md: one marked section per kata, so a run of one kata keeps the others' results.

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function section(s: KataSummary): string {
  const verdict = s.adjustedScore >= TARGET_PERCENT ? '✓' : '✗';
  const { survivors: _s, killedByNewTests: _k, staleAnnotations: _a, ...data } = s;
  const lines = [
    `<!-- data ${JSON.stringify(data)} -->`,
    `### ${s.kata}`,
    '',
    `${verdict} **${s.adjustedScore}%** (target ${TARGET_PERCENT}%). ${s.file}: ${s.total} mutants: ${s.killed} killed, ${s.timeout} timeout, ${s.survived} survived, ` +
      `${s.noCoverage} no coverage, ${s.errors} errors. Stryker score ${s.score}%; ` +
      `${s.adjustedScore}% counting the annotated equivalent mutants as killed. ${s.seconds} s (${today()}).`,
    '',
  ];
  if (s.survivors.length > 0) {
    lines.push('| line | mutator | mutated code | why it survives |', '|---|---|---|---|');
    for (const v of s.survivors) {
      const why = v.equivalent
        ? `equivalent: ${v.equivalent}`
        : `**not explained** (${v.status}): kill it with a test or annotate it`;
      lines.push(
        `| ${s.file}:${v.line}:${v.column} | ${v.mutator} | ${code(v.mutated).replace(/\|/g, '\\|')} | ${why.replace(/\|/g, '\\|')} |`,
      );
    }
    lines.push('');
  }
  if (s.killedByNewTests.length > 0) {
    lines.push('Killed by tests added for mutation testing:', '');
    for (const k of s.killedByNewTests) {
      const ok = k.status === 'Killed' || k.status === 'Timeout';
      lines.push(`- ${code(k.mutated)}: ${ok ? '' : `**${k.status}** `}killed by new test "${k.test}"`);
    }
    lines.push('');
  }
  for (const stale of s.staleAnnotations) lines.push(`- stale annotation (no such survivor now): ${code(stale)}`);
  if (s.staleAnnotations.length > 0) lines.push('');
  return lines.join('\n');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function writeSummary(summaries: readonly KataSummary[]): void {
  const header = [
    '# Mutation testing',
    '',
    'Generated by `npm run mutate` (src/ci/mutate.ts; StrykerJS with the vitest runner over',
    '`solutions/<slug>.ts`, each against its own hidden suite). Target: at least ' +
      `${TARGET_PERCENT}% of the mutants killed per kata, counting a survivor as killed only when`,
    'src/ci/equivalent-mutants.json explains why it is equivalent (it cannot change any output the',
    'spec defines). Each section is rewritten when its kata is mutated again.',
    '',
  ].join('\n');
  let text = existsSync(SUMMARY_FILE) ? readFileSync(SUMMARY_FILE, 'utf8') : header;
  for (const s of summaries) {
    const start = `<!-- mutation:${s.kata}:start -->`;
    const end = `<!-- mutation:${s.kata}:end -->`;
    const block = `${start}\n${section(s)}\n${end}`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    text =
      from >= 0 && to > from
        ? text.slice(0, from) + block + text.slice(to + end.length)
        : `${text.trimEnd()}\n\n${block}\n`;
  }
  // Keep the sections in registry order.
  const blocks = new Map<string, string>();
  const re = /<!-- mutation:([a-z0-9-]+):start -->[\s\S]*?<!-- mutation:\1:end -->/g;
  for (const match of text.matchAll(re)) blocks.set(match[1] as string, match[0]);
  const order = [...KATAS.map((k) => k.slug), ...[...blocks.keys()].filter((k) => !KATAS.some((x) => x.slug === k))];
  const head = text.slice(0, text.search(/<!-- mutation:/)).trimEnd();
  const table = [
    '| kata | score | with equivalents | mutants | killed | timeout | survived | no cov | time |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const k of order) {
    const data = blocks.get(k)?.match(/<!-- data (\{.*\}) -->/)?.[1];
    if (!data) continue;
    const s = JSON.parse(data) as KataSummary;
    table.push(
      `| [${s.kata}](#${s.kata}) | ${s.score}% | ${s.adjustedScore}% | ${s.total} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.seconds} s |`,
    );
  }
  const headWithoutTable = head
    .replace(/<!-- mutation-table:start -->[\s\S]*<!-- mutation-table:end -->/, '')
    .trimEnd();
  const tableBlock = `<!-- mutation-table:start -->\n${table.join('\n')}\n<!-- mutation-table:end -->\n\n`;
  const body = order.flatMap((k) => (blocks.has(k) ? [blocks.get(k) as string] : [])).join('\n\n');
  writeFileSync(SUMMARY_FILE, `${headWithoutTable}\n\n${tableBlock}${body}\n`);
}

// ---------------------------------------------------------------------------------------------
// Which katas.

function mutableKatas(): string[] {
  const registered = KATAS.map((k) => k.slug);
  return registered.filter(
    (slug) =>
      existsSync(join(ROOT, 'solutions', `${slug}.ts`)) && existsSync(join(ROOT, 'src', 'suites', `${slug}.test.ts`)),
  );
}

/** Katas whose solution, suite, or kata-named harness file changed in the last commit. */
function changedKatas(all: readonly string[]): string[] {
  let names: string[];
  try {
    names = execFileSync('git', ['diff', '--name-only', 'HEAD~1', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
  } catch {
    return [];
  }
  return all.filter((slug) =>
    names.some(
      (n) =>
        n === `solutions/${slug}.ts` ||
        n === `src/suites/${slug}.test.ts` ||
        (n.startsWith(`src/harness/${slug}`) && n.endsWith('.ts')),
    ),
  );
}

function dayOfYear(date = new Date()): number {
  return Math.floor(
    (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 0)) /
      86_400_000,
  );
}

/** One kata per CI run, to stay in budget: a changed one if any (by day among them), else by day. */
export function rotation(all: readonly string[], changed: readonly string[], day: number): string[] {
  const pool = changed.length > 0 ? changed : all;
  return pool.length === 0 ? [] : [pool[day % pool.length] as string];
}

// ---------------------------------------------------------------------------------------------

function parseArgs(argv: readonly string[]) {
  const slugs: string[] = [];
  let rotate = false;
  let reportOnly = false;
  let budgetMinutes: number | undefined;
  let concurrency = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--rotate') rotate = true;
    else if (arg === '--report-only') reportOnly = true;
    else if (arg === '--budget-minutes' || arg === '--concurrency') {
      const value = Number(argv[++i]);
      if (!Number.isFinite(value) || value <= 0)
        throw new RangeError(`${arg} needs a positive number, got ${JSON.stringify(argv[i])}`);
      if (arg === '--concurrency') concurrency = Math.floor(value);
      else budgetMinutes = value;
    } else if (arg.startsWith('-')) throw new RangeError(`unknown option ${arg}`);
    else slugs.push(arg);
  }
  return { slugs, rotate, reportOnly, budgetMinutes: budgetMinutes ?? (rotate ? 15 : undefined), concurrency };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const all = mutableKatas();
  const unknown = args.slugs.filter(
    (s) => !existsSync(join(ROOT, 'solutions', `${s}.ts`)) || !existsSync(join(ROOT, 'src', 'suites', `${s}.test.ts`)),
  );
  if (unknown.length > 0)
    throw new RangeError(`no solutions/<slug>.ts + src/suites/<slug>.test.ts for: ${unknown.join(', ')}`);
  let katas = args.slugs.length > 0 ? args.slugs : all;
  if (args.rotate) {
    const changed = changedKatas(all);
    katas = rotation(args.slugs.length > 0 ? args.slugs : all, changed, dayOfYear());
    console.log(
      changed.length > 0
        ? `mutate: today's pick among the katas changed in HEAD~1..HEAD (${changed.join(', ')}): ${katas.join(', ')}`
        : `mutate: today's kata (day ${dayOfYear()} of the rotation): ${katas.join(', ')}`,
    );
  }
  if (args.budgetMinutes !== undefined) {
    const minutes = args.budgetMinutes;
    setTimeout(() => {
      console.error(`✗ mutation testing exceeded its budget of ${minutes} minutes`);
      console.log(`0 passed, ${katas.length} failed`);
      process.exit(1);
    }, minutes * 60_000).unref();
  }

  mkdirSync(REPORT_DIR, { recursive: true });
  const Stryker = args.reportOnly ? undefined : await loadStryker();
  const summaries: KataSummary[] = [];
  for (const kata of katas) {
    console.log(`::: mutate ${kata}`);
    const summary = Stryker === undefined ? reSummarise(kata) : await mutateKata(Stryker, kata, args.concurrency);
    writeFileSync(join(REPORT_DIR, `${kata}.json`), `${JSON.stringify(summary, null, 2)}\n`);
    summaries.push(summary);
    writeSummary([summary]);
  }

  console.log('');
  let passed = 0;
  for (const s of summaries) {
    const ok = s.adjustedScore >= TARGET_PERCENT;
    if (ok) passed += 1;
    const unexplained = s.survivors.filter((v) => v.equivalent === undefined);
    console.log(
      `${ok ? '✓' : '✗'} ${s.kata}: ${s.adjustedScore}% (Stryker ${s.score}%: ${s.killed} killed, ${s.timeout} timeout, ` +
        `${s.survived} survived, ${s.noCoverage} no coverage; ${s.survivors.length - unexplained.length} annotated equivalent) in ${s.seconds} s`,
    );
    for (const v of unexplained)
      console.log(`    unexplained survivor ${s.file}:${v.line}:${v.column} ${v.mutator}: ${v.mutated}`);
  }
  console.log(`mutation summary: MUTATION.md, reports: reports/mutation/`);
  console.log(`${passed} passed, ${summaries.length - passed} failed`);
  process.exit(passed === summaries.length ? 0 : 1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
