import fc from 'fast-check';
import type { TensorSpec } from '../../src/harness/compare-tensors.ts';
import { seededUniform } from '../../src/harness/random.ts';
import type { Direction } from './oracle.ts';

/**
 * Inputs of the distillation-loss kata, the one place they are defined: the hidden suite, `kata
 * compare` (compare.ts) and the learner's katas/distillation-loss/distillation-loss.props.ts all draw
 * from here. A case is plain data (float64 copies of float32 values); a property builds the tensors:
 * studentLogits and teacherLogits float32 of `shape` ([N, V] or [B, T, V]), labels int32 of
 * `shape.slice(0, -1)`.
 */
export type { Direction } from './oracle.ts';

/** The options of one call; a field left undefined is not passed (its default applies). */
export interface CaseOptions {
  readonly temperature?: number;
  readonly alpha?: number;
  readonly direction?: Direction;
  readonly ignoreIndex?: number;
}

export interface DistillCase {
  /** [N, V] or [B, T, V]; every dimension ≥ 1. */
  readonly shape: number[];
  /** float32-representable student logits, row-major. */
  readonly student: Float64Array;
  /** float32-representable teacher logits, same shape. */
  readonly teacher: Float64Array;
  /** One label per position: ignoreIndex (about a third) or a class in [0, V); at least one counts. */
  readonly labels: Int32Array;
  /** undefined: called with three arguments. */
  readonly opts: CaseOptions | undefined;
  /** The logits' magnitude: 1 … 1e4. */
  readonly scale: number;
}

/** The options with their defaults filled in, as the oracle wants them. */
export function resolved(opts: CaseOptions | undefined): Required<CaseOptions> {
  return {
    temperature: opts?.temperature ?? 2,
    alpha: opts?.alpha ?? 0.5,
    direction: opts?.direction ?? 'forward',
    ignoreIndex: opts?.ignoreIndex ?? -100,
  };
}

/** [N, V] (N 1..6) or [B, T, V] (B 1..3, T 1..5); V 1..8. */
export const distillShape: fc.Arbitrary<number[]> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 })).map(([n, v]) => [n, v]),
  fc
    .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 8 }))
    .map(([b, t, v]) => [b, t, v]),
);

const caseOptions: fc.Arbitrary<CaseOptions | undefined> = fc.option(
  fc.record(
    {
      temperature: fc.constantFrom(0.5, 1, 2, 3.5, 10),
      alpha: fc.constantFrom(0, 0.25, 0.5, 0.9, 1),
      direction: fc.constantFrom<Direction>('forward', 'reverse'),
      ignoreIndex: fc.constantFrom(-100, -1, 0),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined, freq: 5 },
);

/**
 * A valid call: logits of magnitude up to 1, 8, 60, 1000 or 1e4 (where log(softmax) underflows);
 * the student sometimes a copy of the teacher (KL = 0) or close to it; about a third of the
 * positions ignored, at least one counted.
 */
export const distillCase: fc.Arbitrary<DistillCase> = fc
  .record({
    shape: distillShape,
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 8, 60, 1000, 10000),
    student: fc.constantFrom('random', 'random', 'random', 'copy', 'near'),
    opts: caseOptions,
  })
  .map(({ shape, seed, scale, student, opts }) => {
    // A class id of 0 cannot be counted when V = 1 and ignoreIndex = 0: use the default there.
    const V = shape.at(-1) as number;
    const o = V === 1 && opts?.ignoreIndex === 0 ? { ...opts, ignoreIndex: -100 } : opts;
    return randomCase(shape, seed, scale, student, o);
  });

/** A deterministic random case, from a seed. */
export function randomCase(
  shape: readonly number[],
  seed: number,
  scale: number,
  student: 'random' | 'copy' | 'near',
  opts: CaseOptions | undefined,
): DistillCase {
  const uniform = seededUniform(seed);
  const V = shape.at(-1) as number;
  const size = shape.reduce((a, b) => a * b, 1);
  const teacher = new Float64Array(size).map(() => Math.fround((uniform() * 2 - 1) * scale));
  const studentLogits =
    student === 'copy'
      ? Float64Array.from(teacher)
      : student === 'near'
        ? teacher.map((x) => Math.fround(x + (uniform() * 2 - 1) * 0.1 * scale))
        : new Float64Array(size).map(() => Math.fround((uniform() * 2 - 1) * scale));
  const { ignoreIndex } = resolved(opts);
  const labels = randomLabels(size / V, V, ignoreIndex, uniform);
  return { shape: [...shape], student: studentLogits, teacher, labels, opts, scale };
}

