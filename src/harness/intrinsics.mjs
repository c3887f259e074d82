// @ts-check
/**
 * A snapshot of the JavaScript built-ins a verdict depends on (Object.is, Math, the array and
 * string methods, JSON, …): every own property of each, by identity. The hidden suites' setup
 * (src/harness/setup.ts) checks it around every test, so a learner's file that replaces
 * `Object.is` or `Array.prototype.join` cannot fake a verdict; the warm worker threads of
 * `kata start` (src/cli/warm-thread-entry.mjs) check it after every run and retire a thread whose
 * built-ins were changed. Plain JavaScript: the worker threads load it without a TypeScript loader.
 */

const typedArray = Object.getPrototypeOf(Int8Array);
// The checker's own tools, captured before any code under test runs: it must not be fooled by the
// very replacements it looks for.
const is = Object.is;
const ownKeys = Reflect.ownKeys;
const describe = Object.getOwnPropertyDescriptor;
const define = Object.defineProperty;

/** @returns {Array<[string, object]>} */
function watched() {
  /** @type {Array<[string, object]>} */
  const list = [
    ['Object', Object],
    ['Object.prototype', Object.prototype],
    ['Function.prototype', Function.prototype],
    ['Array', Array],
    ['Array.prototype', Array.prototype],
    ['TypedArray', typedArray],
    ['TypedArray.prototype', typedArray.prototype],
    ['String', String],
    ['String.prototype', String.prototype],
    ['Number', Number],
    ['Number.prototype', Number.prototype],
    ['Boolean.prototype', Boolean.prototype],
    ['BigInt.prototype', BigInt.prototype],
    ['Symbol', Symbol],
    ['Math', Math],
    ['JSON', JSON],
    ['Reflect', Reflect],
    ['Map.prototype', Map.prototype],
    ['Set.prototype', Set.prototype],
    ['WeakMap.prototype', WeakMap.prototype],
    ['Promise', Promise],
    ['Promise.prototype', Promise.prototype],
    ['RegExp.prototype', RegExp.prototype],
  ];
  // Date is left out: no verdict depends on it, and libraries extend it (ts-fsrs adds methods to
  // Date.prototype when it loads).
  for (const name of ['Float32Array', 'Float64Array', 'Int32Array', 'Uint8Array', 'Int8Array', 'Uint32Array']) {
    list.push([`${name}.prototype`, /** @type {any} */ (globalThis)[name].prototype]);
  }
  return list;
}

const GLOBAL_NAMES = [
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'Math',
  'JSON',
  'Reflect',
  'Map',
  'Set',
  'WeakMap',
  'Promise',
  'RegExp',
  'Error',
  'TypeError',
  'RangeError',
  'Float32Array',
  'Float64Array',
  'Int32Array',
  'Uint8Array',
  'Int8Array',
  'Uint32Array',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'structuredClone',
];

/**
 * @typedef {{ owner: object, key: PropertyKey, label: string, descriptor: PropertyDescriptor }} Entry
 * @typedef {{ entries: Entry[], owners: Map<object, Set<PropertyKey>> }} Snapshot
 */

/** @returns {Snapshot} */
export function snapshotIntrinsics() {
  /** @type {Entry[]} */
  const entries = [];
  /** @type {Map<object, Set<PropertyKey>>} */
  const owners = new Map();
  for (const [name, owner] of watched()) {
    const keys = new Set(ownKeys(owner));
    owners.set(owner, keys);
    for (const key of keys) {
      const descriptor = describe(owner, key);
      if (descriptor) entries.push({ owner, key, label: `${name}.${String(key)}`, descriptor });
    }
  }
  for (const key of GLOBAL_NAMES) {
    const descriptor = describe(globalThis, key);
    if (descriptor) entries.push({ owner: globalThis, key, label: `globalThis.${key}`, descriptor });
  }
  return { entries, owners };
}

/** @param {PropertyDescriptor} a @param {PropertyDescriptor | undefined} b */
function same(a, b) {
  return b !== undefined && is(a.value, b.value) && a.get === b.get && a.set === b.set;
}

/**
 * The built-ins that differ from the snapshot: replaced, deleted, or (on a watched prototype)
 * added. Empty when nothing changed.
 * @param {Snapshot} snapshot
 * @returns {string[]}
 */
export function changedIntrinsics(snapshot) {
  const changed = [];
  for (const { owner, key, label, descriptor } of snapshot.entries) {
    if (!same(descriptor, describe(owner, key))) changed.push(label);
  }
  for (const [owner, keys] of snapshot.owners) {
    if (owner === globalThis) continue;
    for (const key of ownKeys(owner)) {
      if (!keys.has(key)) changed.push(`${labelOf(snapshot, owner)}.${String(key)} (added)`);
    }
  }
  return changed;
}

/** @param {Snapshot} snapshot @param {object} owner */
function labelOf(snapshot, owner) {
  const entry = snapshot.entries.find((e) => e.owner === owner);
  return entry ? entry.label.slice(0, entry.label.lastIndexOf('.')) : '?';
}

/**
 * Puts every changed built-in back as it was in the snapshot, and removes added properties.
 * @param {Snapshot} snapshot
 */
export function restoreIntrinsics(snapshot) {
  for (const { owner, key, descriptor } of snapshot.entries) {
    if (!same(descriptor, describe(owner, key))) {
      try {
        define(owner, key, descriptor);
      } catch {
        // A property made non-configurable by the learner's code cannot be put back; the check
        // still reports it, and the worker thread is retired.
      }
    }
  }
  for (const [owner, keys] of snapshot.owners) {
    for (const key of ownKeys(owner)) {
      if (!keys.has(key)) {
        try {
          delete (/** @type {any} */ (owner)[key]);
        } catch {
          // As above.
        }
      }
    }
  }
}
