/**
 * Deterministic work counting for the complexity checks. A suite imports the code under test a
 * second time as `@impl-counted/<slug>`: the same file, instrumented at load time
 * (src/wiring/instrument.ts) so that every loop iteration and every function call of the learner's
 * code is one step, and a spread, `new Map(xs)`, `new Set(xs)` or `new Float64Array(xs)` costs the
 * size it copies. While `measure` runs, the built-ins that hide work behind one call are charged by
 * the size they touch (`sort` n·log2 n, `slice`, `indexOf`, `includes`, `concat`, … n), so copying
 * the input first and then working on the copy counts as much as working on the input
 * (`slice(a, b)` costs b − a, what it copies; `indexOf(x, from)` what it may scan). No clock is
 * read: the verdict is the same on every machine.
 *
 * The instrumented module calls `step`, `add` and `spread` through this module; a suite calls
 * `measure`.
 */

/** Thrown inside the measured code once it passes its budget, so a quadratic solution stops early. */
export class WorkBudgetExceeded extends Error {
  override readonly name = 'WorkBudgetExceeded';
  constructor(readonly budget: number) {
    super(`more than ${budget} steps of work`);
  }
}

interface Meter {
  steps: number;
  budget: number;
  active: boolean;
  exceeded: boolean;
}

// Captured before any patching: the meter's own bookkeeping must not be charged, nor recurse.
const objectKeys = Object.keys;
const arrayFrom = Array.from;

const meter: Meter = { steps: 0, budget: Number.POSITIVE_INFINITY, active: false, exceeded: false };

/** One step: a loop iteration or a function call of the instrumented code. */
export function step(): void {
  if (meter.active) add(1);
}

/** `n` steps at once (the size a built-in or a spread touched). */
export function add(n: number): void {
  if (!meter.active) return;
  meter.steps += n;
  if (meter.steps > meter.budget) {
    meter.exceeded = true;
    throw new WorkBudgetExceeded(meter.budget);
  }
}

/**
 * A spread (`[...xs]`, `f(...xs)`), `new Map(xs)`, `new Set(xs)` or a typed-array constructor given
 * a collection: charges what it copies. An iterable with neither `length` nor `size` (a Map's
 * `keys()`, a generator) is walked here into an array, charged its length and handed on in its
 * place: `[...map.keys()]` copies every key, whatever the iterator reports about itself. Spreading
 * or constructing from the array gives the same elements the iterator would have.
 */
export function spread<T>(value: T): T {
  if (!meter.active) return value;
  if (isUnsizedIterable(value)) {
    const items = arrayFrom(value);
    add(items.length);
    return items as T;
  }
  add(sizeOf(value));
  return value;
}

function isUnsizedIterable(value: unknown): value is Iterable<unknown> {
  if (value === null || typeof value !== 'object') return false;
  const sized = value as { length?: unknown; size?: unknown; [Symbol.iterator]?: unknown };
  return (
    typeof sized.length !== 'number' && typeof sized.size !== 'number' && typeof sized[Symbol.iterator] === 'function'
  );
}

/** An object spread (`{ ...o }`): charges its own keys. */
export function spreadObject<T>(value: T): T {
  if (meter.active && value !== null && typeof value === 'object') add(objectKeys(value).length);
  return value;
}

function sizeOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object') return 0;
  const sized = value as { length?: unknown; size?: unknown };
  if (typeof sized.length === 'number') return sized.length;
  if (typeof sized.size === 'number') return sized.size;
  return 0;
}

export interface WorkOptions {
  /** The most steps the call may take; past it the call is stopped with WorkBudgetExceeded. */
  readonly budget: number;
  /**
   * Charge built-ins (default true). Tensor katas turn it off: tfjs's own kernels use array
   * built-ins, and only the learner's loops over elements are of interest there.
   */
  readonly builtins?: boolean;
}

export interface WorkReport<T> {
  /** Steps counted (up to the point the budget stopped the call). */
  readonly steps: number;
  /** True when the call went past its budget (even if the learner's code caught the error). */
  readonly exceeded: boolean;
  /** What the call returned, when it returned. */
  readonly result?: T;
  /** What it threw, when it threw something other than the budget error. */
  readonly error?: unknown;
}

/**
 * Runs `call` with the meter on. The call must use the `@impl-counted/<slug>` module for its steps
 * to count; inputs should be built before, outside `call`, so only the solution's work is charged.
 */
export function measure<T>(call: () => T, options: WorkOptions): WorkReport<T> {
  if (meter.active) throw new Error('measure: already measuring (measure calls do not nest)');
  if (!(options.budget >= 0)) throw new RangeError(`measure: budget must be >= 0, got ${options.budget}`);
  meter.steps = 0;
  meter.budget = options.budget;
  meter.exceeded = false;
  const restore = options.builtins === false ? () => undefined : chargeBuiltins();
  meter.active = true;
  try {
    const result = call();
    return meter.exceeded ? { steps: meter.steps, exceeded: true } : { steps: meter.steps, exceeded: false, result };
  } catch (error) {
    if (meter.exceeded || error instanceof WorkBudgetExceeded) return { steps: meter.steps, exceeded: true };
    return { steps: meter.steps, exceeded: false, error };
  } finally {
    meter.active = false;
    restore();
  }
}

type Cost = (self: unknown, args: readonly unknown[]) => number;

