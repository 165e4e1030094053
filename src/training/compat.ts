import type * as tf from '@tensorflow/tfjs';
import type { PreparedDataset } from '../data/types';
import { defaultLoss, type LossName, type TrainConfig } from './config';
import { inputDtypesOf, planFeed, type FeedSlice } from './model-feed';

export interface ModelFit {
  readonly outputUnits: number;
  readonly inputDtype: 'float32' | 'int32';
  readonly loss: LossName;
  /** Labels per sample: 1, or the sequence length for next-token (one next id per position). */
  readonly labelsPerSample: number;
  /** Several Inputs: each row's slices in the model's Input order; null for one Input. */
  readonly slices: readonly FeedSlice[] | null;
}

const fmt = (shape: readonly (number | null)[]) => `[${shape.map((d) => (d === null ? '?' : d)).join(', ')}]`;

/**
 * Checks that the model can learn from this dataset with this loss, before any tensor is made.
 * Returns what training needs to know, or a sentence saying what to change.
 */
export function checkModelFit(model: tf.LayersModel, dataset: PreparedDataset, config: TrainConfig): ModelFit | string {
  if (model.outputs.length !== 1) {
    return `The model has ${model.outputs.length} outputs; training on a ${dataset.kind} dataset needs exactly one.`;
  }
  const slices = dataset.inputs ? checkInputParts(model, dataset) : null;
  if (typeof slices === 'string') return slices;
  if (!slices && model.inputs.length !== 1) {
    return `The model has ${model.inputs.length} Inputs but '${dataset.name}' feeds one; remove the extra Inputs, or give the data one column group per Input (text or id columns).`;
  }
  if (dataset.task === 'next-token') {
    if (slices) return `'${dataset.name}' feeds several Inputs; next-token training takes one text Input.`;
    return checkNextTokenFit(model, dataset, config);
  }
  const input = model.inputs[0]!;
  const want = dataset.inputShape;
  const got = input.shape.slice(1);
  if (!slices && (got.length !== want.length || got.some((d, i) => d !== null && d !== want[i]))) {
    return `The model's Input takes samples of shape ${fmt(got)} but '${dataset.name}' has samples of shape ${fmt(want)}; set the Input layer's shape to ${fmt(want)}.`;
  }
  const outShape = model.outputs[0]!.shape;
  if (outShape.length !== 2 || outShape[1] === null) {
    return `The model's output has shape ${fmt(outShape.slice(1))} per sample; training needs a flat output (end with Flatten or a Dense layer).`;
  }
  const units = outShape[1]!;
  const classes = dataset.classNames?.length ?? 0;
  if (dataset.task === 'regression' && units !== 1) {
    return `The output layer has ${units} units but each row has one target to predict; set the last Dense layer's units to 1 (no activation).`;
  }
  if (dataset.task === 'multiclass' && units !== classes) {
    return `The output layer has ${units} unit${units === 1 ? '' : 's'} but the data has ${classes} classes; set the last Dense layer's units to ${classes} with softmax.`;
  }
  if (dataset.task === 'binary' && units !== 1 && units !== 2) {
    return `The output layer has ${units} units for a yes/no task; use 1 unit with sigmoid (or 2 with softmax).`;
  }
  const loss = config.loss === 'auto' ? defaultLoss(dataset.task, units) : config.loss;
  const crossEntropy = loss === 'categorical_crossentropy' || loss === 'sparse_categorical_crossentropy';
  if (crossEntropy && units === 1) {
    return `${loss} needs one output unit per class, but the output has 1 unit; use binary_crossentropy for a single sigmoid unit.`;
  }
  if (dataset.task === 'regression' && (crossEntropy || loss === 'binary_crossentropy' || loss === 'hinge')) {
    return `${loss} is a classification loss but '${dataset.name}' is a regression task; use mse, mae or huber.`;
  }
  if (dataset.train.n === 0) return `'${dataset.name}' has no training rows.`;
  return {
    outputUnits: units,
    inputDtype: input.dtype === 'int32' ? 'int32' : 'float32',
    loss,
    labelsPerSample: 1,
    slices,
  };
}

