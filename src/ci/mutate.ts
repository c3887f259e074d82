/**
 * Mutation testing of the reference solutions against the hidden suites (StrykerJS + its vitest
 * runner, configured in stryker.config.mjs and vitest.mutate.config.ts).
 *
 *   npm run mutate                      every kata, one after another
 *   npm run mutate -- <slug> [<slug>…]  those katas
 *   npm run mutate -- --rotate          CI: one kata, chosen by the day of the year among those whose
 *                                       solution/suite/harness changed in HEAD~1..HEAD, else among all
 *   --budget-minutes <n>                give up (and fail) after n minutes (25 with --rotate)
 *   --concurrency <n>                   Stryker test-runner processes (default 1: 2 shared cores)
 *   --report-only                       no Stryker run: re-read reports/mutation/<slug>.stryker.json
 *                                       (after editing kits/<slug>/mutants.json)
 *
 * For each kata it writes Stryker's full report (reports/mutation/<slug>.stryker.json), a summary
 * (reports/mutation/<slug>.json) and that kata's section of MUTATION.md. A surviving mutant is
 * excused only when kits/<slug>/mutants.json explains why no test that every correct solution
 * passes can kill it; mutants in error-message text are ignored by src/ci/stryker-error-text.mjs.
 * A kata passes when (detected + excused) / (detected + undetected) >= 90 %. Ends with
 * "N passed, N failed" counting katas.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Stryker as StrykerClass } from '@stryker-mutator/core';
import { REPO_ROOT as ROOT, kitFile, referenceFile, suitePath } from '../paths.ts';
import { KATAS } from '../registry.ts';

const REPORT_DIR = join(ROOT, 'reports', 'mutation');
const SUMMARY_FILE = join(ROOT, 'MUTATION.md');
export const TARGET_PERCENT = 90;
/** MUTATION.md's prose is wrapped at this width. */
const WIDTH = 100;

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
// Annotations: kits/<slug>/mutants.json.

/**
 * A mutant is identified by mutator and its mutated source line(s) (whitespace collapsed): unlike
 * a line:column, that survives edits elsewhere in the file. `line` is for the reader.
 */
