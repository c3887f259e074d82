import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { instrument } from '../wiring/instrument.ts';
import { measure } from './work.ts';

/**
 * The work counter as a learner's file meets it: source instrumented by src/wiring/instrument.ts,
 * loaded as a module, measured by `measure`. Each hidden copy below walks n = 1000 elements, so
 * each must cost at least n steps, and each must still compute what it computed unmeasured.
 */
const SOURCE = `
export const copyKeys = (m) => [...m.keys()];
export const fromKeys = (m) => Array.from(m.values());
export const typedFromArray = (xs) => new Float64Array(xs);
export const typedOfLength = (n) => new Float64Array(n);
export const typedFromIterator = (m) => Float64Array.from(m.values());
export const mapFromEntries = (m) => new Map(m.entries());
export function* count(n) { for (let i = 0; i < n; i++) yield i; }
export const copyGenerator = (n) => [...count(n)];
export const hugeArray = (n) => Array.from({ length: n }, () => 0);
export const quadratic = (xs) => { let s = 0; for (const a of xs) for (const b of xs) s += a * b; return s; };
`;

type Module = Record<string, (...args: never[]) => unknown>;
let dir = '';
let counted: Module;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kata-work-'));
  const file = join(dir, 'learner.mjs');
  writeFileSync(file, instrument(SOURCE, file, join(import.meta.dirname, 'work.ts')).code);
  counted = (await import(file)) as Module;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const n = 1000;
const values = Array.from({ length: n }, (_, i) => i);
const map = new Map(values.map((v) => [v, v]));
const call = (name: string, arg: unknown) =>
  measure(() => (counted[name] as (a: unknown) => unknown)(arg), { budget: 1e9 });

describe('work counting sees copies that report no size', () => {
  test.each([
    ['[...map.keys()]', 'copyKeys', map],
    ['Array.from(map.values())', 'fromKeys', map],
    ['new Float64Array(array)', 'typedFromArray', values],
    ['Float64Array.from(map.values())', 'typedFromIterator', map],
    ['new Map(map.entries())', 'mapFromEntries', map],
    ['[...generator()] (its own loop counted too)', 'copyGenerator', n],
  ])('%s costs at least n steps and still gives the same elements', (_, name, arg) => {
    const report = call(name, arg);
    expect(report.exceeded).toBe(false);
    expect(report.steps).toBeGreaterThanOrEqual(n);
    const result = report.result as Iterable<unknown>;
    expect(result instanceof Map ? [...result.keys()] : [...result]).toEqual(values);
  });

  test('new Float64Array(n) allocates but copies nothing: a step or two, not n', () => {
    const report = call('typedOfLength', n);
    expect(report.steps).toBeLessThan(10);
    expect((report.result as Float64Array).length).toBe(n);
  });

  test('Array.from({ length: 1e9 }) is charged before it allocates: stopped at once by a budget of 1000', () => {
    const report = measure(() => counted.hugeArray?.(1e9 as never), { budget: 1000 });
    expect(report.exceeded).toBe(true);
    // One step for calling hugeArray, then the length it reports, charged before any element exists.
    expect(report.steps).toBe(1 + 1e9);
  });

  test('a quadratic loop over n = 1000 is stopped at a budget of 10·n', () => {
    const report = measure(() => counted.quadratic?.(values as never), { budget: 10 * n });
    expect(report.exceeded).toBe(true);
  });

  test('unmeasured, the instrumented module behaves as written', () => {
    expect(counted.copyKeys?.(map as never)).toEqual(values);
    expect(counted.quadratic?.([1, 2] as never) as number).toBe(9);
  });
});
