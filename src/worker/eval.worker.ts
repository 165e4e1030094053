/// <reference lib="webworker" />
/**
 * The evaluation worker: builds the model from a graph and a weights snapshot, scores the test
 * split and answers try-it predictions. Inference needs no training kernels, so wasm (fast on
 * every machine) is used, with cpu as the fallback.
 */
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { checkSavedModel } from '../compiler/bundle/verify-saved';
import { compile } from '../compiler/compile';
import { applyWeights } from '../compiler/weights';
import { rgbaToInput } from '../data/images/transform';
import { decodeRecord } from '../data/decode-record';
import { applyTransform } from '../data/tabular';
import type { DatasetTransform } from '../data/types';
import { setupWasm } from '../training/backend-wasm';
import { evaluate } from '../training/evaluate';
import { feedFor, rowsToInputs, type FeedSlice } from '../training/model-feed';
import { charsPerTokenOf } from '../data/text/preview';
import { decodeIds } from '../data/text/tokenize.js';
import { UNK_TOKEN } from '../data/text/tokenizer-state';
import { bigramBaseline, pairsOfSplit, unigramBaseline } from '../training/text/baselines';
import {
  MAX_RECORDS,
  type EvalEvent,
  type EvalRequest,
  type GenerateRequest,
  type LanguageModelScores,
  type LoadRequest,
  type PredictInput,
  type SaveRequest,
} from './eval-protocol';
import { explainText } from './eval-explain';
import { GanEvaluator } from './eval-gan';
import { fetchPublicFile } from '../model/pretrained';
import { generateText } from './eval-generate';
import { buildExport } from './export-model';
import { assertNever } from './train-protocol';

declare const self: DedicatedWorkerGlobalScope;

// The CSP has no 'unsafe-eval' (SECURITY.md): zod must not compile validators with new Function.
z.config({ jitless: true });

let model: tf.LayersModel | null = null;
let inputShape: readonly number[] = [];
/** Several Inputs: each row's slice per Input, in the model's Input order; null for one Input. */
let slices: readonly FeedSlice[] | null = null;
let transform: DatasetTransform | null = null;
let backendReady: Promise<string> | null = null;

function post(event: EvalEvent, transfer: Transferable[] = []): void {
  self.postMessage(event, transfer);
}