interface MutantKey {
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

function readAnnotations(kata: string): Annotations {
  const file = kitFile(ROOT, kata, 'mutants');
  if (!existsSync(file)) return { equivalent: [], killedByNewTests: [] };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Annotations>;
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

const sameMutant = (key: MutantKey, mutator: string, mutated: string): boolean =>
  key.mutator === mutator && squash(key.mutated) === mutated;

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
  /** Mutants in error-message text, ignored (src/ci/stryker-error-text.mjs). */
  readonly ignored: number;
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
  const file = relativeToRoot(referenceFile(ROOT, kata));
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
  return summarise(kata, file, seconds, JSON.parse(readFileSync(reportFile, 'utf8')) as Report, readAnnotations(kata));
}

/** The summary of the last Stryker run of `kata`, with the annotations as they are now. */
function reSummarise(kata: string): KataSummary {
  const reportFile = join(REPORT_DIR, `${kata}.stryker.json`);
  if (!existsSync(reportFile)) throw new Error(`no Stryker report for ${kata}: run npm run mutate -- ${kata}`);
  const previous = join(REPORT_DIR, `${kata}.json`);
  const seconds = existsSync(previous) ? (JSON.parse(readFileSync(previous, 'utf8')) as KataSummary).seconds : 0;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
  return summarise(kata, relativeToRoot(referenceFile(ROOT, kata)), seconds, report, readAnnotations(kata));
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
  const ignored = count('Ignored');
  const valid = killed + timeout + survived + noCoverage;

  const usedEquivalent = new Set<EquivalentAnnotation>();
  const survivors: Survivor[] = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .map((m) => {
      const { original, mutated } = mutatedText(source, m);
      const note = notes.equivalent.find((n) => sameMutant(n, m.mutatorName, mutated));
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
  const killedByNewTests = notes.killedByNewTests.map((n) => {
    const m = byMutated.get(`${n.mutator}\u0000${squash(n.mutated)}`);
    return {
      mutated: squash(n.mutated),
      test: n.test,
      status: m?.status ?? 'not generated any more',
      killedBy: (m?.killedBy ?? []).map((id) => testNames.get(id) ?? id),
    };
  });
  const staleAnnotations = notes.equivalent
    .filter((n) => !usedEquivalent.has(n))
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
    ignored,
    score: percent(killed + timeout),
    adjustedScore: percent(killed + timeout + excused),
    survivors,
    killedByNewTests,
    staleAnnotations,
  };
}

// ---------------------------------------------------------------------------------------------
// MUTATION.md: a table with one row per kata, then one short section per kata, so a run of one
// kata keeps the others' results (their rows are read back from the table).

const code = (text: string, max = 90) => {
  const flat = text.replace(/`/g, "'");
  return `\`${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}\``;
};

/** Wraps `text` at WIDTH, indenting continuation lines by `indent`. */
function wrap(text: string, indent = '  '): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

function section(s: KataSummary): string {
  const verdict = s.adjustedScore >= TARGET_PERCENT ? '✓' : '✗';
  const lines = [
    `### ${s.kata}`,
    '',
    wrap(
      `${verdict} ${s.adjustedScore}% (target ${TARGET_PERCENT}%; Stryker ${s.score}%) on ${s.file}: ${s.total} mutants, ` +
        `${s.killed} killed, ${s.timeout} timeout, ${s.survived} survived, ${s.noCoverage} without coverage, ` +
        `${s.ignored} ignored as message text; ${s.seconds} s on ${today()}.`,
      '',
    ),
    '',
  ];
  if (s.survivors.length > 0) {
    lines.push('Survivors:', '');
    for (const v of s.survivors) {
      const why = v.equivalent ?? `**not explained** (${v.status}): kill it with a test or explain it in mutants.json`;
      lines.push(wrap(`- line ${v.line}, ${v.mutator} ${code(v.mutated)}: ${why}`));
    }
    lines.push('');
  }
  if (s.killedByNewTests.length > 0) {
    lines.push('Killed by tests written for mutation testing:', '');
    for (const k of s.killedByNewTests) {
      const ok = k.status === 'Killed' || k.status === 'Timeout';
      lines.push(wrap(`- ${code(k.mutated)}: ${ok ? '' : `**${k.status}** `}"${k.test}"`));
    }
    lines.push('');
  }
  for (const stale of s.staleAnnotations)
    lines.push(wrap(`- stale note in mutants.json (no such survivor now): ${code(stale)}`));
  if (s.staleAnnotations.length > 0) lines.push('');
  return lines.join('\n').trimEnd();
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const TABLE_HEAD = [
  '| kata | score | Stryker | mutants | killed | timeout | survived | no cov | ignored | time |',
  '|---|---|---|---|---|---|---|---|---|---|',
];

function tableRow(s: KataSummary): string {
  return `| [${s.kata}](#${s.kata}) | ${s.adjustedScore}% | ${s.score}% | ${s.total} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.ignored} | ${s.seconds} s |`;
}

function writeSummary(summaries: readonly KataSummary[]): void {
  const header = [
    '# Mutation testing',
    '',
    wrap(
      "Generated by `npm run mutate` (src/ci/mutate.ts): StrykerJS mutates each kit's reference " +
        "(`kits/<slug>/reference.ts`) and runs that kata's hidden suite against every mutant. " +
        `Target: at least ${TARGET_PERCENT}% per kata, counting a survivor as killed only when ` +
        '`kits/<slug>/mutants.json` says why no test that every correct solution passes can kill it. ' +
        'Mutants inside error-message text are ignored (src/ci/stryker-error-text.mjs): the contracts ' +
        "name the error type, never its wording. A kata's row and section are rewritten when it is " +
        'mutated again.',
      '',
    ),
    '',
  ].join('\n');
  const text = existsSync(SUMMARY_FILE) ? readFileSync(SUMMARY_FILE, 'utf8') : '';
  const rows = new Map<string, string>();
  for (const match of text.matchAll(/^\| \[([a-z0-9-]+)\]\(#\1\) \|.*$/gm)) rows.set(match[1] as string, match[0]);
  const blocks = new Map<string, string>();
  const re = /<!-- mutation:([a-z0-9-]+):start -->[\s\S]*?<!-- mutation:\1:end -->/g;
  for (const match of text.matchAll(re)) blocks.set(match[1] as string, match[0]);
  for (const s of summaries) {
    rows.set(s.kata, tableRow(s));
    blocks.set(s.kata, `<!-- mutation:${s.kata}:start -->\n${section(s)}\n<!-- mutation:${s.kata}:end -->`);
  }
  const order = [...KATAS.map((k) => k.slug), ...[...blocks.keys()].filter((k) => !KATAS.some((x) => x.slug === k))];
  const table = [...TABLE_HEAD, ...order.flatMap((k) => (rows.has(k) ? [rows.get(k) as string] : []))];
  const body = order.flatMap((k) => (blocks.has(k) ? [blocks.get(k) as string] : [])).join('\n\n');
  writeFileSync(
    SUMMARY_FILE,
    `${header}\n<!-- mutation-table:start -->\n${table.join('\n')}\n<!-- mutation-table:end -->\n\n${body}\n`,
  );
}

function relativeToRoot(file: string): string {
  return file.slice(ROOT.length).replace(/^\/+/, '');
}

// ---------------------------------------------------------------------------------------------
// Which katas.

function mutableKatas(): string[] {
  return KATAS.map((k) => k.slug).filter(isMutable);
}

function isMutable(slug: string): boolean {
  return existsSync(referenceFile(ROOT, slug)) && existsSync(join(ROOT, suitePath(slug)));
}

/** Katas whose kit changed in the last commit. */
function changedKatas(all: readonly string[]): string[] {
  let names: string[];
  try {
    names = execFileSync('git', ['diff', '--name-only', 'HEAD~1', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
  } catch {
    return [];
  }
  return all.filter((slug) => names.some((n) => n.startsWith(`kits/${slug}/`) && n.endsWith('.ts')));
}

function dayOfYear(date = new Date()): number {
  return Math.floor(
    (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - Date.UTC(date.getUTCFullYear(), 0, 0)) /
      86_400_000,
  );
}

/**
 * CI's limit for the one kata of the day. The slowest katas take up to 15 minutes on this 2-core
 * machine (grouped-query-attention 889 s, grpo-advantage 872 s), so 15 would fail CI on their day
 * for no fault of the suite; 25 keeps the whole CI run (about 30 minutes without mutation) far
 * inside its 90.
 */
const ROTATION_BUDGET_MINUTES = 25;

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
  return {
    slugs,
    rotate,
    reportOnly,
    budgetMinutes: budgetMinutes ?? (rotate ? ROTATION_BUDGET_MINUTES : undefined),
    concurrency,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const all = mutableKatas();
  const unknown = args.slugs.filter((s) => !isMutable(s));
  if (unknown.length > 0)
    throw new RangeError(`no kits/<slug>/reference.ts + kits/<slug>/suite.test.ts for: ${unknown.join(', ')}`);
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
