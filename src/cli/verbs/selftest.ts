import { progressFor } from '../progress.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { NamedProperty, PropertyTools } from '../../harness/properties.ts';
import { measure } from '../../harness/work.ts';
import { instrumentTypeScript } from '../../wiring/instrument.ts';
import { type BuiltBug, buildZoo } from '../../kit/zoo.ts';
import { propsFile, referenceFile, zooBuildDir } from '../../paths.ts';
import { bugDiff } from '../bug-diff.ts';
import { jobContext, runIsolated } from '../isolated.ts';
import type { Kata } from '../../registry.ts';
import { type CliContext, UsageError, tr } from '../context.ts';
import { progressOf } from '../state.ts';
import { paint } from '../style.ts';
import { type Verb, kataOrExplain, positiveIntOption, stringOption } from '../verb.ts';

/**
 * `kata selftest <slug>`: the learner's own properties (katas/<slug>/<slug>.props.ts) are run
 * against the reference, where every one must hold (a failure there is a false alarm), then
 * against every wrong solution in the kata's zoo (kits/<slug>/zoo.ts, built into .zoo/<slug>/),
 * where at least one should fail.
 *
 * Scoring: a bug is caught when any property that holds on the reference fails on it (a crash of
 * the bug inside a property counts as a failure). A property with a false alarm is not run
 * against the zoo and earns nothing: "fails on everything" is not a test. Score = caught / bugs.
 *
 * Every check uses the same seed, so the reference and each bug see the same inputs, and
 * `--seed` replays a run. A property is interrupted between runs after TIME_LIMIT_MS (counted as
 * no failure); a single run that never returns (an infinite loop) cannot be interrupted.
 */
export const DEFAULT_RUNS = 100;
export const TIME_LIMIT_MS = 20_000;