/** About a third ignoreIndex, the rest a class in [0, V) other than ignoreIndex; at least one counted. */
export function randomLabels(n: number, V: number, ignoreIndex: number, uniform: () => number): Int32Array {
  const counted = (): number => {
    for (;;) {
      const id = Math.floor(uniform() * V);
      if (id !== ignoreIndex) return id;
    }
  };
  const labels = new Int32Array(n).map(() => (uniform() < 0.35 ? ignoreIndex : counted()));
  if (labels.every((id) => id === ignoreIndex)) labels[Math.floor(uniform() * n)] = counted();
  return labels;
}

// ---------------------------------------------------------------------------------------------
// Bad calls: one thing wrong, and the error it must raise.

/** An argument of a call: a tensor to build, or a value that is not a tensor, passed as it is. */
export type Arg = { readonly tensor: TensorSpec } | { readonly notATensor: unknown };

export interface BadCall {
  readonly student: Arg;
  readonly teacher: Arg;
  readonly labels: Arg;
  /** undefined: no fourth argument. */
  readonly opts: { readonly value: unknown } | undefined;
  readonly error: 'TypeError' | 'RangeError';
  /** What is wrong, in the words of the prompt. */
  readonly why: string;
}

const TYPE_FAULTS = [
  'studentLogits is not a tensor',
  'teacherLogits is not a tensor',
  'labels is not a tensor',
  'studentLogits is int32',
  'teacherLogits is int32',
  'labels is float32',
  'opts is a string',
  'opts is null',
  'temperature is a string',
  'alpha is a string',
  'ignoreIndex is a string',
] as const;

const RANGE_FAULTS = [
  'studentLogits has rank 1',
  'studentLogits has rank 4',
  'teacherLogits has another shape',
  'labels have the wrong shape',
  'a dimension is 0',
  'a NaN logit',
  'a +Infinity logit',
  'a −Infinity logit',
  'temperature is 0',
  'temperature is negative',
  'temperature is NaN',
  'temperature is Infinity',
  'alpha is negative',
  'alpha is above 1',
  'alpha is NaN',
  'direction is unknown',
  'ignoreIndex is not an integer',
  'every position is ignored',
  'a counted label is V or more',
  'a counted label is negative',
] as const;

export type Fault = (typeof TYPE_FAULTS)[number] | (typeof RANGE_FAULTS)[number];

const f32 = (shape: readonly number[], values: ArrayLike<number>): Arg => ({
  tensor: { shape: [...shape], values: Array.from(values) },
});
const i32 = (shape: readonly number[], values: ArrayLike<number>): Arg => ({
  tensor: { shape: [...shape], values: Array.from(values), dtype: 'int32' },
});

/** `values` with `x` written at position `at` (modulo the length). */
function withValue(values: ArrayLike<number>, at: number, x: number): number[] {
  const out = Array.from(values);
  out[at % out.length] = x;
  return out;
}

