import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main } from '../main.ts';
import { makeSandbox, testContext } from '../../testing/sandbox.ts';

/**
 * `kata selftest` end to end, on an algorithm kata and a tensor kata, with sample learner
 * property sets (src/cli/test/fixtures/): a strong set catches the whole zoo, a weak set is told
 * exactly which bugs slipped through, and a wrong property is a false alarm with its counterexample.
 * A fixed seed keeps every run the same.
 */
let sandbox: ReturnType<typeof makeSandbox>;
beforeAll(() => {
  sandbox = makeSandbox();
});
afterAll(() => sandbox.dispose());

async function selftest(slug: string, set: string, ...extra: string[]) {
  const ctx = testContext(sandbox.root);
  const props = join(sandbox.root, 'src/cli/test/fixtures', `${slug}.${set}.props.ts`);
  const code = await main(['selftest', slug, '--props', props, '--seed', '1', ...extra], ctx);
  return { code, out: ctx.output.join('\n'), err: ctx.errors.join('\n') };
}

/** The bug names listed under "Caught (n):" and, with --reveal, under "Slipped through (n):". */
function listed(out: string, heading: 'Caught' | 'Slipped through'): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => line.trim().startsWith(`${heading} (`));
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^ {4}[✓✗] ([a-z0-9-]+):/.exec(line);
    if (match) names.push(match[1] as string);
    else if (!line.startsWith('      ')) break;
  }
  return names.sort();
}

function savedSelftest(slug: string): unknown {
  const state = JSON.parse(readFileSync(join(sandbox.root, '.kata/state.json'), 'utf8')) as {
    katas: Record<string, { selftest: unknown }>;
  };
  return state.katas[slug]?.selftest;
}

describe('kata selftest: max-product-subarray (algorithm kata)', () => {
  test('a strong set catches all 12 bugs, the work dodges too, exit 0, and the score is saved and shown by stats', async () => {
    const { code, out } = await selftest('max-product-subarray', 'strong');
    expect(out).toContain('✓ holds: the empty array throws RangeError');
    expect(listed(out, 'Caught'), out).toHaveLength(12);
    // Counting reads cannot see work done on a copy; the counted module selftest hands in can.
    expect(out).toContain('✓ copy-then-brute-force: by "at most 12·n steps of work, copies included (n up to 3000)"');
    expect(out).toContain('Score: 12/12 bugs caught.');
    expect(out).toContain('Replay the same inputs: npm run kata -- selftest max-product-subarray --seed=1 --props');
    expect(code).toBe(0);
    expect(savedSelftest('max-product-subarray')).toEqual({
      // The run's own clock, started from the test's fixed one.
      at: expect.stringMatching(/^2026-01-01T00:00:/),
      caught: 12,
      bugs: 12,
      falseAlarms: 0,
    });
    const ctx = testContext(sandbox.root);
    await main(['stats'], ctx);
    expect(ctx.output.join('\n')).toContain('max-product-subarray: 12/12');
  });

  test('a weak set is told exactly which bugs slipped through: hints only, what and the diff with --reveal', async () => {
    const missed = [
      'brute-force',
      'copy-then-brute-force',
      'empty-returns-minus-infinity',
      'int32-overflow',
      'no-element-check',
      'no-empty-check',
      'or-zero-coercion',
      'prefix-negative-zero',
    ];
    const hidden = await selftest('max-product-subarray', 'weak');
    expect(hidden.code).toBe(0);
    expect(listed(hidden.out, 'Caught')).toEqual([
      'max-only',
      'prefix-no-reset-on-zero',
      'starts-from-zero',
      'swap-without-temp',
    ]);
    expect(hidden.out).toContain('Slipped through (8):');
    // Without --reveal a slipped bug shows a hint (where to look), not its name nor what is wrong.
    expect(hidden.out).toContain('✗ hint: Try a product larger than 2^31.');
    for (const name of missed) expect(hidden.out).not.toContain(`${name}:`);
    expect(hidden.out).not.toContain('Math.imul');
    expect(hidden.out).toContain('Score: 4/12 bugs caught.');

    const revealed = await selftest('max-product-subarray', 'weak', '--reveal');
    expect(listed(revealed.out, 'Slipped through')).toEqual(missed);
    // --reveal explains the bug and shows it as a small diff against the code it was built from.
    expect(revealed.out).toContain('int32-overflow: Multiplies with Math.imul');
    expect(revealed.out).toContain('+++ .zoo/max-product-subarray/int32-overflow.ts (bug)');
    expect(revealed.out).toMatch(
      /-\s+const a = high \* x;\n\s+-\s+const b = low \* x;\n\s+\+\s+const a = Math\.imul\(high, x\);/,
    );
    expect(savedSelftest('max-product-subarray')).toMatchObject({ caught: 4, bugs: 12, falseAlarms: 0 });
  });

  test('a property that fails on the reference is a false alarm with its shrunk counterexample, exit 1', async () => {
    const { code, out } = await selftest('max-product-subarray', 'false-alarm');
    expect(out).toContain('✓ holds: the answer is at least the largest element');
    expect(out).toMatch(/✗ FALSE ALARM: the answer is never negative\n\s+counterexample: \[-1\]\n/);
    // The false alarm earns no credit: only the sound property is run against the zoo.
    expect(listed(out, 'Caught')).toEqual(['prefix-no-reset-on-zero', 'starts-from-zero']);
    expect(out).toContain('1 false alarm(s)');
    expect(code).toBe(1);
    expect(savedSelftest('max-product-subarray')).toMatchObject({ caught: 2, bugs: 12, falseAlarms: 1 });
  });
});

