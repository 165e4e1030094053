/**
 * Try-it for a text classifier, in the evaluation worker: the text's tokens as the model sees
 * them, the class probabilities, each token's occlusion importance for the predicted class, and
 * the attention maps of every MultiHeadAttention layer over those tokens.
 */
import * as tf from '@tensorflow/tfjs';
import { layerAttentionScores, MultiHeadAttentionLayer } from '../compiler/factories/attention';
import { tokenView } from '../data/text/preview';
import { toSequence } from '../data/text/tokenize.js';
import type { TextTransform } from '../data/text/transform';
import { tokenImportance } from '../training/text/importance';
import type { AttentionMap, Explained } from './eval-protocol';

/** Index of the most probable class; a single sigmoid unit is class 1 from 0.5 on. */
export function predictedClass(outputs: ArrayLike<number>, units: number): number {
  if (units === 1) return outputs[0]! >= 0.5 ? 1 : 0;
  let best = 0;
  for (let i = 1; i < units; i++) if (outputs[i]! > outputs[best]!) best = i;
  return best;
}

/** The tensors a layer was called on, as a list (query, value, key for attention). */
function inboundOf(layer: tf.layers.Layer): tf.SymbolicTensor[] {
  const input = layer.input;
  return Array.isArray(input) ? input : [input];
}

/**
 * Attention probabilities of each MultiHeadAttention layer for one window, cut to the first
 * `tokens` query and key positions (the rest is padding). One sub-model per layer reads the
 * layer's inputs; the layer's own weights turn them into maps.
 */
export function attentionMaps(model: tf.LayersModel, ids: readonly number[], tokens: number): AttentionMap[] {
  const layers = model.layers.filter((l): l is MultiHeadAttentionLayer => l instanceof MultiHeadAttentionLayer);
  const dtype = model.inputs[0]?.dtype === 'int32' ? 'int32' : 'float32';
  return layers.map((layer) => {
    const inbound = inboundOf(layer);
    // Self-attention passes one tensor as query and value: a model may not list an output twice.
    const distinct = [...new Set(inbound)];
    const probe = tf.model({ inputs: model.inputs, outputs: distinct });
    const maps = tf.tidy(() => {
      const got = probe.predict(tf.tensor2d([[...ids]], [1, ids.length], dtype));
      const values = Array.isArray(got) ? got : [got];
      const [query, value, key] = inbound.map((t) => values[distinct.indexOf(t)]!);
      const p = layerAttentionScores(layer, query!, value, key);
      const [, heads] = p.shape;
      return tf.slice(p, [0, 0, 0, 0], [1, heads, tokens, tokens]);
    });
    const weights = maps.dataSync() as Float32Array;
    const heads = maps.shape[1];
    maps.dispose();
    return { layer: layer.name, heads, weights };
  });
}

export async function explainText(
  model: tf.LayersModel,
  transform: TextTransform,
  text: string,
): Promise<Omit<Explained, 'type' | 'id'>> {
  if (transform.task === 'next-token')
    throw new Error('This model predicts the next token: use Generate to try it, not the classifier box.');
  const state = transform.tokenizer;
  const all = tokenView(state, text);
  const cut = Math.max(0, all.length - transform.seqLen);
  const kept = cut === 0 ? all : transform.truncate === 'start' ? all.slice(cut) : all.slice(0, transform.seqLen);
  const ids = toSequence(
    kept.map((t) => t.id),
    transform.seqLen,
    transform.truncate,
    state.padId,
  );
  const dtype = model.inputs[0]?.dtype === 'int32' ? 'int32' : 'float32';
  const out = tf.tidy(() => model.predict(tf.tensor2d([[...ids]], [1, ids.length], dtype)) as tf.Tensor);
  const outputs = (await out.data()) as Float32Array;
  const units = out.shape[out.shape.length - 1] ?? 1;
  out.dispose();
  // Regression: "class" 1 of one unit is the value itself, so the drops are changes of the value.
  const classIndex = transform.task === 'regression' ? 1 : predictedClass(outputs, units);
  const { drops } = await tokenImportance(model, ids, classIndex, { padId: state.padId });
  return {
    tokens: kept,
    cut,
    outputs,
    units,
    classIndex,
    importance: drops.slice(0, kept.length),
    attention: kept.length > 0 ? attentionMaps(model, ids, kept.length) : [],
  };
}
