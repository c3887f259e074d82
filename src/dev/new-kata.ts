/**
 * Scaffolds a kata's two folders: the learner's room (katas/<slug>/: prompt, stub, property
 * template) and the kit (kits/<slug>/: metadata, reference, an alternative, oracle, inputs, suite,
 * compare spec, zoo, clause table, follow-ups), plus its entry in src/registry.ts. Every
 * placeholder fails until it is filled in (the suite, the zoo gate, the clause and follow-up
 * checks), so CI cannot mistake a scaffold for a finished kata.
 *
 *   npm run new-kata -- <slug> [--kind algorithm|tensor] [--minutes N]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KATAS } from '../registry.ts';

export interface NewKataOptions {
  readonly root: string;
  readonly slug: string;
  readonly kind: 'algorithm' | 'tensor';
  readonly minutes: number;
}

const camel = (slug: string) => slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function scaffoldFiles({ slug, kind, minutes }: NewKataOptions): Record<string, string> {
  const fn = camel(slug);
  const signature = `export function ${fn}(input: readonly number[]): number`;
  const body = `  throw new Error('TODO: ${slug}');`;
  return {
    [`katas/${slug}/README.md`]: `# ${slug} · TODO 中文标题

**Time budget: ${minutes} minutes** · difficulty: medium · interview list #TODO

## English

TODO: the prompt.

\`\`\`ts
${signature}
\`\`\`

### Constraints
- TODO (a stated complexity is a budget with its constant: "at most 12·n steps of work")

### Examples
\`\`\`
TODO
\`\`\`

### Bad input
TODO: which inputs throw RangeError / TypeError, and what is not checked.

### How would you test it?
- TODO: an oracle, invariants, metamorphic relations.

## 中文

TODO：题面。

\`\`\`ts
${signature}
\`\`\`
`,
    [`katas/${slug}/${slug}.ts`]: `// Kata: ${slug} (${minutes} min). The prompt is in README.md beside this file.
// Check your work: npm run kata -- check ${slug}   (or: npx vitest --watch ${slug})
${kind === 'tensor' ? "\nimport * as tf from '@tensorflow/tfjs';\n" : ''}
${signature} {
  // TODO: replace this line with your solution.
${body}
}
`,
    [`katas/${slug}/${slug}.props.ts`]: `// Your own properties for ${slug}: npm run kata -- selftest ${slug}
// 你自己的性质测试：npm run kata -- selftest ${slug}
import fc from 'fast-check';
import { inputs } from '../../kits/${slug}/inputs.ts';
import type { Properties } from '../../src/harness/properties.ts';
import type * as Kata from './${slug}.ts';

// Call the code only through the argument: selftest hands in the reference, then each zoo bug.
const properties: Properties<typeof Kata> = ({ ${fn} }) => [
  {
    name: 'returns a number',
    property: fc.property(inputs, (input) => typeof ${fn}(input) === 'number'),
  },
];

export default properties;
`,
    [`kits/${slug}/kit.ts`]: `import { defineKit } from '../../src/kit/types.ts';

export default defineKit({
  slug: '${slug}',
  title: { en: 'TODO: ${slug}', zh: 'TODO：${slug}' },
  minutes: ${minutes},
  difficulty: 'medium',
  kind: '${kind}',
  tags: ['todo'],
  seed: [0],
  hints: [
    { en: 'TODO: first hint', zh: 'TODO：第一条提示' },
    { en: 'TODO: second hint', zh: 'TODO：第二条提示' },
  ],
});
`,
    [`kits/${slug}/reference.ts`]: `/** TODO: the reference solution, with a comment on its approach and complexity. */
${signature} {
  throw new Error('TODO: reference for ${slug}');
}
`,
    [`kits/${slug}/alt-todo.ts`]: `/** TODO: another correct solution, written another way (rename the file alt-<how>.ts). */
${signature} {
  throw new Error('TODO: alternative for ${slug}');
}
`,
    [`kits/${slug}/oracle.ts`]: `/** TODO: an independent oracle (brute force, a float64 loop, published vectors), never the reference. */
