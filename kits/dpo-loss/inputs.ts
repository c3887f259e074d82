import fc from 'fast-check';
import { randomValues, seededUniform } from '../../src/harness/random.ts';

/**
 * Inputs of the dpo-loss kata, shared by the hidden suite, the compare spec and the learner's
 * katas/dpo-loss/dpo-loss.props.ts. Plain data only: a property builds the tensors.
 */
export type DpoLossType = 'sigmoid' | 'ipo' | 'hinge';

export interface DpoOptions {
  readonly beta?: number;
  readonly labelSmoothing?: number;
  readonly lossType?: DpoLossType;
}

export interface DpoCase {
  /** Sequence log-probs (float32-representable), each of length n. */
  readonly policyChosen: number[];
  readonly policyRejected: number[];
  readonly refChosen: number[];
  readonly refRejected: number[];
  /** Only the options the case sets; the others take their defaults (β 0.1, ε 0, 'sigmoid'). */
  readonly opts: DpoOptions;
}

/** n in 1..6 pairs of log-probs in [−scale, 0) for scale 1, 10 or 100; β, ε and the loss type given or defaulted. */
export const dpoCase: fc.Arbitrary<DpoCase> = fc
  .record({
    n: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 10, 100),
    beta: fc.option(fc.constantFrom(0.01, 0.1, 0.5, 1, 2), { nil: undefined }),
    labelSmoothing: fc.option(fc.constantFrom(0, 0.1, 0.25, 0.49), { nil: undefined }),
    lossType: fc.option(fc.constantFrom<DpoLossType>('sigmoid', 'ipo', 'hinge'), { nil: undefined }),
  })
  .map(({ n, seed, scale, beta, labelSmoothing, lossType }) => {
    const v = randomValues(4 * n, seed, scale);
    const part = (k: number) => Array.from(v.subarray(k * n, (k + 1) * n), (x) => -Math.abs(x));
    return {
      policyChosen: part(0),
      policyRejected: part(1),
      refChosen: part(2),
      refRejected: part(3),
      opts: {
        ...(beta !== undefined && { beta }),
        ...(labelSmoothing !== undefined && { labelSmoothing }),
        ...(lossType !== undefined && { lossType }),
      },
    };
  });

export interface SeqCase {
  readonly B: number;
  readonly T: number;
  readonly V: number;
  /** Flat [B, T, V] logits, float32-representable. */
  readonly logits: number[];
  /** Flat [B, T] labels: about a third are ignoreIndex, labels[:, 0] may be anything. */
  readonly labels: number[];
  readonly ignoreIndex: number;
  /** When true, every row has at least one counted label in labels[:, 1:] (so `average` is defined). */
  readonly everyRowCounted: boolean;
}

/** B 1..3, T 1..6, V 1..6, logits of magnitude up to 1, 8 or 60, ignoreIndex −100 or −1. */
export const seqCase: fc.Arbitrary<SeqCase> = fc
  .record({
    B: fc.integer({ min: 1, max: 3 }),
    T: fc.integer({ min: 1, max: 6 }),
    V: fc.integer({ min: 1, max: 6 }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    scale: fc.constantFrom(1, 8, 60),
    ignoreIndex: fc.constantFrom(-100, -100, -1),
  })
  .map(({ B, T, V, seed, scale, ignoreIndex }) => {
    const logits = Array.from(randomValues(B * T * V, seed, scale));
    const u = seededUniform(seed ^ 0x5bd1e995);
    const labels = Array.from({ length: B * T }, () => (u() < 0.35 ? ignoreIndex : Math.floor(u() * V)));
    let everyRowCounted = T > 1;
    for (let b = 0; b < B; b++) {
      if (u() < 0.5) labels[b * T] = 99; // never a target: garbage must not matter
      let any = false;
      for (let t = 1; t < T; t++) any ||= labels[b * T + t] !== ignoreIndex;
      everyRowCounted &&= any;
    }
    return { B, T, V, logits, labels, ignoreIndex, everyRowCounted };
  });
