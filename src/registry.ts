/**
 * The one list of katas, in the order the CLI lists them: each entry is a kit's metadata
 * (kits/<slug>/kit.ts). The CLI, the README table, the anatomy check and CI read it; nothing
 * else branches on a kata's slug. A new kata adds its import and its place in the list.
 */
import mergeKLists from '../kits/merge-k-lists/kit.ts';
import maxProductSubarray from '../kits/max-product-subarray/kit.ts';
import maxIslandArea from '../kits/max-island-area/kit.ts';
import sqrtGradientDescent from '../kits/sqrt-gradient-descent/kit.ts';
import groupedQueryAttention from '../kits/grouped-query-attention/kit.ts';
import rope from '../kits/rope/kit.ts';
import maskedLoss from '../kits/masked-loss/kit.ts';
import decoderBlockForward from '../kits/decoder-block-forward/kit.ts';
import loraLinear from '../kits/lora-linear/kit.ts';
import sampling from '../kits/sampling/kit.ts';
import klDivergence from '../kits/kl-divergence/kit.ts';
import norms from '../kits/norms/kit.ts';
import onlineSoftmax from '../kits/online-softmax/kit.ts';
import mhaKvCache from '../kits/mha-kv-cache/kit.ts';
import moeRouter from '../kits/moe-router/kit.ts';
import dpoLoss from '../kits/dpo-loss/kit.ts';
import grpoAdvantage from '../kits/grpo-advantage/kit.ts';
import gradAccumulation from '../kits/grad-accumulation/kit.ts';
import trainingMemory from '../kits/training-memory/kit.ts';
import sftPackingMask from '../kits/sft-packing-mask/kit.ts';
import ringAllreduce from '../kits/ring-allreduce/kit.ts';
import halfPrecision from '../kits/half-precision/kit.ts';
import lruCache from '../kits/lru-cache/kit.ts';
import beamSearch from '../kits/beam-search/kit.ts';
import distillationLoss from '../kits/distillation-loss/kit.ts';
import contrastiveLoss from '../kits/contrastive-loss/kit.ts';
import slidingWindowAlibi from '../kits/sliding-window-alibi/kit.ts';
import adamwSchedule from '../kits/adamw-schedule/kit.ts';
import ppoGae from '../kits/ppo-gae/kit.ts';
import retrievalMetrics from '../kits/retrieval-metrics/kit.ts';
import speculativeDecoding from '../kits/speculative-decoding/kit.ts';
import ropeScaling from '../kits/rope-scaling/kit.ts';
import quantization from '../kits/quantization/kit.ts';
import bpeTokenizer from '../kits/bpe-tokenizer/kit.ts';
import pagedKvCache from '../kits/paged-kv-cache/kit.ts';
import manualBackward from '../kits/manual-backward/kit.ts';
import mlaAttention from '../kits/mla-attention/kit.ts';
import type { Kit } from './kit/types.ts';

export type { Bilingual, Difficulty, KataKind } from './kit/types.ts';
export type Kata = Kit;

export const KATAS: readonly Kata[] = [
  mergeKLists,
  maxProductSubarray,
  maxIslandArea,
  sqrtGradientDescent,
  groupedQueryAttention,
  rope,
  maskedLoss,
  decoderBlockForward,
  loraLinear,
  sampling,
  klDivergence,
  norms,
  onlineSoftmax,
  mhaKvCache,
  moeRouter,
  dpoLoss,
  grpoAdvantage,
  gradAccumulation,
  trainingMemory,
  sftPackingMask,
  ringAllreduce,
  halfPrecision,
  lruCache,
  beamSearch,
  distillationLoss,
  contrastiveLoss,
  slidingWindowAlibi,
  adamwSchedule,
  ppoGae,
  retrievalMetrics,
  speculativeDecoding,
  ropeScaling,
  quantization,
  bpeTokenizer,
  pagedKvCache,
  manualBackward,
  mlaAttention,
];

export function findKata(slug: string): Kata | undefined {
  return KATAS.find((kata) => kata.slug === slug);
}
