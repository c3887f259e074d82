/**
 * RoPE inverse frequencies for context extension, as HF transformers' `ROPE_INIT_FUNCTIONS`
 * (modeling_rope_utils.py) compute them, on plain float64 numbers:
 *  - 'default' (_compute_default_rope_parameters): inv_freq[i] = base^(−2i/dim);
 *  - 'linear'  (position interpolation): inv_freq / factor;
 *  - 'dynamic' (dynamic NTK): the default with base·(factor·seqLen/L − (factor − 1))^(dim/(dim − 2)),
 *    only once seqLen > L;
 *  - 'yarn': a clamped linear ramp over the pair index between floor/ceil correction dims blends
 *    inv_freq (fast pairs) into inv_freq/factor (slow pairs); attention scaling 0.1·ln(factor) + 1;
 *  - 'llama3': by wavelength 2π/inv_freq: short ones kept, long ones divided by factor, a smooth
 *    blend in between.
 * Each returns the pair HF returns: (inv_freq, attention_factor). O(dim).
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

const ROPE_TYPES: readonly string[] = ['default', 'linear', 'dynamic', 'yarn', 'llama3'];

type NumberOption = Exclude<keyof RopeScalingOptions, 'ropeType'>;

/** options[key] as a finite number, or `fallback` when it is left out (no fallback: required). */
function finite(options: RopeScalingOptions, key: NumberOption, fallback?: number): number {
  const value: unknown = options[key];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${key} must be a number, got ${typeof value}`);
  if (!Number.isFinite(value)) throw new RangeError(`${key} must be finite, got ${value}`);
  return value;
}

/** A required integer >= 1 (a length in tokens). */
function positiveInteger(options: RopeScalingOptions, key: NumberOption): number {
  const n = finite(options, key);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${key} must be an integer >= 1, got ${n}`);
  return n;
}

/** factor: required by every type but 'default', a finite number >= 1. */
function scaleFactor(options: RopeScalingOptions): number {
  const factor = finite(options, 'factor');
  if (factor < 1) throw new RangeError(`factor must be >= 1, got ${factor}`);
  return factor;
}

/** _compute_default_rope_parameters: 1 / base^(arange(0, dim, 2) / dim). */
function defaultInvFreq(dim: number, base: number): number[] {
  const invFreq: number[] = [];
  for (let j = 0; j < dim; j += 2) invFreq.push(1 / base ** (j / dim));
  return invFreq;
}

export function ropeInvFreq(dim: number, options: RopeScalingOptions = {}): RopeFrequencies {
  if (typeof dim !== 'number') throw new TypeError(`dim must be a number, got ${typeof dim}`);
  if (!Number.isInteger(dim) || dim < 4 || dim % 2 !== 0) {
    throw new RangeError(`dim must be an even integer >= 4, got ${dim}`);
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const base = finite(options, 'base', 10000);
  if (base <= 1) throw new RangeError(`base must be > 1, got ${base}`);
  const ropeType = options.ropeType ?? 'default';
  if (!ROPE_TYPES.includes(ropeType)) {
    throw new RangeError(`ropeType must be one of ${ROPE_TYPES.join(', ')}, got ${String(ropeType)}`);
  }

  const invFreq = defaultInvFreq(dim, base);
  switch (ropeType) {
    case 'linear': {
      const factor = scaleFactor(options);
      return { invFreq: invFreq.map((f) => f / factor), attentionScaling: 1 };
    }
    case 'dynamic':
      return { invFreq: dynamicNtk(dim, base, options), attentionScaling: 1 };
    case 'yarn':
      return yarn(dim, base, invFreq, options);
    case 'llama3':
      return { invFreq: llama3(invFreq, options), attentionScaling: 1 };
    default:
      return { invFreq, attentionScaling: 1 };
  }
}

/** _compute_dynamic_ntk_parameters: a larger base once the sequence outgrows the trained length. */
function dynamicNtk(dim: number, base: number, options: RopeScalingOptions): number[] {
  const factor = scaleFactor(options);
  const maxPos = positiveInteger(options, 'originalMaxPositionEmbeddings');
  const seqLen = options.seqLen === undefined ? maxPos : positiveInteger(options, 'seqLen');
  // HF: seq_len = max(seq_len, max_position_embeddings); at seqLen = L the new base equals base.
  if (seqLen <= maxPos) return defaultInvFreq(dim, base);
  const scaledBase = base * ((factor * seqLen) / maxPos - (factor - 1)) ** (dim / (dim - 2));
  return defaultInvFreq(dim, scaledBase);
}

/** _compute_yarn_parameters (truncate: floor/ceil the correction range), get_mscale(factor). */
function yarn(dim: number, base: number, invFreq: number[], options: RopeScalingOptions): RopeFrequencies {
  const factor = scaleFactor(options);
  const maxPos = positiveInteger(options, 'originalMaxPositionEmbeddings');
  const betaFast = finite(options, 'betaFast', 32);
  const betaSlow = finite(options, 'betaSlow', 1);
  if (betaSlow <= 0) throw new RangeError(`betaSlow must be > 0, got ${betaSlow}`);
  if (betaFast <= betaSlow) throw new RangeError(`betaFast must be > betaSlow, got ${betaFast} <= ${betaSlow}`);

  // The (fractional) pair index whose wavelength fits `rotations` times into the trained length.
  const correctionDim = (rotations: number) =>
    (dim * Math.log(maxPos / (rotations * 2 * Math.PI))) / (2 * Math.log(base));
  const low = Math.max(Math.floor(correctionDim(betaFast)), 0);
  let high = Math.min(Math.ceil(correctionDim(betaSlow)), dim - 1);
  if (low === high) high += 0.001; // linear_ramp_factor: prevent a division by zero

  const scaled = invFreq.map((f, i) => {
    const ramp = Math.min(Math.max((i - low) / (high - low), 0), 1);
    const extrapolation = 1 - ramp; // inv_freq_extrapolation_factor: 1 for the fast pairs
    return (f / factor) * (1 - extrapolation) + f * extrapolation;
  });
  return { invFreq: scaled, attentionScaling: 0.1 * Math.log(factor) + 1 };
}

/** _compute_llama3_parameters: three bands by wavelength, measured against the trained length. */
function llama3(invFreq: number[], options: RopeScalingOptions): number[] {
  const factor = scaleFactor(options);
  const oldContext = positiveInteger(options, 'originalMaxPositionEmbeddings');
  const lowFreqFactor = finite(options, 'lowFreqFactor', 1);
  const highFreqFactor = finite(options, 'highFreqFactor', 4);
  if (lowFreqFactor <= 0) throw new RangeError(`lowFreqFactor must be > 0, got ${lowFreqFactor}`);
  if (highFreqFactor <= lowFreqFactor) {
    throw new RangeError(`highFreqFactor must be > lowFreqFactor, got ${highFreqFactor} <= ${lowFreqFactor}`);
  }
  const lowFreqWavelen = oldContext / lowFreqFactor;
  const highFreqWavelen = oldContext / highFreqFactor;
  return invFreq.map((f) => {
    const wavelen = (2 * Math.PI) / f;
    if (wavelen < highFreqWavelen) return f;
    if (wavelen > lowFreqWavelen) return f / factor;
    const smooth = (oldContext / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
    return ((1 - smooth) * f) / factor + smooth * f;
  });
}