export const selftest: Verb = {
  name: 'selftest',
  usage: 'selftest <slug> [--reveal] [--props file.ts] [--runs N] [--seed N]',
  summary: {
    en: 'Run your own properties (katas/<slug>/<slug>.props.ts) against the reference and the zoo of wrong solutions',
    zh: '用你自己写的性质测试（katas/<slug>/<slug>.props.ts）检验参考答案和错误实现集合',
  },
  details: {
    en: [
      'Every property must hold on the reference: one that fails there is a false alarm, printed with its shrunk counterexample, and earns no credit.',
      'Then each wrong solution in the zoo is caught if one of your properties fails on it. Caught bugs are named; a slipped bug shows only a hint, unless --reveal shows what it gets wrong and its diff.',
      'The score (caught / bugs) is saved and shown by `stats`. --runs sets runs per property (default 100); --seed replays the same inputs.',
    ].join('\n'),
    zh: [
      '每个性质都必须在参考答案上成立：在参考答案上失败的性质是误报，会打印缩小后的反例，且不计分。',
      '然后逐个运行错误实现：只要有一个性质失败，这个 bug 就算被抓到。抓到的 bug 会显示名字；漏掉的 bug 只显示提示；加 --reveal 会显示它错在哪里以及它的 diff。',
      '得分（抓到数 / bug 总数）会被记录，`stats` 中可见。--runs 设置每个性质的运行次数（默认 100）；--seed 重放同样的输入。',
    ].join('\n'),
  },
  options: {
    reveal: { type: 'boolean' },
    props: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
  },
  async run(ctx, positionals, options) {
    const kata = kataOrExplain(ctx, positionals[0]);
    const given = stringOption(options, 'props');
    const file = given === undefined ? propsFile(ctx.root, kata.slug) : resolve(ctx.cwd, given);
    if (!existsSync(file)) {
      throw new UsageError(
        given === undefined
          ? tr(ctx, {
              en: `Your properties file for ${kata.slug} is missing (${file}). Restore the template with: git checkout -- katas/${kata.slug}/${kata.slug}.props.ts`,
              zh: `${kata.slug} 的性质测试文件不见了（${file}）。用以下命令恢复模板：git checkout -- katas/${kata.slug}/${kata.slug}.props.ts`,
            })
          : tr(ctx, { en: `No such file: ${file}`, zh: `文件不存在：${file}` }),
      );
    }
    const seedText = stringOption(options, 'seed');
    const seed = seedText === undefined ? randomSeed() : Number(seedText);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got ${JSON.stringify(seedText)}`);
    const runs = positiveIntOption(options, 'runs') ?? DEFAULT_RUNS;
    // Your properties and code run in a child process with the run limit per step and the heap cap.
    return runIsolated(ctx, {
      verb: 'selftest',
      context: jobContext(ctx),
      slug: kata.slug,
      propsFile: file,
      params: { runs, seed, reveal: options.reveal === true, replayProps: given },
    });
  },
};

function randomSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0x1_0000_0000)) | 0;
}

type ImplModule = Record<string, unknown>;
type Factory = (impl: ImplModule, tools: PropertyTools<ImplModule>) => readonly NamedProperty[];

interface Verdict {
  readonly failed: boolean;
  /** Stopped by the time limit before `numRuns` runs, without a failure. */
  readonly interrupted: boolean;
  readonly numRuns: number;
  readonly numShrinks: number;
  readonly counterexample: string;
  readonly error: string;
}

interface BugResult {
  readonly bug: BuiltBug;
  /** Which property caught it, or why it counts as caught without one (it crashed on load). */
  readonly caughtBy?: { readonly name: string; readonly counterexample: string } | undefined;
  readonly interrupted: readonly string[];
}

export interface SelftestParams {
  readonly runs: number;
  readonly seed: number;
  readonly reveal: boolean;
  /** The --props argument as given, repeated in the replay command. */
  readonly replayProps?: string | undefined;
  /** Told before each property runs on each implementation (the isolated runner's watchdog). */
  readonly onStep?: (label: string) => void;
}

export async function selftestOn(ctx: CliContext, kata: Kata, file: string, params: SelftestParams): Promise<number> {
  // Loaded on demand: the algorithm katas never pay for tfjs.
  if (kata.kind === 'tensor') await (await import('../../harness/backend.ts')).useBackendFromEnv();
  const shown = display(ctx, file);
  let factory: Factory;
  let onReference: NamedProperty[];
  try {
    factory = await loadFactory(file);
    onReference = buildProperties(factory, await loadImplementation(ctx.root, referenceFile(ctx.root, kata.slug)));
  } catch (error) {
    ctx.out(
      paint(
        ctx.color,
        'red',
        tr(ctx, { en: `Could not load your properties (${shown}):`, zh: `无法加载你的性质测试（${shown}）：` }),
      ),
    );
    ctx.out(indent(errorText(error, 12)));
    return 1;
  }
  if (onReference.length === 0) {
    ctx.out(
      paint(
        ctx.color,
        'red',
        tr(ctx, {
          en: `${shown} returns no properties: write at least one (see the example in the template).`,
          zh: `${shown} 没有返回任何性质：请至少写一个（参考模板中的示例）。`,
        }),
      ),
    );
    return 1;
  }

  ctx.out(
    paint(
      ctx.color,
      'bold',
      tr(ctx, {
        en: `selftest ${kata.slug}: ${onReference.length} propert${onReference.length === 1 ? 'y' : 'ies'} from ${shown}, ${params.runs} runs each, seed ${params.seed}`,
        zh: `selftest ${kata.slug}：${shown} 中的 ${onReference.length} 个性质，每个运行 ${params.runs} 次，seed ${params.seed}`,
      }),
    ),
  );

  // 1. The reference: every property must hold.
  ctx.out('');
  ctx.out(
    tr(ctx, { en: 'On the reference solution (each property must hold):', zh: '在参考答案上（每个性质都必须成立）：' }),
  );
  const sound: number[] = [];
  const falseAlarms: string[] = [];
  for (const [index, prop] of onReference.entries()) {
    params.onStep?.(
      tr(ctx, {
        en: `property ${index + 1}/${onReference.length} on the reference`,
        zh: `第 ${index + 1}/${onReference.length} 个性质，在参考答案上`,
      }),
    );
    const verdict = await checkProperty(prop, params);
    if (!verdict.failed) {
      sound.push(index);
      const note = verdict.interrupted
        ? paint(
            ctx.color,
            'yellow',
            tr(ctx, {
              en: ` (stopped after ${verdict.numRuns} runs: slower than ${TIME_LIMIT_MS / 1000} s)`,
              zh: `（运行 ${verdict.numRuns} 次后因超过 ${TIME_LIMIT_MS / 1000} 秒而停止）`,
            }),
          )
        : '';
      ctx.out(`  ${paint(ctx.color, 'green', '✓')} ${tr(ctx, { en: 'holds', zh: '成立' })}: ${prop.name}${note}`);
      continue;
    }
    falseAlarms.push(prop.name);
    ctx.out(
      `  ${paint(ctx.color, 'red', '✗')} ${paint(ctx.color, 'red', tr(ctx, { en: 'FALSE ALARM', zh: '误报' }))}: ${prop.name}`,
    );
    ctx.out(`      ${tr(ctx, { en: 'counterexample:', zh: '反例：' })} ${clip(verdict.counterexample, 400)}`);
    ctx.out(
      `      ${tr(ctx, {
        en: `(found after ${verdict.numRuns} run(s), shrunk ${verdict.numShrinks} time(s))`,
        zh: `（第 ${verdict.numRuns} 次运行发现，缩小了 ${verdict.numShrinks} 次）`,
      })}`,
    );
    ctx.out(indent(verdict.error, '      '));
  }

  // 2. The zoo: a bug is caught when a sound property fails on it.
  const bugs = await buildZoo(ctx.root, [kata.slug]);
  ctx.out('');
  if (bugs.length === 0) {
    ctx.out(
      tr(ctx, {
        en: `The zoo of ${kata.slug} has no wrong solutions yet, so only the false-alarm check ran (no score recorded).`,
        zh: `${kata.slug} 的错误实现集合还是空的，所以只做了误报检查（不记录得分）。`,
      }),
    );
    return finish(ctx, kata, params, falseAlarms, undefined);
  }
  ctx.out(
    tr(ctx, {
      en: `On the ${bugs.length} wrong solutions in the zoo (a property should fail on each):`,
      zh: `在错误实现集合的 ${bugs.length} 个实现上（每个都应有性质失败）：`,
    }),
  );
  if (sound.length === 0) {
    ctx.out(
      paint(
        ctx.color,
        'red',
        tr(ctx, {
          en: `  None of your properties holds on the reference, so none was run against the zoo: 0/${bugs.length} caught.`,
          zh: `  你的性质在参考答案上都不成立，所以没有在错误实现上运行：抓到 0/${bugs.length}。`,
        }),
      ),
    );
    return finish(ctx, kata, params, falseAlarms, { caught: 0, bugs: bugs.length });
  }
  const results: BugResult[] = [];
  for (const [n, bug] of bugs.entries()) {
    const step = tr(ctx, { en: `wrong solution ${n + 1}/${bugs.length}`, zh: `第 ${n + 1}/${bugs.length} 个错误实现` });
    params.onStep?.(step);
    results.push(
      await runOnBug(
        ctx.root,
        bug,
        factory,
        onReference,
        sound,
        { ...params, onStep: () => params.onStep?.(step) },
        tr(ctx, { en: '(loading it)', zh: '（加载时即出错）' }),
      ),
    );
  }

  const caught = results.filter((r) => r.caughtBy !== undefined);
  const slipped = results.filter((r) => r.caughtBy === undefined);
  ctx.out(
    `  ${paint(ctx.color, 'green', tr(ctx, { en: `Caught (${caught.length}):`, zh: `抓到（${caught.length}）：` }))}`,
  );
  for (const r of caught) {
    const by = r.caughtBy as NonNullable<BugResult['caughtBy']>;
    ctx.out(
      `    ${paint(ctx.color, 'green', '✓')} ${r.bug.id}: ${tr(ctx, { en: 'by', zh: '性质' })} "${by.name}"${by.counterexample ? tr(ctx, { en: ' on ', zh: '，反例 ' }) + clip(by.counterexample, 120) : ''}`,
    );
  }
  ctx.out(
    `  ${paint(ctx.color, slipped.length === 0 ? 'green' : 'red', tr(ctx, { en: `Slipped through (${slipped.length}):`, zh: `漏掉（${slipped.length}）：` }))}`,
  );
  for (const r of slipped) {
    ctx.out(
      params.reveal
        ? `    ${paint(ctx.color, 'red', '✗')} ${r.bug.id}: ${tr(ctx, r.bug.why)}\n${indent(bugDiff(ctx, r.bug), '      ')}`
        : `    ${paint(ctx.color, 'red', '✗')} ${tr(ctx, { en: 'hint', zh: '提示' })}: ${tr(ctx, r.bug.hint)}`,
    );
    if (r.interrupted.length > 0) {
      ctx.out(
        `      ${paint(
          ctx.color,
          'yellow',
          tr(ctx, {
            en: `(stopped after ${TIME_LIMIT_MS / 1000} s without a failure: ${r.interrupted.map((n) => `"${n}"`).join(', ')})`,
            zh: `（超过 ${TIME_LIMIT_MS / 1000} 秒仍未失败而停止：${r.interrupted.map((n) => `"${n}"`).join('、')}）`,
          }),
        )}`,
      );
    }
  }
  if (slipped.length > 0 && !params.reveal) {
    ctx.out(
      `  ${tr(ctx, { en: 'Add --reveal to see each bug that slipped through: what it gets wrong, as a diff against the correct code.', zh: '加上 --reveal 可查看每个漏掉的 bug：错在哪里，以及它相对正确代码的 diff。' })}`,
    );
  }
  return finish(ctx, kata, params, falseAlarms, { caught: caught.length, bugs: bugs.length });
}

function finish(
  ctx: CliContext,
  kata: Kata,
  params: SelftestParams,
  falseAlarms: readonly string[],
  score: { caught: number; bugs: number } | undefined,
): number {
  ctx.out('');
  const alarms =
    falseAlarms.length === 0
      ? ''
      : tr(ctx, {
          en: `; ${falseAlarms.length} false alarm(s): a property that fails on the reference catches nothing`,
          zh: `；${falseAlarms.length} 个误报：在参考答案上失败的性质不计分`,
        });
  if (score !== undefined) {
    const colour = falseAlarms.length > 0 ? 'red' : score.caught === score.bugs ? 'green' : 'yellow';
    ctx.out(
      paint(
        ctx.color,
        colour,
        tr(ctx, {
          en: `Score: ${score.caught}/${score.bugs} bugs caught${alarms}.`,
          zh: `得分：抓到 ${score.caught}/${score.bugs} 个 bug${alarms}。`,
        }),
      ),
    );
    progressFor(ctx).update((state) => {
      progressOf(state, kata.slug).selftest = {
        at: ctx.now().toISOString(),
        caught: score.caught,
        bugs: score.bugs,
        falseAlarms: falseAlarms.length,
      };
    });
  } else if (falseAlarms.length > 0) {
    ctx.out(
      paint(
        ctx.color,
        'red',
        tr(ctx, { en: `${falseAlarms.length} false alarm(s).`, zh: `${falseAlarms.length} 个误报。` }),
      ),
    );
  }
  const extra = `${params.replayProps === undefined ? '' : ` --props ${params.replayProps}`}${params.runs === DEFAULT_RUNS ? '' : ` --runs ${params.runs}`}`;
  ctx.out(
    tr(ctx, {
      en: `Replay the same inputs: npm run kata -- selftest ${kata.slug} --seed=${params.seed}${extra}`,
      zh: `重放同样的输入：npm run kata -- selftest ${kata.slug} --seed=${params.seed}${extra}`,
    }),
  );
  return falseAlarms.length === 0 ? 0 : 1;
}

async function runOnBug(
  root: string,
  bug: BuiltBug,
  factory: Factory,
  onReference: readonly NamedProperty[],
  sound: readonly number[],
  params: SelftestParams,
  loadLabel: string,
): Promise<BugResult> {
  let props: NamedProperty[];
  try {
    props = buildProperties(factory, await loadImplementation(root, bug.file));
  } catch (error) {
    // Building the properties only reads the module's exports; a throw here is the bug's doing.
    return { bug, caughtBy: { name: loadLabel, counterexample: firstLine(errorText(error, 1)) }, interrupted: [] };
  }
  const interrupted: string[] = [];
  for (const index of sound) {
    const prop = props[index];
    if (prop === undefined || prop.name !== onReference[index]?.name) continue;
    params.onStep?.(prop.name);
    const verdict = await checkProperty(prop, params);
    if (verdict.failed)
      return { bug, caughtBy: { name: prop.name, counterexample: verdict.counterexample }, interrupted };
    if (verdict.interrupted) interrupted.push(prop.name);
  }
  return { bug, interrupted };
}

async function checkProperty(prop: NamedProperty, params: SelftestParams): Promise<Verdict> {
  let details: fc.RunDetails<unknown>;
  try {
    details = await fc.check(prop.property, {
      numRuns: params.runs,
      seed: params.seed,
      plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
    });
  } catch (error) {
    // fast-check itself threw (e.g. a broken arbitrary): report it like a failure with no input.
    return {
      failed: true,
      interrupted: false,
      numRuns: 0,
      numShrinks: 0,
      counterexample: '(none: fast-check could not run the property)',
      error: errorText(error, 8),
    };
  }
  const counterexample = details.counterexample === null ? '' : showArgs(details.counterexample);
  return {
    failed: details.failed,
    interrupted: details.interrupted,
    numRuns: details.numRuns,
    numShrinks: details.numShrinks,
    counterexample,
    error: details.failed ? errorText(details.errorInstance, 8) : '',
  };
}

async function loadFactory(file: string): Promise<Factory> {
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof module.default !== 'function') {
    throw new TypeError(
      'the file must `export default` a function that takes the implementation module and returns ' +
        '[{ name, property: fc.property(...) }, ...]; see katas/<slug>/<slug>.props.ts',
    );
  }
  return module.default as Factory;
}

const WORK_RUNTIME = fileURLToPath(new URL('../../harness/work.ts', import.meta.url));

/** A module and its instrumented twin (for properties that count work, as the hidden suite does). */
interface Implementation {
  readonly module: ImplModule;
  readonly counted: ImplModule;
}

async function loadImplementation(root: string, file: string): Promise<Implementation> {
  const module = (await import(pathToFileURL(file).href)) as ImplModule;
  return { module, counted: await importCounted(root, file) };
}

/** `file` instrumented for the work counter, written beside the built zoo and imported. */
async function importCounted(root: string, file: string): Promise<ImplModule> {
  const dir = join(zooBuildDir(root), '.counted');
  mkdirSync(dir, { recursive: true });
  const source = readFileSync(file, 'utf8');
  const target = join(dir, `${createHash('sha1').update(file).update(source).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(target)) {
    // The very module `measure` comes from, so the counted code and the meter share one counter.
    const code = instrumentTypeScript(source, file, WORK_RUNTIME);
    writeFileSync(target, relocate(code, dirname(file), dir));
  }
  return (await import(pathToFileURL(target).href)) as ImplModule;
}

/** Relative imports of the original file, pointed at the same files from the copy's folder. */
function relocate(code: string, fromDir: string, toDir: string): string {
  return code.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\2/g, (_m, lead, quote, spec) => {
    let moved = relative(toDir, resolve(fromDir, spec)).split('\\').join('/');
    if (!moved.startsWith('.')) moved = `./${moved}`;
    return `${lead}${quote}${moved}${quote}`;
  });
}

