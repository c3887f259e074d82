import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeSandbox } from './sandbox.ts';

const sb = makeSandbox();
const slugs = process.argv.slice(2);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (const slug of slugs) {
  const file = join(sb.root, 'katas', slug, `${slug}.ts`);
  const stub = readFileSync(file, 'utf8');
  const ref = readFileSync(join(sb.root, 'solutions', `${slug}.ts`), 'utf8');
  const child = spawn(join(sb.root, 'node_modules/.bin/tsx'), ['src/cli/bin.ts', 'start', slug, '--restart'], {
    cwd: sb.root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const verdicts = () => [...out.matchAll(new RegExp(`${slug}: (\\d+)/(\\d+) tests passed`, 'g'))].map((m) => `${m[1]}/${m[2]}`);
  const waitVerdicts = async (n: number) => { for (let i = 0; i < 600 && verdicts().length < n; i++) await sleep(100); };
  await waitVerdicts(1);
  for (const [i, text] of [ref, `${ref}\n// again\n`, `${ref}\n// and again\n`, stub].entries()) {
    writeFileSync(file, text);
    await waitVerdicts(i + 2);
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  console.log(slug, verdicts().join(' '));
  if (verdicts().length < 5) console.log(out.slice(-3000));
}
sb.dispose();