function startBackend(): Promise<string> {
  backendReady ??= (async () => {
    try {
      await setupWasm();
      if (await tf.setBackend('wasm')) return 'wasm';
    } catch (_noWasm) {
      // Fall through to cpu: slower, but it always starts.
    }
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return backendReady;
}

async function load(req: LoadRequest): Promise<void> {
  const backend = await startBackend();
  const started = performance.now();
  model?.dispose();
  model = null;
  const built = compile(req.graph);
  try {
    applyWeights(built, req.weights);
  } catch (err) {
    built.dispose();
    throw err;
  }
  try {
    slices = feedFor(built, req.inputs);
  } catch (err) {
    built.dispose();
    throw err;
  }
  model = built;
  inputShape = req.inputShape;
  transform = req.transform;
  const t = req.transform;
  const charsPerToken = req.task === 'next-token' && t?.kind === 'text' ? charsPerTokenOf(t.tokenizer) : undefined;
  const e = await evaluate(built, req.test, req.task, {
    inputShape: req.inputShape,
    ...(req.inputs ? { inputs: req.inputs } : {}),
    ...(charsPerToken === undefined ? {} : { charsPerToken }),
  });
  let languageModel: LanguageModelScores | undefined;
  if (e.languageModel) {
    const vocab = t?.kind === 'text' ? t.tokenizer.vocab.length : e.outputUnits;
    const options = charsPerToken === undefined ? {} : { charsPerToken };
    const train = req.baselineTrain;
    const heldOut = pairsOfSplit(req.test);
    languageModel = {
      model: e.languageModel,
      baselines:
        train && train.n > 0
          ? {
              unigram: unigramBaseline(pairsOfSplit(train), heldOut, vocab, options),
              bigram: bigramBaseline(pairsOfSplit(train), heldOut, vocab, options),
            }
          : null,
    };
  }
  const rows = Math.min(req.test.n, MAX_RECORDS);
  const records =
    t?.kind === 'tabular'
      ? Array.from({ length: rows }, (_, row) => decodeRecord(t, req.test.x, row))
      : t?.kind === 'text' && req.task !== 'next-token'
        ? // A text classifier's rows read as their text (padding dropped; unknown tokens as [UNK]).
          Array.from({ length: rows }, (_, row) => ({
            [t.textColumn ?? 'text']: decodeIds(
              t.tokenizer,
              req.test.x.subarray(row * t.seqLen, (row + 1) * t.seqLen),
              UNK_TOKEN,
            ),
          }))
        : null;
  post(
    {
      type: 'scored',
      id: req.id,
      backend,
      n: e.n,
      loss: e.loss,
      metrics: e.metrics,
      predictions: e.predictions,
      units: e.outputUnits,
      seconds: (performance.now() - started) / 1000,
      records,
      ...(languageModel ? { languageModel } : {}),
    },
    [e.predictions.buffer as ArrayBuffer],
  );
}

/** Raw try-it input → model inputs, through the same transform the training data went through. */
function toModelInput(input: PredictInput): { x: Float32Array; n: number } {
  switch (input.kind) {
    case 'tensor':
      return { x: input.x, n: input.n };
    case 'record':
      if (transform?.kind !== 'tabular')
        throw new Error('This dataset is not a table, so a form record cannot be used.');
      return { x: applyTransform(transform, input.record), n: 1 };
    case 'rgba': {
      const channels = transform?.kind === 'image' ? transform.channels : inputShape[2] === 3 ? 3 : 1;
      return { x: rgbaToInput(input.rgba, input.width, input.height, channels), n: 1 };
    }
    default:
      return assertNever(input);
  }
}

function predict(id: number, input: PredictInput): void {
  if (!model) throw new Error('No model is loaded yet: evaluate a trained model first.');
  const current = model;
  const { x, n } = toModelInput(input);
  const size = inputShape.reduce((a, b) => a * b, 1);
  if (x.length !== n * size)
    throw new Error(
      `The input has ${x.length} values; the model takes ${n} × [${inputShape.join(', ')}] = ${n * size}.`,
    );
  const dtype = current.inputs[0]?.dtype === 'int32' ? 'int32' : 'float32';
  const out = tf.tidy(() => current.predict(rowsToInputs(x, n, inputShape, dtype, slices)) as tf.Tensor);
  const outputs = out.dataSync() as Float32Array;
  const units = out.shape[out.shape.length - 1] ?? 1;
  out.dispose();
  // The input goes back too, copied: try-it shows what the model saw (a drawing downsampled to 8×8).
  const seen = x.slice();
  post({ type: 'predicted', id, outputs, units, input: seen }, [
    outputs.buffer as ArrayBuffer,
    seen.buffer as ArrayBuffer,
  ]);
}

/**
 * tfjs's own IndexedDB store, so `tf.loadLayersModel('indexeddb://…')` opens it anywhere on this site.
 * Read back and checked (weights' size and SHA-256) before the app calls it saved.
 */
async function saveToBrowser(req: SaveRequest): Promise<void> {
  await startBackend();
  const built = compile(req.graph, req.name);
  try {
    applyWeights(built, req.weights);
    const url = `indexeddb://${req.name}`;
    const [store] = tf.io.getSaveHandlers(url);
    if (!store?.save)
      throw new Error('This browser offers no IndexedDB storage to save the model in; download the ZIP instead.');
    let written: tf.io.ModelArtifacts | null = null;
    const result = await built.save(
      tf.io.withSaveHandler((artifacts) => {
        written = artifacts;
        return store.save!(artifacts);
      }),
    );
    const [reader] = tf.io.getLoadHandlers(url);
    await checkSavedModel(url, written!, (await reader?.load?.()) ?? null);
    post({ type: 'saved', id: req.id, url, bytes: result.modelArtifactsInfo.weightDataBytes ?? 0 });
  } finally {
    built.dispose();
  }
}

/** Generations in progress by request id, so 'cancel' can stop one between two tokens. */
const running = new Map<number, AbortController>();

function textTransform(what: string) {
  if (!model) throw new Error(`No model is loaded yet: evaluate a trained model before ${what}.`);
  if (transform?.kind !== 'text')
    throw new Error(
      `This dataset is not text, so there is nothing to ${what === 'generating' ? 'generate' : 'tokenize'}.`,
    );
  return { current: model, t: transform };
}

async function generateRequest(req: GenerateRequest): Promise<void> {
  const { current, t } = textTransform('generating');
  const stop = new AbortController();
  running.set(req.id, stop);
  try {
    const done = await generateText(
      current,
      t,
      req,
      (text) => post({ type: 'generated-piece', id: req.id, text }),
      stop.signal,
    );
    post({ type: 'generated', id: req.id, ...done });
  } finally {
    running.delete(req.id);
  }
}

let gan: GanEvaluator | null = null;

function loadedGan(): GanEvaluator {
  if (!gan) throw new Error('No GAN generator is loaded yet: open the Evaluate page of a trained GAN.');
  return gan;
}

async function handle(req: EvalRequest): Promise<void> {
  switch (req.type) {
    case 'gan-load': {
      await startBackend();
      gan?.dispose();
      gan = null;
      gan = GanEvaluator.load(req, fetchPublicFile(req.baseUrl));
      return post({ type: 'gan-loaded', id: req.id });
    }
    case 'gan-generate': {
      const evaluator = loadedGan();
      const latent = req.latent ?? evaluator.latents(req.seed, req.n);
      const images = evaluator.generate(latent, req.n);
      return post({ type: 'gan-generated', id: req.id, images, latent, n: req.n }, [images.buffer as ArrayBuffer]);
    }
    case 'gan-nearest': {
      const found = await loadedGan().nearest(req.image);
      return post({ type: 'gan-nearest-found', id: req.id, ...found }, [found.image.buffer as ArrayBuffer]);
    }
    case 'gan-score': {
      const report = await loadedGan().score(req.seed, (text) => post({ type: 'gan-progress', id: req.id, text }));
      return post({ type: 'gan-scored', id: req.id, ...report });
    }
    case 'generate':
      return generateRequest(req);
    case 'cancel':
      running.get(req.id)?.abort();
      return;
    case 'explain': {
      const { current, t } = textTransform('explaining');
      const out = await explainText(current, t, req.text);
      const buffers = [out.outputs.buffer, out.importance.buffer, ...out.attention.map((a) => a.weights.buffer)];
      return post({ type: 'explained', id: req.id, ...out }, [...new Set(buffers)] as ArrayBuffer[]);
    }
    case 'export': {
      const exported = await buildExport(req);
      return post(exported, [exported.zip.buffer as ArrayBuffer]);
    }
    case 'save-browser':
      return saveToBrowser(req);
    case 'load':
      return load(req);
    case 'predict':
      return predict(req.id, req.input);
    default:
      return assertNever(req);
  }
}

self.addEventListener('message', (event: MessageEvent<EvalRequest>) => {
  const req = event.data;
  handle(req).catch((err: unknown) => {
    post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
  });
});