function buildProperties(factory: Factory, impl: Implementation): NamedProperty[] {
  const list: unknown = factory(impl.module, { counted: impl.counted, measure });
  if (!Array.isArray(list))
    throw new TypeError(`the default export must return an array of { name, property }, got ${typeof list}`);
  return list.map((item: unknown, index) => {
    const candidate = item as Partial<NamedProperty> | null;
    const property = candidate?.property as Partial<fc.IRawProperty<unknown>> | undefined;
    if (typeof candidate?.name !== 'string' || candidate.name === '') {
      throw new TypeError(`property #${index + 1} needs a non-empty name (a string)`);
    }
    if (typeof property?.generate !== 'function' || typeof property.run !== 'function') {
      throw new TypeError(
        `property "${candidate.name}" is not a fast-check property: use fc.property(arbitrary, predicate)`,
      );
    }
    return candidate as NamedProperty;
  });
}

function showArgs(args: unknown): string {
  return Array.isArray(args) && args.length === 1 ? fc.stringify(args[0]) : fc.stringify(args);
}

function errorText(error: unknown, maxLines: number): string {
  const text =
    error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  const lines = text.trimEnd().split('\n');
  return lines.length <= maxLines ? lines.join('\n') : [...lines.slice(0, maxLines), '…'].join('\n');
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

/** A path relative to the repository when it is inside it. */
function display(ctx: Pick<CliContext, 'root'>, file: string): string {
  const rel = relative(ctx.root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split('\\').join('/');
}
