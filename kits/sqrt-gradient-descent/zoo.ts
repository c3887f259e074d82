import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'absolute-tolerance',
    hint: {
      en: 'stops when |Δx| <= 1e-9 (an absolute change, copying the accuracy figure): for a = 1e-12 the root is 1e-6, so that is a relative change of 1e-3 and the answer is far from 1e-9 relative accuracy.',
      zh: '',
    },
    why: {
      en: 'stops when |Δx| <= 1e-9 (an absolute change, copying the accuracy figure): for a = 1e-12 the root is 1e-6, so that is a relative change of 1e-3 and the answer is far from 1e-9 relative accuracy.',
      zh: '',
    },
    file: 'zoo/absolute-tolerance.ts',
  },
  {
    id: 'captured-sqrt',
    hint: {
      en: 'destructures sqrt from Math when the module loads and uses it as the starting point; a spy installed later cannot see the call, but it is still the forbidden built-in.',
      zh: '',
    },
    why: {
      en: 'destructures sqrt from Math when the module loads and uses it as the starting point; a spy installed later cannot see the call, but it is still the forbidden built-in.',
      zh: '',
    },
    file: 'zoo/captured-sqrt.ts',
  },
  {
    id: 'fixed-learning-rate',
    hint: {
      en: 'a fixed learning rate of 0.01 on the raw gradient 4x(x² − a): fine for a = 2, but for a = 1e12 the first step jumps to 4e10 and x explodes to Infinity/NaN (and for a = 1e-12 it crawls).',
      zh: '',
    },
    why: {
      en: 'a fixed learning rate of 0.01 on the raw gradient 4x(x² − a): fine for a = 2, but for a = 1e12 the first step jumps to 4e10 and x explodes to Infinity/NaN (and for a = 1e-12 it crawls).',
      zh: '',
    },
    file: 'zoo/fixed-learning-rate.ts',
  },
  {
    id: 'fractional-power',
    hint: {
      en: 'takes the initial guess from a ** 0.5, which is a built-in square root in disguise (no Math call for a spy to see).',
      zh: '',
    },
    why: {
      en: 'takes the initial guess from a ** 0.5, which is a built-in square root in disguise (no Math call for a spy to see).',
      zh: '',
    },
    edits: [
      [
        '  if (!Number.isFinite(a) || a < 0) {\n    throw new RangeError(`a must be a finite number >= 0, got ${a}`);\n  }',
        '  if (!Number.isFinite(a) || a < 0) throw new RangeError(`a must be a finite number >= 0, got ${a}`);',
      ],
      ['\n  let x = Math.max(a, 1);', '  let x = a ** 0.5;'],
      [
        '  throw new Error(\n    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,\n  );',
        '  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);',
      ],
    ],
  },
  {
    id: 'infinity-returns-infinity',
    hint: {
      en: 'checks only for NaN and negatives, and returns Infinity for a = Infinity like Math.sqrt does, instead of throwing RangeError for a non-finite a.',
      zh: '',
    },
    why: {
      en: 'checks only for NaN and negatives, and returns Infinity for a = Infinity like Math.sqrt does, instead of throwing RangeError for a non-finite a.',
      zh: '',
    },
    edits: [
      [
        '  if (!Number.isFinite(a) || a < 0) {\n    throw new RangeError(`a must be a finite number >= 0, got ${a}`);\n  }',
        '  if (Number.isNaN(a) || a < 0) throw new RangeError(`a must be a number >= 0, got ${a}`);\n  if (a === Number.POSITIVE_INFINITY) return a;',
      ],
      [
        '  throw new Error(\n    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,\n  );',
        '  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);',
      ],
    ],
  },
  {
    id: 'negative-returns-nan',
    hint: {
      en: 'mirrors Math.sqrt(-1) and returns NaN for a negative a instead of throwing RangeError, so the bad input flows on silently.',
      zh: '',
    },
    why: {
      en: 'mirrors Math.sqrt(-1) and returns NaN for a negative a instead of throwing RangeError, so the bad input flows on silently.',
      zh: '',
    },
    edits: [
      [
        '  if (!Number.isFinite(a) || a < 0) {\n    throw new RangeError(`a must be a finite number >= 0, got ${a}`);\n  }',
        '  if (Number.isNaN(a) || !Number.isFinite(a)) throw new RangeError(`a must be finite, got ${a}`);\n  if (a < 0) return Number.NaN;',
      ],
      [
        '  throw new Error(\n    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,\n  );',
        '  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);',
      ],
    ],
  },
  {
    id: 'silent-max-steps',
    hint: {
      en: 'when the step budget runs out it returns the last x as if it had converged, so a caller with maxSteps: 2 gets a wildly wrong root and no error.',
      zh: '',
    },
    why: {
      en: 'when the step budget runs out it returns the last x as if it had converged, so a caller with maxSteps: 2 gets a wildly wrong root and no error.',
      zh: '',
    },
    edits: [
      [
        '  if (!Number.isFinite(a) || a < 0) {\n    throw new RangeError(`a must be a finite number >= 0, got ${a}`);\n  }',
        '  if (!Number.isFinite(a) || a < 0) throw new RangeError(`a must be a finite number >= 0, got ${a}`);',
      ],
      [
        '  throw new Error(\n    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,\n  );',
        '  return x;',
      ],
    ],
  },
  {
    id: 'start-at-zero',
    hint: {
      en: 'starts at x = 0, "the natural initial guess"; the gradient 4x(x² − a) is 0 there, x never moves, and the zero step looks like convergence, so every a returns 0.',
      zh: '',
    },
    why: {
      en: 'starts at x = 0, "the natural initial guess"; the gradient 4x(x² − a) is 0 there, x never moves, and the zero step looks like convergence, so every a returns 0.',
      zh: '',
    },
    file: 'zoo/start-at-zero.ts',
  },
  {
    id: 'uses-math-sqrt',
    hint: {
      en: '"warm-starts" from Math.sqrt(a), so the descent has nothing left to do: the answer comes from the built-in the kata forbids.',
      zh: '',
    },
    why: {
      en: '"warm-starts" from Math.sqrt(a), so the descent has nothing left to do: the answer comes from the built-in the kata forbids.',
      zh: '',
    },
    edits: [
      [
        '  if (!Number.isFinite(a) || a < 0) {\n    throw new RangeError(`a must be a finite number >= 0, got ${a}`);\n  }',
        '  if (!Number.isFinite(a) || a < 0) throw new RangeError(`a must be a finite number >= 0, got ${a}`);',
      ],
      ['\n  let x = Math.max(a, 1);', '  let x = Math.sqrt(a);'],
      [
        '  throw new Error(\n    `sqrtGD(${a}) did not converge within maxSteps = ${maxSteps} (last x = ${x}); raise maxSteps or the tolerance`,\n  );',
        '  throw new Error(`sqrtGD(${a}) did not converge within ${maxSteps} steps`);',
      ],
    ],
  },
  {
    id: 'zero-not-special',
    hint: {
      en: 'no special case for a = 0: the root is 0, x halves forever and the relative change |Δx| / x stays 1/2, so sqrtGD(0) runs out of steps and throws instead of returning 0.',
      zh: '',
    },
    why: {
      en: 'no special case for a = 0: the root is 0, x halves forever and the relative change |Δx| / x stays 1/2, so sqrtGD(0) runs out of steps and throws instead of returning 0.',
      zh: '',
    },
    file: 'zoo/zero-not-special.ts',
  },
]);
