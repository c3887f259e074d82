/**
 * Every kata in a real `kata start` session: the learner's file goes stub → reference → the
 * reference saved again → stub, and each save must bring the verdict that version earns (0/N,
 * N/N, N/N, 0/N). The runs after the first reuse a warm worker (src/cli/warm-forks.ts), so this
 * proves, kata by kata, that a warm worker never serves an earlier version of the file or of the
 * suite's state. Runs in a throw-away copy of the repository; each session is stopped by its PID.
 *
 *   npm run check:sessions [-- <slug>…]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSandbox, spawnCli } from '../testing/sandbox.ts';
import { referenceFile } from '../paths.ts';
import { KATAS } from '../registry.ts';

const VERDICT_TIMEOUT_MS = 90_000;

const requested = process.argv.slice(2);
for (const slug of requested) {
  if (!KATAS.some((k) => k.slug === slug)) throw new RangeError(`unknown kata ${JSON.stringify(slug)}`);
}
const slugs = requested.length > 0 ? requested : KATAS.map((k) => k.slug);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function session(root: string, slug: string): Promise<string | null> {
  const file = join(root, 'katas', slug, `${slug}.ts`);
  const stub = readFileSync(file, 'utf8');
  const reference = readFileSync(referenceFile(root, slug), 'utf8');
  const { child, output, exited } = spawnCli(root, ['start', slug, '--restart']);
  const verdicts = () =>
    [...output().matchAll(new RegExp(`${slug}: (\\d+)/(\\d+) tests passed`, 'g'))].map((m) => ({
      passed: Number(m[1]),
      total: Number(m[2]),
    }));
  const nextVerdict = async (count: number) => {
    const started = Date.now();
    while (verdicts().length < count) {
      if (child.exitCode !== null) throw new Error(`the session exited early:\n${output().slice(-2000)}`);
      if (Date.now() - started > VERDICT_TIMEOUT_MS) throw new Error(`no verdict:\n${output().slice(-2000)}`);
      await sleep(100);
    }
    return verdicts()[count - 1] as { passed: number; total: number };
  };
  try {
    const steps: Array<[string, string | null, 'none' | 'all']> = [
      ['stub', null, 'none'],
      ['reference', reference, 'all'],
      ['reference again', `${reference}\n// saved again\n`, 'all'],
      ['stub', stub, 'none'],
    ];
    const seen: string[] = [];
    for (const [i, [label, text, expected]] of steps.entries()) {
      if (text !== null) writeFileSync(file, text);
      const { passed, total } = await nextVerdict(i + 1);
      seen.push(`${label} ${passed}/${total}`);
      const ok = total > 0 && (expected === 'all' ? passed === total : passed === 0);
      if (!ok) return `${seen.join(' → ')}: expected ${expected === 'all' ? 'every' : 'no'} test to pass`;
    }
    console.log(`✓ ${slug}: ${seen.join(' → ')}`);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
    writeFileSync(file, stub);
  }
}

const sandbox = makeSandbox();
let passed = 0;
let failed = 0;
try {
  for (const slug of slugs) {
    const problem = await session(sandbox.root, slug);
    if (problem === null) passed += 1;
    else {
      failed += 1;
      console.log(`✗ ${slug}: ${problem}`);
    }
  }
} finally {
  sandbox.dispose();
}
console.log(`sessions: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