describe('kata selftest: rope (tensor kata)', () => {
  test('a strong set (oracle, leak check, RangeError, work budget) catches all 16 bugs', async () => {
    const { code, out } = await selftest('rope', 'strong');
    expect(listed(out, 'Caught'), out).toHaveLength(16);
    expect(out).toContain('✓ leaks-tensors: by "leaves no tensor behind but the result"');
    expect(out).toContain('✓ no-validation: by "an odd D throws RangeError"');
    expect(out).toContain('✓ js-loop-over-elements: by "at most 4·T·D + 100 steps of JavaScript per call');
    expect(out).toContain('Score: 16/16 bugs caught.');
    expect(code).toBe(0);
  });

  test('a weak set (shape, dtype, norms) misses the norm-preserving bugs, the validation and the work', async () => {
    const { code, out } = await selftest('rope', 'weak', '--reveal');
    expect(listed(out, 'Caught')).toEqual(['complex-output', 'half-interleaved-freqs', 'wrong-shape-flattened']);
    expect(listed(out, 'Slipped through')).toEqual([
      'base-ignored',
      'base-infinity-accepted',
      'base-nan-accepted',
      'default-interleaved',
      'flipped-sine-sign',
      'fractional-positions',
      'js-loop-over-elements',
      'leaks-tensors',
      'missing-factor-two',
      'negative-positions',
      'no-validation',
      'positions-ignored',
      'tables-tiled-in-js',
    ]);
    expect(out).toContain('Score: 3/16 bugs caught.');
    expect(code).toBe(0);
  });

  test("'half' equals 'interleaved' is a false alarm, shown with its shrunk shape and seed", async () => {
    const { code, out } = await selftest('rope', 'false-alarm');
    expect(out).toMatch(
      /✗ FALSE ALARM: 'half' and 'interleaved' give the same result\n\s+counterexample: \[\[2,4\],0\]\n/,
    );
    expect(out).toContain('None of your properties holds on the reference');
    expect(out).toContain('Score: 0/16 bugs caught; 1 false alarm(s)');
    expect(code).toBe(1);
    expect(savedSelftest('rope')).toMatchObject({ caught: 0, bugs: 16, falseAlarms: 1 });
  });
});

describe('kata selftest: the templates and misuse', () => {
  test("the template's example property holds on the reference (katas/rope/rope.props.ts)", async () => {
    const ctx = testContext(sandbox.root);
    const code = await main(['selftest', 'rope', '--seed', '1', '--runs', '20'], ctx);
    const out = ctx.output.join('\n');
    expect(out).toContain('✓ holds: the result has the shape of x and dtype float32');
    expect(out).not.toContain('FALSE ALARM');
    expect(code).toBe(0);
  });

  test('a props file without a default export is explained, exit 1; a missing file is a usage error', async () => {
    const ctx = testContext(sandbox.root);
    const code = await main(
      ['selftest', 'max-product-subarray', '--props', join(sandbox.root, 'kits/max-product-subarray/inputs.ts')],
      ctx,
    );
    expect(code).toBe(1);
    expect(ctx.output.join('\n')).toContain('must `export default` a function');
    const missing = testContext(sandbox.root);
    expect(
      await main(['selftest', 'max-product-subarray', '--props', join(sandbox.root, 'nope.props.ts')], missing),
    ).toBe(2);
    expect(missing.errors.join('\n')).toContain('No such file');
    const help = testContext(sandbox.root);
    expect(await main(['selftest', '--help'], help)).toBe(0);
    expect(help.output.join('\n')).toContain('npm run kata -- selftest <slug> [--reveal]');
  });
});
