/**
 * The same frequencies written as "default inv_freq divided by a per-pair divisor":
 *  - the default table grows geometrically, inv[i] = inv[i − 1]·base^(−2/dim);
 *  - dynamic NTK uses the closed form base'^(−2i/dim) = base^(−2i/dim)·s^(−2i/(dim − 2)), so only
 *    the slowest pair is divided by the whole s = factor·seqLen/L − (factor − 1);
 *  - YaRN and Llama 3.1 mix 1 and factor per pair: divisor = 1 / (w + (1 − w)/factor) with a
 *    clamped weight w of the unscaled frequency (Llama's smooth factor clamped to [0, 1] replaces
 *    its three branches).
 */
export type RopeType = 'default' | 'linear' | 'dynamic' | 'yarn' | 'llama3';

export interface RopeScalingOptions {
  base?: number;
  ropeType?: RopeType;
  factor?: number;
  originalMaxPositionEmbeddings?: number;
  seqLen?: number;
  betaFast?: number;
  betaSlow?: number;
  lowFreqFactor?: number;
  highFreqFactor?: number;
}

export interface RopeFrequencies {
  invFreq: number[];
  attentionScaling: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : Math.min(x, 1));

function num(options: RopeScalingOptions, key: keyof RopeScalingOptions, fallback?: number): number {
  const value = options[key] === undefined ? fallback : options[key];
  if (typeof value !== 'number') throw new TypeError(`${key} must be a number`);
  if (Number.isNaN(value) || value === Infinity || value === -Infinity) throw new RangeError(`${key} must be finite`);
  return value;
}

function tokens(options: RopeScalingOptions, key: 'originalMaxPositionEmbeddings' | 'seqLen'): number {
  const value = num(options, key);
  if (value < 1 || Math.floor(value) !== value) throw new RangeError(`${key} must be a positive integer`);
  return value;
}

export function ropeInvFreq(dim: number, options: RopeScalingOptions = {}): RopeFrequencies {
  if (typeof dim !== 'number') throw new TypeError('dim must be a number');
  if (!(dim >= 4 && Number.isInteger(dim / 2))) throw new RangeError('dim must be an even integer >= 4');
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const base = num(options, 'base', 10000);
  if (!(base > 1)) throw new RangeError('base must be > 1');
  const type = options.ropeType === undefined ? 'default' : options.ropeType;
  if (!['default', 'linear', 'dynamic', 'yarn', 'llama3'].includes(type)) throw new RangeError('unknown ropeType');

  const half = dim / 2;
  const ratio = base ** (-2 / dim);
  const inv = [1];
  for (let i = 1; i < half; i++) inv.push((inv[i - 1] as number) * ratio);
  if (type === 'default') return { invFreq: inv, attentionScaling: 1 };

  const factor = num(options, 'factor');
  if (factor < 1) throw new RangeError('factor must be >= 1');
  if (type === 'linear') return { invFreq: inv.map((f) => f / factor), attentionScaling: 1 };

  const L = tokens(options, 'originalMaxPositionEmbeddings');
  if (type === 'dynamic') {
    const seqLen = options.seqLen === undefined ? L : tokens(options, 'seqLen');
    const s = seqLen > L ? (factor * seqLen) / L - factor + 1 : 1;
    return { invFreq: inv.map((f, i) => f * s ** ((-2 * i) / (dim - 2))), attentionScaling: 1 };
  }

  // keep[i]: the weight of the unscaled frequency of pair i.
  let keep: (i: number) => number;
  let attentionScaling = 1;
  if (type === 'yarn') {
    const fast = num(options, 'betaFast', 32);
    const slow = num(options, 'betaSlow', 1);
    if (!(slow > 0 && fast > slow)) throw new RangeError('need betaFast > betaSlow > 0');
    // pair index d with L / wavelen(d) = r:  d = dim·ln(L / (2π·r)) / (2·ln base)
    const at = (r: number) => (dim / 2) * (Math.log(L / (2 * Math.PI * r)) / Math.log(base));
    const lo = Math.max(Math.floor(at(fast)), 0);
    const hiInt = Math.min(Math.ceil(at(slow)), dim - 1);
    const width = hiInt === lo ? 0.001 : hiInt - lo;
    keep = (i) => 1 - clamp01((i - lo) / width);
    attentionScaling = 1 + Math.log(factor) / 10;
  } else {
    const lowF = num(options, 'lowFreqFactor', 1);
    const highF = num(options, 'highFreqFactor', 4);
    if (!(lowF > 0 && highF > lowF)) throw new RangeError('need highFreqFactor > lowFreqFactor > 0');
    keep = (i) => clamp01((L / ((2 * Math.PI) / (inv[i] as number)) - lowF) / (highF - lowF));
  }
  return { invFreq: inv.map((f, i) => f / (1 / (keep(i) + (1 - keep(i)) / factor))), attentionScaling };
}
