/**
 * Generation for the Evaluate page: prompt text → token ids → sampled ids, each decoded and handed
 * to `onPiece` as soon as it is sampled, until `maxChars` characters or a stop. Separate from the
 * worker shell so Node tests drive it with a real model.
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../data/random';
import { tokenView } from '../data/text/preview';
import { decodeIds, encodeText } from '../data/text/tokenize.js';
import type { TextTransform } from '../data/text/transform';
import { contextWindow, sampleToken } from '../training/text/generate';
import type { Generated, GenerateRequest } from './eval-protocol';

/** Lets queued messages (a 'cancel') run: a fresh macrotask, not a microtask. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Most characters one request may ask for (each is a forward pass for a character model). */
export const MAX_GENERATED_CHARS = 2_000;

/**
 * Where an empty prompt starts: a line break when the vocabulary has one (texts and paragraphs
 * start after one), else a space, else the first real token.
 */
export function startIds(transform: TextTransform): number[] {
  const state = transform.tokenizer;
  for (const text of ['\n', ' ']) {
    const ids = encodeText(state, text);
    if (ids.length > 0 && ids.every((id) => id !== state.unkId && id !== state.padId)) return ids;
  }
  return [Math.min(2, state.vocab.length - 1)];
}

function checkRequest(req: Omit<GenerateRequest, 'type' | 'id'>): void {
  if (!Number.isInteger(req.maxChars) || req.maxChars < 1 || req.maxChars > MAX_GENERATED_CHARS)
    throw new Error(`Max characters must be a whole number from 1 to ${MAX_GENERATED_CHARS}; got ${req.maxChars}.`);
  if (!(req.temperature >= 0 && req.temperature <= 5))
    throw new Error(`Temperature must be from 0 (always the likeliest token) to 5; got ${req.temperature}.`);
  if (!Number.isInteger(req.topK) || req.topK < 0)
    throw new Error(`Top-k must be 0 (all tokens) or a positive whole number; got ${req.topK}.`);
}

/**
 * Samples from a next-token model over the window of the last seqLen ids (contextWindow and
 * sampleToken of the training core: greedy at temperature 0, top-k, one seeded mulberry32 stream,
 * so the same request writes the same text). The text of each token is the growth of the decoded
 * whole (prompt + generated), so word tokenizers' spaces land where they belong.
 */
export async function generateText(
  model: tf.LayersModel,
  transform: TextTransform,
  req: Omit<GenerateRequest, 'type' | 'id'>,
  onPiece: (text: string) => void,
  signal?: AbortSignal,
): Promise<Omit<Generated, 'type' | 'id'>> {
  checkRequest(req);
  if (transform.task !== 'next-token')
    throw new Error('This model is a classifier, not a language model: use try-it to classify text instead.');
  const state = transform.tokenizer;
  const notes: string[] = [];
  const typed = encodeText(state, req.prompt);
  const view = tokenView(state, req.prompt);
  const unknown = view.filter((t) => !t.known);
  if (unknown.length > 0) {
    const examples = [...new Set(unknown.map((t) => t.text))].slice(0, 5).join(' ');
    notes.push(
      `${unknown.length} prompt token${unknown.length === 1 ? '' : 's'} (${examples}) are not in the vocabulary; the model reads them as [UNK].`,
    );
  }
  if (typed.length > transform.seqLen)
    notes.push(`The prompt has ${typed.length} tokens; the model reads only the last ${transform.seqLen}.`);
  const promptIds = typed.length > 0 ? typed : startIds(transform);
  if (typed.length === 0)
    notes.push('The prompt is empty, so the text starts as after a line break (the start of a text).');
  const promptText = decodeIds(state, typed);
  // What the page shows: the prompt as the model reads it, an unknown character or word as [UNK].
  const shown = view.map((t) => (t.known ? t.text : '[UNK]')).join(state.kind === 'word' ? ' ' : '');
  const rng = mulberry32(req.seed);
  const dtype = model.inputs[0]?.dtype === 'int32' ? 'int32' : 'float32';
  const history = [...promptIds];
  const generated: number[] = [];
  let text = '';
  // Every token is at least one character (padding is never sampled), so maxChars tokens suffice.
  while (generated.length < req.maxChars && [...text].length < req.maxChars) {
    // A macrotask between tokens: inference data() may resolve at once (wasm, cpu), and without
    // this the worker would never read the 'cancel' message that Stop sends.
    await yieldToEvents();
    if (signal?.aborted) return { prompt: shown, text, tokens: generated.length, stopped: true, notes };
    const window = contextWindow(history, transform.seqLen, state.padId);
    const next = tf.tidy(() => {
      const out = model.predict(tf.tensor2d(window.ids, [1, transform.seqLen], dtype)) as tf.Tensor;
      return tf.reshape(tf.slice(out, [0, window.at, 0], [1, 1, -1]), [-1]);
    });
    const probs = Float32Array.from(await next.data());
    next.dispose();
    // Padding only fills windows; a sampled pad would write nothing and pad the history.
    probs[state.padId] = 0;
    const id = sampleToken(probs, req.temperature, req.topK, rng);
    history.push(id);
    generated.push(id);
    const whole = decodeIds(state, [...typed, ...generated]);
    const grown = whole.startsWith(promptText) ? whole.slice(promptText.length) : decodeIds(state, generated);
    const piece = grown.slice(text.length);
    text = grown;
    onPiece(piece);
  }
  return { prompt: shown, text, tokens: generated.length, stopped: false, notes };
}