/** A call with exactly one thing wrong (`fault`), built from the valid case `c`. */
export function badCallOf(c: DistillCase, fault: Fault, at: number): BadCall {
  const { shape } = c;
  const positions = shape.slice(0, -1);
  const V = shape.at(-1) as number;
  const { ignoreIndex } = resolved(c.opts);
  let student = f32(shape, c.student);
  let teacher = f32(shape, c.teacher);
  let labels = i32(positions, c.labels);
  let opts: { value: unknown } | undefined = c.opts === undefined ? undefined : { value: { ...c.opts } };
  const withOption = (key: string, value: unknown) => {
    opts = { value: { ...c.opts, [key]: value } };
  };
  const inTeacher = at % 2 === 1;
  const notATensor = [Array.from(c.student), null, 0.5][at % 3];
  switch (fault) {
    case 'studentLogits is not a tensor':
      student = { notATensor };
      break;
    case 'teacherLogits is not a tensor':
      teacher = { notATensor };
      break;
    case 'labels is not a tensor':
      labels = { notATensor: Array.from(c.labels) };
      break;
    case 'studentLogits is int32':
      student = i32(shape, c.student.map(Math.round));
      break;
    case 'teacherLogits is int32':
      teacher = i32(shape, c.teacher.map(Math.round));
      break;
    case 'labels is float32':
      labels = f32(positions, c.labels);
      break;
    case 'opts is a string':
      opts = { value: 'reverse' };
      break;
    case 'opts is null':
      opts = { value: null };
      break;
    case 'temperature is a string':
      withOption('temperature', '2');
      break;
    case 'alpha is a string':
      withOption('alpha', '0.5');
      break;
    case 'ignoreIndex is a string':
      withOption('ignoreIndex', String(ignoreIndex));
      break;
    case 'studentLogits has rank 1':
      student = f32([c.student.length], c.student);
      break;
    case 'studentLogits has rank 4': {
      const lead = shape.length === 2 ? [1, 1] : [1];
      student = f32([...lead, ...shape], c.student);
      teacher = f32([...lead, ...shape], c.teacher);
      labels = i32([...lead, ...positions], c.labels);
      break;
    }
    case 'teacherLogits has another shape':
      // One more class: [..., V + 1].
      teacher = f32([...positions, V + 1], new Float64Array((c.teacher.length / V) * (V + 1)).fill(0.5));
      break;
    case 'labels have the wrong shape':
      labels = at % 2 === 0 ? i32([...positions, 1], c.labels) : i32([c.labels.length + 1], [...c.labels, 0]);
      break;
    case 'a dimension is 0': {
      const empty = [...positions.slice(0, -1), 0, V];
      student = f32(empty, []);
      teacher = f32(empty, []);
      labels = i32(empty.slice(0, -1), []);
      break;
    }
    case 'a NaN logit':
    case 'a +Infinity logit':
    case 'a −Infinity logit': {
      const x = fault === 'a NaN logit' ? Number.NaN : fault === 'a +Infinity logit' ? Infinity : -Infinity;
      if (inTeacher) teacher = f32(shape, withValue(c.teacher, at, x));
      else student = f32(shape, withValue(c.student, at, x));
      break;
    }
    case 'temperature is 0':
      withOption('temperature', 0);
      break;
    case 'temperature is negative':
      withOption('temperature', -2);
      break;
    case 'temperature is NaN':
      withOption('temperature', Number.NaN);
      break;
    case 'temperature is Infinity':
      withOption('temperature', Infinity);
      break;
    case 'alpha is negative':
      withOption('alpha', -0.5);
      break;
    case 'alpha is above 1':
      withOption('alpha', 1.5);
      break;
    case 'alpha is NaN':
      withOption('alpha', Number.NaN);
      break;
    case 'direction is unknown':
      withOption('direction', ['backward', 'Forward', 'kl', 'reverse_kl'][at % 4]);
      break;
    case 'ignoreIndex is not an integer':
      withOption('ignoreIndex', [0.5, Number.NaN, Infinity][at % 3]);
      break;
    case 'every position is ignored':
      labels = i32(positions, new Int32Array(c.labels.length).fill(ignoreIndex));
      break;
    case 'a counted label is V or more':
      labels = i32(positions, withValue(c.labels, at, V + (at % 3)));
      break;
    case 'a counted label is negative':
      labels = i32(positions, withValue(c.labels, at, ignoreIndex === -1 ? -100 : -1));
      break;
  }
  const error = (TYPE_FAULTS as readonly string[]).includes(fault) ? 'TypeError' : 'RangeError';
  return { student, teacher, labels, opts, error, why: fault };
}

/** Any bad call: a valid case with one fault. */
export const badCall: fc.Arbitrary<BadCall> = fc
  .record({
    c: distillCase,
    fault: fc.constantFrom<Fault>(...TYPE_FAULTS, ...RANGE_FAULTS),
    at: fc.nat(),
  })
  .map(({ c, fault, at }) => badCallOf(c, fault, at));
