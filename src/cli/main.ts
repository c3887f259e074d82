import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type CliContext, UsageError, langFrom, tr } from './context.ts';
import { REPO_ROOT } from '../paths.ts';
import { closestMatches } from './closest.ts';
import { StateIoError } from './state.ts';
import type { Verb } from './verb.ts';
import { VERBS, DEFAULT_VERB } from './verbs/index.ts';

const GLOBAL_OPTIONS = {
  lang: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: readonly string[], base: Partial<CliContext> = {}): Promise<number> {
  const verbName = argv[0] !== undefined && !argv[0].startsWith('-') ? argv[0] : undefined;
  const verb = verbName === undefined ? DEFAULT_VERB : VERBS.find((v) => v.name === verbName);
  const rest = verbName === undefined ? argv : argv.slice(1);
  const warnings: string[] = [];
  const envLang = base.lang ?? langFrom(undefined, process.env, (warning) => warnings.push(warning));
  let ctx = makeContext(base, envLang);
  for (const warning of warnings) ctx.err(warning);
  try {
    if (!verb) {
      const known = VERBS.map((v) => v.name);
      const near = closestMatches(verbName ?? '', known);
      throw new UsageError(
        tr(ctx, {
          en: `Unknown command "${verbName}".${near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : ''} Commands: ${known.join(', ')}`,
          zh: `没有 "${verbName}" 这个命令。${near.length > 0 ? `你是不是想用：${near.join('、')}？` : ''}可用命令：${known.join(', ')}`,
        }),
      );
    }
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...GLOBAL_OPTIONS, ...verb.options },
      allowPositionals: true,
      strict: true,
    });
    const flag = values.lang as string | undefined;
    ctx = makeContext(base, flag === undefined ? envLang : langFrom(flag, process.env), values.yes === true);
    if (values.help === true) {
      ctx.out(verbName === undefined ? generalHelp(ctx) : verbHelp(ctx, verb));
      return 0;
    }
    return await verb.run(ctx, positionals, values);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      ctx.err((error as Error).message);
      return 2;
    }
    // A state that cannot be read or written is explained in one line, never a stack trace.
    if (error instanceof StateIoError) {
      ctx.err(
        tr(ctx, {
          en: `Could not read or save your progress: ${error.reason().en}`,
          zh: `无法读取或保存进度：${error.reason().zh}`,
        }),
      );
      return 1;
    }
    throw error;
  }
}

function makeContext(base: Partial<CliContext>, lang: CliContext['lang'] | undefined, yes = false): CliContext {
  const interactive = Boolean(process.stdin.isTTY) && process.env.CI !== 'true';
  return {
    lang: lang ?? base.lang ?? langFrom(undefined, process.env),
    yes: yes || (base.yes ?? false),
    interactive: base.interactive ?? interactive,
    color: base.color ?? (Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined),
    root: base.root ?? REPO_ROOT,
    cwd: base.cwd ?? (process.env.INIT_CWD || process.cwd()),
    out: base.out ?? ((text) => process.stdout.write(`${text}\n`)),
    err: base.err ?? ((text) => process.stderr.write(`${text}\n`)),
    now: base.now ?? (() => new Date()),
    ask: base.ask ?? askOnTerminal,
    readLine: base.readLine ?? readLineOnTerminal,
  };
}

async function readLineOnTerminal(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    return answer === 'y' || answer === 'yes' || answer === '是';
  } finally {
    rl.close();
  }
}

function generalHelp(ctx: CliContext): string {
  const width = Math.max(...VERBS.map((v) => v.usage.length));
  return [
    tr(ctx, { en: 'Usage: npm run kata -- <command> [options]', zh: '用法：npm run kata -- <命令> [选项]' }),
    '',
    ...VERBS.map((v) => `  ${v.usage.padEnd(width)}  ${tr(ctx, v.summary)}`),
    '',
    tr(ctx, {
      en: 'Every command takes --help, --lang en|zh (or KATA_LANG), and --yes to skip confirmations.',
      zh: '每个命令都支持 --help、--lang en|zh（或环境变量 KATA_LANG），以及跳过确认的 --yes。',
    }),
  ].join('\n');
}

function verbHelp(ctx: CliContext, verb: Verb): string {
  return [
    `npm run kata -- ${verb.usage}`,
    '',
    tr(ctx, verb.summary),
    ...(verb.details ? ['', tr(ctx, verb.details)] : []),
  ].join('\n');
}
