/**
 * Scaffolds a kata: prompt, stub, property template, reference, hidden suite, arbitraries,
 * compare spec, an empty zoo folder, and a registry entry. Every placeholder fails until it is
 * filled in, so CI cannot mistake a scaffold for a finished kata.
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

export function scaffoldFiles({ slug, minutes }: NewKataOptions): Record<string, string> {
  const fn = camel(slug);
  const signature = `export function ${fn}(input: readonly number[]): number`;
  return {
    [`katas/${slug}/README.md`]: `# ${slug} · TODO 中文标题

**Time budget: ${minutes} min** · difficulty: medium · interview list #TODO

## English

TODO: the prompt.

\`\`\`ts
${signature}
\`\`\`

### Constraints
- TODO

### Examples
\`\`\`
TODO
\`\`\`

### Bad input
TODO: which inputs throw RangeError / TypeError.

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

${signature} {
  // TODO: replace this line with your solution.
  throw new Error('TODO: ${slug}');
}
`,
    [`katas/${slug}/${slug}.props.ts`]: `// Your own properties for ${slug}: npm run kata -- selftest ${slug}
// 你自己的性质测试：npm run kata -- selftest ${slug}
import fc from 'fast-check';
import type { Properties } from '../harness/properties.ts';
import { inputs } from '../arbitraries/${slug}.ts';

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
    [`solutions/${slug}.ts`]: `/** TODO: the reference solution, with a comment on its approach and complexity. */
${signature} {
  throw new Error('TODO: reference for ${slug}');
}
`,
    [`src/suites/${slug}.test.ts`]: `import { describe, expect, test } from 'vitest';
import { ${fn} } from '@impl/${slug}';

describe('${slug}: worked examples', () => {
  test('TODO: replace this placeholder with the hidden suite', () => {
    expect(${fn}, 'the suite is still a placeholder').toBeUndefined();
  });
});
`,
    [`src/arbitraries/${slug}.ts`]: `import fc from 'fast-check';

/** TODO: random inputs within the kata's constraints, shared by the suite, compare and selftest. */
export const inputs: fc.Arbitrary<number[]> = fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 20 });
`,
    [`src/differential/${slug}.ts`]: `import { inputs } from '../arbitraries/${slug}.ts';
import { type Differential, exported, showJson } from './types.ts';

type Fn = (input: readonly number[]) => number;

export const differential: Differential<number[], number> = {
  inputs,
  run: (impl, input) => exported<Fn>(impl, '${fn}')([...input]),
  difference: (a, b) => (Object.is(a, b) ? undefined : \`\${showJson(a)} is not \${showJson(b)}\`),
  show: showJson,
};
`,
    [`solutions/zoo/${slug}/.gitkeep`]: '',
  };
}

export function registryEntry({ slug, kind, minutes }: NewKataOptions): string {
  return `  {
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
  },
`;
}

export function scaffoldKata(options: NewKataOptions): string[] {
  const { root, slug } = options;
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
    throw new RangeError(`slug must be kebab-case (a-z, 0-9, -), got ${JSON.stringify(slug)}`);
  if (KATAS.some((k) => k.slug === slug) || existsSync(join(root, 'katas', slug))) {
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
  const text = readFileSync(registry, 'utf8');
  const end = text.lastIndexOf('];\n\nexport function findKata');
  if (end < 0) throw new Error('src/registry.ts: could not find the end of KATAS');
  writeFileSync(registry, text.slice(0, end) + registryEntry(options) + text.slice(end));
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
  console.log(`\nNext: write the prompt, the reference, the suite and at least 5 zoo bugs; then npm run readme.`);
}