const linear: Cost = (self) => sizeOf(self);
/** An index argument as the built-ins read it: negative counts from the end, clamped to [0, n]. */
function at(index: unknown, n: number, fallback: number): number {
  if (index === undefined) return fallback;
  const i = Math.trunc(Number(index)) || 0;
  return i < 0 ? Math.max(0, n + i) : Math.min(i, n);
}
/** slice(start, end): the elements it copies. */
const sliced: Cost = (self, args) => {
  const n = sizeOf(self);
  return Math.max(0, at(args[1], n, n) - at(args[0], n, 0));
};
/** indexOf(x, from), includes(x, from): the elements it may scan from `from` on. */
const scannedFrom: Cost = (self, args) => {
  const n = sizeOf(self);
  return n - at(args[1], n, 0);
};
/** splice(start, deleteCount, ...items): the elements after `start` that move, plus those inserted. */
const spliced: Cost = (self, args) => {
  const n = sizeOf(self);
  return Math.max(0, n - at(args[0], n, 0)) + Math.max(0, args.length - 2);
};
const nLogN: Cost = (self) => {
  const n = sizeOf(self);
  return n <= 1 ? n : n * Math.ceil(Math.log2(n));
};
const withArgs: Cost = (self, args) => {
  let total = sizeOf(self);
  for (let i = 0; i < args.length; i++) total += sizeOf(args[i]);
  return total;
};
const ownKeysOfArgs: Cost = (_self, args) => {
  let total = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg !== null && typeof arg === 'object') total += objectKeys(arg).length;
  }
  return total;
};
const firstArg: Cost = (_self, args) => sizeOf(args[0]);

const ARRAY_LINEAR = [
  'lastIndexOf',
  'join',
  'reverse',
  'fill',
  'copyWithin',
  'flat',
  'flatMap',
  'map',
  'filter',
  'forEach',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'toReversed',
  'toSpliced',
  'with',
  'shift',
  'unshift',
] as const;
const TYPED_LINEAR = [
  'lastIndexOf',
  'join',
  'reverse',
  'fill',
  'copyWithin',
  'map',
  'filter',
  'forEach',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'toReversed',
  'with',
] as const;
const STRING_LINEAR = [
  'split',
  'lastIndexOf',
  'replace',
  'replaceAll',
  'toLowerCase',
  'toUpperCase',
  'trim',
  'normalize',
  'localeCompare',
] as const;

/** Wraps the built-ins that hide linear or n·log n work, charging their cost; returns the undo. */
function chargeBuiltins(): () => void {
  const undo: Array<() => void> = [];
  /** `cost` is charged before the call; `resultCost` (work that shows only in the result) after it. */
  const wrap = (
    owner: object,
    name: string,
    cost: Cost,
    resultCost?: (result: unknown, args: readonly unknown[]) => number,
  ) => {
    const original = (owner as Record<string, unknown>)[name];
    if (typeof original !== 'function') return;
    const charged = function (this: unknown, ...args: unknown[]) {
      add(cost(this, args));
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (resultCost !== undefined) add(resultCost(result, args));
      return result;
    };
    Object.defineProperty(charged, 'name', { value: original.name });
    const descriptor = Object.getOwnPropertyDescriptor(owner, name);
    Object.defineProperty(owner, name, { ...descriptor, value: charged });
    undo.push(() => Object.defineProperty(owner, name, descriptor as PropertyDescriptor));
  };
  const typedProto = Object.getPrototypeOf(Int8Array.prototype) as object;
  for (const name of ARRAY_LINEAR) wrap(Array.prototype, name, linear);
  wrap(Array.prototype, 'slice', sliced);
  wrap(Array.prototype, 'indexOf', scannedFrom);
  wrap(Array.prototype, 'includes', scannedFrom);
  wrap(Array.prototype, 'splice', spliced);
  wrap(Array.prototype, 'concat', withArgs);
  wrap(Array.prototype, 'sort', nLogN);
  wrap(Array.prototype, 'toSorted', nLogN);
  for (const name of TYPED_LINEAR) wrap(typedProto, name, linear);
  wrap(typedProto, 'slice', sliced);
  wrap(typedProto, 'indexOf', scannedFrom);
  wrap(typedProto, 'includes', scannedFrom);
  wrap(typedProto, 'sort', nLogN);
  wrap(typedProto, 'toSorted', nLogN);
  wrap(typedProto, 'set', firstArg);
  for (const name of STRING_LINEAR) wrap(String.prototype, name, linear);
  for (const name of ['slice', 'substring'] as const) wrap(String.prototype, name, sliced);
  for (const name of ['indexOf', 'includes'] as const) wrap(String.prototype, name, scannedFrom);
  for (const name of ['startsWith', 'endsWith'] as const) wrap(String.prototype, name, firstArg);
  wrap(String.prototype, 'repeat', (self, args) => sizeOf(self) * Number(args[0] ?? 0));
  // What the argument reports is charged first (so `Array.from({ length: 1e9 })` stops before it
  // allocates); what an iterator that reports no size (`map.keys()`) built beyond that, after.
  const builtBeyond = (result: unknown, args: readonly unknown[]) => Math.max(0, sizeOf(result) - sizeOf(args[0]));
  wrap(Array, 'from', firstArg, builtBeyond);
  wrap(Object.getPrototypeOf(Int8Array) as object, 'from', firstArg, builtBeyond);
  for (const name of ['keys', 'values', 'entries', 'assign', 'fromEntries'] as const) wrap(Object, name, ownKeysOfArgs);
  wrap(JSON, 'stringify', firstArg);
  wrap(JSON, 'parse', firstArg);
  return () => {
    for (let i = undo.length - 1; i >= 0; i--) (undo[i] as () => void)();
  };
}