/** Several Inputs: each part has an Input of its name and shape; a float part never feeds an int32 Input. */
function checkInputParts(model: tf.LayersModel, dataset: PreparedDataset): FeedSlice[] | string {
  const parts = dataset.inputs!;
  const total = parts.reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
  const rowSize = dataset.inputShape.reduce((a, b) => a * b, 1);
  if (total !== rowSize) {
    return `The parts of '${dataset.name}' (${parts.map((p) => `${p.name} ${fmt(p.shape)}`).join(', ')}) hold ${total} values per row, but its rows hold ${rowSize}; prepare the dataset again.`;
  }
  const slices = planFeed(model.inputNames, inputDtypesOf(model), parts);
  if (typeof slices === 'string') return slices;
  for (const part of parts) {
    const input = model.inputs[model.inputNames.indexOf(part.name)]!;
    const got = input.shape.slice(1);
    const want = part.shape;
    if (got.length !== want.length || got.some((d, i) => d !== null && d !== want[i])) {
      return `The Input '${part.name}' takes samples of shape ${fmt(got)} but its data (${part.columns.join(', ')}) has shape ${fmt(want)}; set that Input layer's shape to ${fmt(want)}.`;
    }
    if (part.dtype === 'float32' && input.dtype === 'int32') {
      return `The Input '${part.name}' takes int32 ids but its data (${part.columns.join(', ')}) is numeric features; set that Input layer's dtype to float32.`;
    }
  }
  return slices;
}

/**
 * Language modelling: windows of `seqLen` token ids in, one softmax over the vocabulary per
 * position out ([batch, seqLen, vocab]), one label per position.
 */
function checkNextTokenFit(model: tf.LayersModel, dataset: PreparedDataset, config: TrainConfig): ModelFit | string {
  const seqLen = dataset.inputShape[0] ?? 0;
  const vocab = dataset.classNames?.length ?? 0;
  const input = model.inputs[0]!;
  const got = input.shape.slice(1);
  if (got.length !== 1 || (got[0] !== null && got[0] !== seqLen)) {
    return `The model's Input takes samples of shape ${fmt(got)} but '${dataset.name}' has windows of ${seqLen} token ids; set the Input layer's shape to [${seqLen}] (dtype int32, feeding an Embedding).`;
  }
  const out = model.outputs[0]!.shape.slice(1);
  if (out.length !== 2) {
    return `The model's output has shape ${fmt(out)} per sample, but next-token training needs one softmax over the vocabulary at every position, shape [${seqLen}, ${vocab}]; keep the sequence to the end (return_sequences on the last RNN, no Flatten or pooling) and finish with a Dense (or TimeDistributed Dense) of ${vocab} units with softmax.`;
  }
  if (out[0] !== null && out[0] !== seqLen) {
    return `The model's output has ${out[0]} positions per sample but '${dataset.name}' has windows of ${seqLen} tokens; the output must keep one position per input token, shape [${seqLen}, ${vocab}].`;
  }
  const units = out[1];
  if (units !== vocab) {
    return `The output layer has ${units ?? '?'} units but the vocabulary has ${vocab} tokens; set the last Dense layer's units to ${vocab} with softmax (one probability per token).`;
  }
  const loss = config.loss === 'auto' ? defaultLoss(dataset.task, units) : config.loss;
  if (loss !== 'sparse_categorical_crossentropy') {
    return `${loss} cannot train a next-token model; set the loss to auto or sparse_categorical_crossentropy (one token id per position).`;
  }
  for (const [name, split] of [
    ['training', dataset.train],
    ['validation', dataset.validation],
    ['test', dataset.test],
  ] as const) {
    if (split.y.length !== split.n * seqLen) {
      return `The ${name} split of '${dataset.name}' has ${split.y.length} labels for ${split.n} windows; next-token data needs ${seqLen} labels (the next token at each position) per window. Prepare the text dataset again.`;
    }
  }
  if (dataset.train.n === 0) return `'${dataset.name}' has no training windows.`;
  return {
    outputUnits: vocab,
    inputDtype: input.dtype === 'int32' ? 'int32' : 'float32',
    loss,
    labelsPerSample: seqLen,
    slices: null,
  };
}
