import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { learnerFile, referenceFile } from '../impl-target.ts';
import type { Kata } from '../registry.ts';

/** The files every kata must have; the CLI, CI and the README table rely on them. */
export function kataFiles(root: string, kata: Kata) {
  return {
    prompt: join(root, 'katas', kata.slug, 'README.md'),
    stub: learnerFile(root, kata.slug),
    reference: referenceFile(root, kata.slug),
    suite: join(root, 'src', 'suites', `${kata.slug}.test.ts`),
    'property template': join(root, 'katas', kata.slug, `${kata.slug}.props.ts`),
    arbitraries: join(root, 'src', 'arbitraries', `${kata.slug}.ts`),
    'compare spec': join(root, 'src', 'differential', `${kata.slug}.ts`),
  };
}

/** What is missing or malformed in a kata's anatomy; empty when it is whole. */
export function anatomyProblems(root: string, kata: Kata): string[] {
  const files = kataFiles(root, kata);
  const problems: string[] = [];
  for (const [role, file] of Object.entries(files)) {
    if (!existsSync(file)) problems.push(`${kata.slug}: the ${role} is missing (${file})`);
  }
  if (existsSync(files.prompt)) {
    const prompt = readFileSync(files.prompt, 'utf8');
    if (!/^## English$/m.test(prompt)) problems.push(`${kata.slug}: README.md has no "## English" section`);
    if (!/^## 中文$/m.test(prompt)) problems.push(`${kata.slug}: README.md has no "## 中文" section`);
    if (!prompt.includes(`${kata.minutes} min`))
      problems.push(`${kata.slug}: README.md does not state the ${kata.minutes}-minute budget`);
  }
  if (existsSync(files.stub)) {
    const stub = readFileSync(files.stub, 'utf8');
    if (!stub.includes('// TODO')) problems.push(`${kata.slug}: the stub has no "// TODO" line to start from`);
    if (!stub.includes(`throw new Error('TODO: ${kata.slug}')`))
      problems.push(`${kata.slug}: the stub does not throw new Error('TODO: ${kata.slug}')`);
  }
  if (existsSync(files.suite)) {
    const suite = readFileSync(files.suite, 'utf8');
    if (/from ['"][./]*solutions\//.test(suite))
      problems.push(`${kata.slug}: the hidden suite imports from solutions/`);
    if (!suite.includes(`'@impl/${kata.slug}'`))
      problems.push(`${kata.slug}: the hidden suite does not import '@impl/${kata.slug}'`);
  }
  return problems;
}
