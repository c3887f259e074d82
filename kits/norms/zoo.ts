import { defineZoo } from '../../src/kit/zoo.ts';

export default defineZoo([
  {
    id: 'affine-before-normalise',
    hint: {
      en: 'applies gamma and beta to x BEFORE normalising (y = norm(x·γ + β)); the statistics then absorb them, so γ/β are mostly undone. The affine map comes after the normalisation.',
      zh: '',
    },
    why: {
      en: 'applies gamma and beta to x BEFORE normalising (y = norm(x·γ + β)); the statistics then absorb them, so γ/β are mostly undone. The affine map comes after the normalisation.',
      zh: '',
    },
    file: 'zoo/affine-before-normalise.ts',
  },
  {
    id: 'bn-axis-0-only',
    hint: {
      en: 'BatchNorm reduces over axis 0 only, as for [N, C]; for a channels-last [N, L, C] batch every position l then gets its own statistics instead of sharing them over N and L.',
      zh: '',
    },
    why: {
      en: 'BatchNorm reduces over axis 0 only, as for [N, C]; for a channels-last [N, L, C] batch every position l then gets its own statistics instead of sharing them over N and L.',
      zh: '',
    },
    file: 'zoo/bn-axis-0-only.ts',
  },
  {
    id: 'disposes-running-state',
    hint: {
      en: "'updates' the running statistics in place by disposing the old state tensors; the caller owns them (e.g. a module's buffers, a checkpoint) and they must stay usable.",
      zh: '',
    },
    why: {
      en: "'updates' the running statistics in place by disposing the old state tensors; the caller owns them (e.g. a module's buffers, a checkpoint) and they must stay usable.",
      zh: '',
    },
    file: 'zoo/disposes-running-state.ts',
  },
  {
    id: 'eps-outside-sqrt',
    hint: {
      en: 'adds eps after the square root, (x − mean) / (std + eps), as some from-scratch tutorials do; PyTorch and Meta put eps inside: 1/sqrt(var + eps). It only shows when the variance is comparable with eps.',
      zh: '',
    },
    why: {
      en: 'adds eps after the square root, (x − mean) / (std + eps), as some from-scratch tutorials do; PyTorch and Meta put eps inside: 1/sqrt(var + eps). It only shows when the variance is comparable with eps.',
      zh: '',
    },
    file: 'zoo/eps-outside-sqrt.ts',
  },
  {
    id: 'layer-norm-over-batch',
    hint: {
      en: "LayerNorm reduces over the batch axis (axis 0, BatchNorm's axis) instead of each row's features on the last axis; the two are easy to mix up, and a square input hides the shape difference.",
      zh: '',
    },
    why: {
      en: "LayerNorm reduces over the batch axis (axis 0, BatchNorm's axis) instead of each row's features on the last axis; the two are easy to mix up, and a square input hides the shape difference.",
      zh: '',
    },
    file: 'zoo/layer-norm-over-batch.ts',
  },
  {
    id: 'leaks-intermediates',
    hint: {
      en: 'BatchNorm without tf.tidy: mean, variance, the centred and scaled intermediates stay allocated on every training step (a memory leak that grows with each batch).',
      zh: '',
    },
    why: {
      en: 'BatchNorm without tf.tidy: mean, variance, the centred and scaled intermediates stay allocated on every training step (a memory leak that grows with each batch).',
      zh: '',
    },
    file: 'zoo/leaks-intermediates.ts',
  },
  {
    id: 'momentum-complement',
    hint: {
      en: "uses the Keras/Paddle convention running = momentum·running + (1 − momentum)·batch with PyTorch's default 0.1, so the running statistics barely keep any history of the past.",
      zh: '',
    },
    why: {
      en: "uses the Keras/Paddle convention running = momentum·running + (1 − momentum)·batch with PyTorch's default 0.1, so the running statistics barely keep any history of the past.",
      zh: '',
    },
    file: 'zoo/momentum-complement.ts',
  },
  {
    id: 'no-batch-size-check',
    hint: {
      en: "does not reject a batch with one element per channel: the unbiased variance then divides by n − 1 = 0 and the running variance silently becomes NaN/Infinity (PyTorch raises 'Expected more than 1 value per channel').",
      zh: '',
    },
    why: {
      en: "does not reject a batch with one element per channel: the unbiased variance then divides by n − 1 = 0 and the running variance silently becomes NaN/Infinity (PyTorch raises 'Expected more than 1 value per channel').",
      zh: '',
    },
    file: 'zoo/no-batch-size-check.ts',
  },
  {
    id: 'rms-meta-eps',
    hint: {
      en: "copies Meta llama's RMSNorm default eps 1e-5; this kata pins 1e-6 (as the decoder-block-forward kata does), which matters when the mean square is small.",
      zh: '',
    },
    why: {
      en: "copies Meta llama's RMSNorm default eps 1e-5; this kata pins 1e-6 (as the decoder-block-forward kata does), which matters when the mean square is small.",
      zh: '',
    },
    file: 'zoo/rms-meta-eps.ts',
  },
  {
    id: 'rms-subtracts-mean',
    hint: {
      en: 'RMSNorm written as LayerNorm without beta: it subtracts the row mean first. RMSNorm only rescales by the root mean square, so it is NOT shift invariant.',
      zh: '',
    },
    why: {
      en: 'RMSNorm written as LayerNorm without beta: it subtracts the row mean first. RMSNorm only rescales by the root mean square, so it is NOT shift invariant.',
      zh: '',
    },
    file: 'zoo/rms-subtracts-mean.ts',
  },
  {
    id: 'running-var-biased',
    hint: {
      en: 'stores the biased batch variance (the one the forward pass used) in the running variance; PyTorch stores the unbiased estimate, var·n/(n − 1).',
      zh: '',
    },
    why: {
      en: 'stores the biased batch variance (the one the forward pass used) in the running variance; PyTorch stores the unbiased estimate, var·n/(n − 1).',
      zh: '',
    },
    file: 'zoo/running-var-biased.ts',
  },
  {
    id: 'unbiased-variance',
    hint: {
      en: "LayerNorm divides the squared deviations by D − 1 (the unbiased, sample variance, the default of numpy's ddof=1 / torch.var), but LayerNorm normalises with the biased variance (÷ D).",
      zh: '',
    },
    why: {
      en: "LayerNorm divides the squared deviations by D − 1 (the unbiased, sample variance, the default of numpy's ddof=1 / torch.var), but LayerNorm normalises with the biased variance (÷ D).",
      zh: '',
    },
    file: 'zoo/unbiased-variance.ts',
  },
]);
