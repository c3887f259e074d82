import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'activation-literal-formula',
    hint: {
      en: 'evaluates sbh·(34 + 5as/h) as written, dividing 5as by h first: when h does not divide 5as the result drifts off the exact integer (56604449.99999999 for s = 777, h = 1000, a = 10).',
      zh: '',
    },
    why: {
      en: 'evaluates sbh·(34 + 5as/h) as written, dividing 5as by h first: when h does not divide 5as the result drifts off the exact integer (56604449.99999999 for s = 777, h = 1000, a = 10).',
      zh: '',
    },
    file: 'zoo/activation-literal-formula.ts',
  },
  {
    id: 'activation-no-s-squared',
    hint: {
      en: 'drops the s/h factor from the attention-score term (5a·sbh instead of 5as²b), as if the a·s·s score matrix grew with h like the other activations.',
      zh: '',
    },
    why: {
      en: 'drops the s/h factor from the attention-score term (5a·sbh instead of 5as²b), as if the a·s·s score matrix grew with h like the other activations.',
      zh: '',
    },
    file: 'zoo/activation-no-s-squared.ts',
  },
  {
    id: 'data-parallel-divides',
    hint: {
      en: 'believes plain data parallelism (stage 0) already spreads the model over the GPUs, so every part is divided by N at every stage.',
      zh: '',
    },
    why: {
      en: 'believes plain data parallelism (stage 0) already spreads the model over the GPUs, so every part is divided by N at every stage.',
      zh: '',
    },
    file: 'zoo/data-parallel-divides.ts',
  },
  {
    id: 'divide-early',
    hint: {
      en: 'divides before multiplying (K·(Ψ/N)): Ψ/N is rarely a whole number, so 11·(175e9/77) comes out as 24999999999.999996 instead of 25e9.',
      zh: '',
    },
    why: {
      en: 'divides before multiplying (K·(Ψ/N)): Ψ/N is rarely a whole number, so 11·(175e9/77) comes out as 24999999999.999996 instead of 25e9.',
      zh: '',
    },
    file: 'zoo/divide-early.ts',
  },
  {
    id: 'gpus-not-validated',
    hint: {
      en: 'checks gpus only for being positive, not for being an integer, so 1.5 GPUs silently gives a number.',
      zh: '',
    },
    why: {
      en: 'checks gpus only for being positive, not for being an integer, so 1.5 GPUs silently gives a number.',
      zh: '',
    },
    file: 'zoo/gpus-not-validated.ts',
  },
  {
    id: 'no-fp32-master',
    hint: {
      en: 'counts Adam as m and v only (8 bytes per parameter), forgetting the fp32 master copy of the weights, so K defaults to 8 and plain DP needs 12Ψ instead of 16Ψ.',
      zh: '',
    },
    why: {
      en: 'counts Adam as m and v only (8 bytes per parameter), forgetting the fp32 master copy of the weights, so K defaults to 8 and plain DP needs 12Ψ instead of 16Ψ.',
      zh: '',
    },
    file: 'zoo/no-fp32-master.ts',
  },
  {
    id: 'stage1-divides-grads',
    hint: {
      en: 'thinks ZeRO-1 already shards the gradients (it only shards the optimizer state; stage 2 adds the grads).',
      zh: '',
    },
    why: {
      en: 'thinks ZeRO-1 already shards the gradients (it only shards the optimizer state; stage 2 adds the grads).',
      zh: '',
    },
    file: 'zoo/stage1-divides-grads.ts',
  },
  {
    id: 'stage1-total-over-n',
    hint: {
      en: 'divides the whole 16Ψ by N already at stage 1 ("ZeRO shards the model states"), when stage 1 shards only the optimizer state: 7.5e9 on 64 GPUs gives 1.875e9 instead of 31.40625e9.',
      zh: '',
    },
    why: {
      en: 'divides the whole 16Ψ by N already at stage 1 ("ZeRO shards the model states"), when stage 1 shards only the optimizer state: 7.5e9 on 64 GPUs gives 1.875e9 instead of 31.40625e9.',
      zh: '',
    },
    file: 'zoo/stage1-total-over-n.ts',
  },
  {
    id: 'stage2-divides-weights',
    hint: {
      en: 'thinks ZeRO-2 shards the fp16 weights as well (weights are only partitioned from stage 3 on).',
      zh: '',
    },
    why: {
      en: 'thinks ZeRO-2 shards the fp16 weights as well (weights are only partitioned from stage 3 on).',
      zh: '',
    },
    file: 'zoo/stage2-divides-weights.ts',
  },
  {
    id: 'zero3-comm-2psi',
    hint: {
      en: "assumes every ZeRO stage communicates as much as plain data parallelism (2Ψ), missing ZeRO-3's extra all-gather of the weights in the backward pass (3Ψ).",
      zh: '',
    },
    why: {
      en: "assumes every ZeRO stage communicates as much as plain data parallelism (2Ψ), missing ZeRO-3's extra all-gather of the weights in the backward pass (3Ψ).",
      zh: '',
    },
    file: 'zoo/zero3-comm-2psi.ts',
  },
]);