export function ${fn}Oracle(input: readonly number[]): number {
  throw new Error(\`TODO: oracle for ${slug} (\${input.length} values)\`);
}
`,
    [`kits/${slug}/inputs.ts`]: `import fc from 'fast-check';

/** TODO: random inputs within the kata's constraints, for the suite, compare and the props template. */
export const inputs: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 20 });
`,
    [`kits/${slug}/suite.test.ts`]: `import { describe, expect, test } from 'vitest';
import { ${fn} } from '@impl/${slug}';

describe('${slug}: worked examples', () => {
  test('TODO: replace this placeholder with the hidden suite', () => {
    expect(${fn}, 'the suite is still a placeholder').toBeUndefined();
  });
});
`,
    [`kits/${slug}/compare.ts`]: `import { type Differential, exported, showJson } from '../../src/harness/compare.ts';
import { inputs } from './inputs.ts';

type Fn = (input: readonly number[]) => number;

export const differential: Differential<number[], number> = {
  inputs,
  run: (impl, input) => exported<Fn>(impl, '${fn}')([...input]),
  difference: (a, b) => (Object.is(a, b) ? undefined : \`\${showJson(a)} is not \${showJson(b)}\`),
  show: showJson,
};
`,
    [`kits/${slug}/zoo.ts`]: `import { defineZoo } from '../../src/kit/zoo.ts';

// TODO: at least 8 plausible wrong solutions, each one mistake, as edits against reference.ts or
// an alt-<name>.ts: { id, hint: { en, zh }, why: { en, zh }, base?, edits: [[find, replace]] }.
export default defineZoo([]);
`,
    [`kits/${slug}/clauses.md`]: `# ${slug}: the prompt's clauses and the tests that check them

| # | clause | kind | tests |
|---|---|---|---|
| 1 | TODO: a rule the prompt states | result | \`TODO: the name of the test that fails when it is broken\` |
`,
    [`kits/${slug}/followups.ts`]: `import { defineFollowups } from '../../src/kit/followups.ts';

// TODO: 3 to 5 questions an interviewer asks once the code works, answers in English and 中文.
export default defineFollowups([]);
`,
  };
}

/** The kit's import and its place at the end of the list in src/registry.ts. */
export function withRegistryEntry(registry: string, slug: string): string {
  const name = camel(slug);
  const importLine = `import ${name} from '../kits/${slug}/kit.ts';\n`;
  const lastImport = registry.lastIndexOf("from '../kits/");
  const importEnd = registry.indexOf('\n', lastImport) + 1;
  const listEnd = registry.indexOf('\n];\n', registry.indexOf('export const KATAS'));
  if (lastImport < 0 || listEnd < 0)
    throw new Error('src/registry.ts: could not find the kit imports and the KATAS list');
  return (
    registry.slice(0, importEnd) +
    importLine +
    registry.slice(importEnd, listEnd) +
    `\n  ${name},` +
    registry.slice(listEnd)
  );
}

export function scaffoldKata(options: NewKataOptions): string[] {
  const { root, slug } = options;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
    throw new RangeError(`slug must be kebab-case (a-z, 0-9, -), got ${JSON.stringify(slug)}`);
  if (
    KATAS.some((k) => k.slug === slug) ||
    existsSync(join(root, 'katas', slug)) ||
    existsSync(join(root, 'kits', slug))
  ) {
    throw new RangeError(`a kata named ${slug} already exists`);
  }
  const written: string[] = [];
  for (const [path, text] of Object.entries(scaffoldFiles(options))) {
    const file = join(root, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text, { flag: 'wx' });
    written.push(path);
  }
  const registry = join(root, 'src', 'registry.ts');
  writeFileSync(registry, withRegistryEntry(readFileSync(registry, 'utf8'), slug));
  written.push('src/registry.ts');
  return written;
}

if (process.argv[1]?.endsWith('new-kata.ts')) {
  const { values, positionals } = parseArgs({
    options: { kind: { type: 'string' }, minutes: { type: 'string' } },
    allowPositionals: true,
  });
  const kind = values.kind ?? 'algorithm';
  const minutes = Number(values.minutes ?? 15);
  const slug = positionals[0];
  if (!slug || (kind !== 'algorithm' && kind !== 'tensor') || !Number.isInteger(minutes) || minutes <= 0) {
    console.error('usage: npm run new-kata -- <slug> [--kind algorithm|tensor] [--minutes N]');
    process.exit(2);
  }
  const root = join(import.meta.dirname, '..', '..');
  for (const path of scaffoldKata({ root, slug, kind, minutes })) console.log(`created ${path}`);
  console.log(
    '\nNext: the prompt (en + 中文), the reference and an alternative, the oracle, inputs, the suite, at least 8 zoo bugs,\n' +
      'the clause table and the follow-ups (CONTRIBUTING.md walks through max-product-subarray); then npm run readme.',
  );
}
