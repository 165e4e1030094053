// Layerloom export: the try-it page. Loads model.json + weights.bin with TensorFlow.js (tf.min.js,
// next to this file), reads metadata.json, and offers a form (tables), an upload and a drawing pad
// (images), a text box (text classifiers), a prompt box (language models), Generate with a seed (a
// GAN's generator, gan.js), or a list of numbers (anything else). All preprocessing lives in
// preprocess.js; text is tokenized by tokenize.js, the app's own tokenizer, loaded only for text models
// (and tables with a text column). A table whose columns feed several Inputs gets one form; its row is
// cut into each Input's slice.
// Every name from the model or the data is shown with textContent, never parsed as HTML.
/* global document, fetch, URL, setTimeout, createImageBitmap */
import {
  centerCropRect,
  contextWindow,
  encodeRecord,
  mulberry32,
  readPrediction,
  rgbaToInput,
  sampleToken,
  splitInputs,
} from './preprocess.js';

const tf = globalThis.tf;
const byId = (id) => document.getElementById(id);
const here = (file) => new URL(file, import.meta.url).href;
const MAX_BARS = 10;

function make(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function showStatus(text, isError = false) {
  const status = byId('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
  status.hidden = text === '';
}

async function loadMetadata() {
  const response = await fetch(here('metadata.json'));
  if (!response.ok)
    throw new Error(`metadata.json could not be loaded (${response.status}); keep it next to index.html`);
  const metadata = await response.json();
  if (metadata?.format !== 'layerloom-model-metadata' || metadata.version !== 1) {
    throw new Error('metadata.json is not Layerloom model metadata (version 1)');
  }
  return metadata;
}

function showPrediction(metadata, values) {
  const result = readPrediction(metadata, values);
  const bars = byId('bars');
  const value = byId('value');
  bars.replaceChildren();
  value.textContent = '';
  if (result.kind === 'classes') {
    for (const c of result.classes.slice(0, MAX_BARS)) {
      const item = make('li');
      const bar = make('progress');
      bar.max = 1;
      bar.value = c.probability;
      item.append(make('span', 'name', c.name), bar, make('span', 'pct', `${(c.probability * 100).toFixed(1)}%`));
      bars.append(item);
    }
  } else if (result.kind === 'value') {
    value.textContent = `${result.name}: ${Number(result.value.toPrecision(6))}`;
  } else {
    value.textContent = result.values.map((v) => Number(v.toPrecision(5))).join(', ');
  }
  byId('result').hidden = false;
}

/**
 * A model of several Inputs (mixed inputs, recommendation): the prepared row is cut into each Input's
 * slice (metadata.inputs' offsets) and the tensors are handed over in the model's own input order.
 */
function makeMixedPredictor(model, metadata) {
  return (row) => {
    const out = tf.tidy(() => {
      const byName = new Map(
        splitInputs(metadata.inputs, row).map((p) => [p.name, tf.tensor(p.values, [1, ...p.shape], p.dtype)]),
      );
      const y = model.predict(model.inputNames.map((name) => byName.get(name)));
      return (Array.isArray(y) ? y[0] : y).dataSync();
    });
    showPrediction(metadata, out);
  };
}

function makePredictor(model, metadata, shape) {
  const input = metadata.inputs[0];
  return (values) => {
    const out = tf.tidy(() => {
      const x = tf.tensor(values, [1, ...shape], input.dtype);
      const y = model.predict(x);
      return (Array.isArray(y) ? y[0] : y).dataSync();
    });
    showPrediction(metadata, out);
  };
}

// ---- Tables ----

function fieldFor(feature, id) {
  if (feature.type === 'text') {
    const box = make('textarea');
    box.id = id;
    box.rows = 3;
    box.placeholder = 'type a text';
    return box;
  }
  if (
    feature.type === 'boolean' ||
    (feature.type === 'categorical' && feature.categories.length <= 30 && !feature.other)
  ) {
    const select = make('select');
    select.id = id;
    const choices = feature.type === 'boolean' ? feature.names : feature.categories;
    for (const [value, text] of [['', '(missing)'], ...choices.map((c) => [c, c])]) {
      const option = make('option', '', text);
      option.value = value;
      select.append(option);
    }
    return select;
  }
  const input = make('input');
  input.id = id;
  input.type = 'text';
  if (feature.type === 'id') {
    // The ids training saw (up to 1,000 suggestions); any other id is unseen and reads as 0.
    const list = make('datalist');
    list.id = `${id}-choices`;
    for (const choice of feature.values.slice(0, 1000)) {
      const option = make('option');
      option.value = choice;
      list.append(option);
    }
    input.setAttribute('list', list.id);
    input.value = feature.values[0] ?? '';
    input.placeholder = `one of ${feature.values.length} ids seen in training`;
    return [input, list];
  }
  if (feature.type === 'categorical') {
    const list = make('datalist');
    list.id = `${id}-choices`;
    for (const choice of feature.categories) {
      const option = make('option');
      option.value = choice;
      list.append(option);
    }
    input.setAttribute('list', list.id);
    input.placeholder = `empty: ${feature.fill}`;
    return [input, list];
  }
  input.inputMode = feature.type === 'numeric' ? 'decimal' : 'text';
  input.placeholder = feature.type === 'date' ? 'YYYY-MM-DD' : `empty: ${Number(feature.fill.toPrecision(6))}`;
  return input;
}

function setupTabular(tabular, predict, tokenize = null) {
  const fields = byId('fields');
  const inputs = tabular.features.map((feature, i) => {
    const id = `feature-${i}`;
    const wrap = make('div', 'field');
    const label = make('label', '', feature.name);
    label.htmlFor = id;
    const control = fieldFor(feature, id);
    wrap.append(label, ...(Array.isArray(control) ? control : [control]));
    fields.append(wrap);
    return Array.isArray(control) ? control[0] : control;
  });
  // By position in the CSV's columns, so no column name is ever used as an object key.
  const record = () => {
    const row = new Array(tabular.columns.length).fill(null);
    tabular.features.forEach((feature, i) => (row[feature.source] = inputs[i].value));
    return row;
  };
  const run = () => predict(encodeRecord(tabular, record(), undefined, tokenize));
  const form = byId('features');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener('input', run);
  form.addEventListener('reset', () => setTimeout(run, 0));
  byId('tabular').hidden = false;
  run();
}

// ---- Images ----

/** Decodes and resizes as the app's dataset loader does: createImageBitmap with the same options. */
async function imageInput(source, image) {
  const { width, height, channels, fit } = image;
  const options = { resizeWidth: width, resizeHeight: height, resizeQuality: 'high', imageOrientation: 'from-image' };
  const full = await createImageBitmap(source, { imageOrientation: 'from-image' });
  let bitmap;
  try {
    if (fit === 'center-crop') {
      const r = centerCropRect(full.width, full.height, width, height);
      bitmap = await createImageBitmap(full, r.sx, r.sy, r.sw, r.sh, options);
    } else {
      bitmap = await createImageBitmap(full, options);
    }
  } finally {
    full.close();
  }
  const canvas = make('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return rgbaToInput(ctx.getImageData(0, 0, width, height).data, width, height, channels);
}

function showSeen(input, image) {
  const seen = byId('seen');
  seen.width = image.width;
  seen.height = image.height;
  const ctx = seen.getContext('2d');
  const pixels = ctx.createImageData(image.width, image.height);
  for (let p = 0; p < image.width * image.height; p++) {
    for (let c = 0; c < 3; c++)
      pixels.data[p * 4 + c] = Math.round(input[p * image.channels + (image.channels === 1 ? 0 : c)] * 255);
    pixels.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(pixels, 0, 0);
}

function setupImage(image, predict) {
  const run = async (source) => {
    try {
      const input = await imageInput(source, image);
      showSeen(input, image);
      predict(input);
      showStatus('');
    } catch (err) {
      showStatus(`That image could not be read: ${err instanceof Error ? err.message : String(err)}`, true);
    }
  };
  byId('upload').addEventListener('change', (event) => {
    const file = event.target.files?.[0];
    if (file) void run(file);
  });
  const pad = byId('pad');
  const ctx = pad.getContext('2d');
  const clear = () => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, pad.width, pad.height);
  };
  clear();
  // About the stroke width of a handwritten digit in MNIST-style images.
  Object.assign(ctx, { strokeStyle: '#fff', lineWidth: pad.width * 0.09, lineCap: 'round', lineJoin: 'round' });
  let drawing = false;
  const at = (event) => {
    const box = pad.getBoundingClientRect();
    return [
      ((event.clientX - box.left) * pad.width) / box.width,
      ((event.clientY - box.top) * pad.height) / box.height,
    ];
  };
  pad.addEventListener('pointerdown', (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(event));
    ctx.lineTo(...at(event));
    ctx.stroke();
  });
  pad.addEventListener('pointermove', (event) => {
    if (!drawing) return;
    ctx.lineTo(...at(event));
    ctx.stroke();
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    void run(pad);
  };
  pad.addEventListener('pointerup', end);
  pad.addEventListener('pointercancel', end);
  byId('clear-pad').addEventListener('click', () => {
    clear();
    byId('result').hidden = true;
  });
  byId('image').hidden = false;
}

// ---- Text ----

/** The pieces of a text its ids stand for (one per id), to show what the model sees. */
function tokenPieces(tokenize, state, text, ids) {
  if (state.kind === 'char') return Array.from(tokenize.normalizeText(state, text));
  if (state.kind === 'word') return tokenize.wordTokens(state, text);
  return ids.map((id) => tokenize.decodeIds(state, [id]));
}

function showTokens(tokenize, pre, text, ids) {
  const pieces = tokenPieces(tokenize, pre.tokenizer, text, ids);
  // Tokens past seqLen are dropped on the truncate side: shown struck through.
  const extra = Math.max(0, ids.length - pre.seqLen);
  const cutFrom = pre.truncate === 'start' ? 0 : pre.seqLen;
  const cutTo = pre.truncate === 'start' ? extra : ids.length;
  const list = byId('tokens');
  list.replaceChildren();
  ids.forEach((id, i) => {
    const known = id !== pre.tokenizer.unkId;
    const cut = extra > 0 && i >= cutFrom && i < cutTo;
    const item = make('li', [known ? '' : 'unknown', cut ? 'cut' : ''].join(' ').trim(), pieces[i] ?? '');
    item.title = `id ${id}${known ? '' : ' (unknown to the tokenizer)'}${cut ? ', cut: past the sequence length' : ''}`;
    list.append(item);
  });
}

function setupTextClassifier(tokenize, pre, predict) {
  const box = byId('text-input');
  const run = () => {
    const ids = tokenize.encodeText(pre.tokenizer, box.value);
    showTokens(tokenize, pre, box.value, ids);
    predict(tokenize.toSequence(ids, pre.seqLen, pre.truncate, pre.tokenizer.padId));
  };
  byId('text-form').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  box.addEventListener('input', run);
  byId('text').hidden = false;
  run();
}

const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

function numberField(id, min, max, integer) {
  const value = Number(byId(id).value);
  const ok = Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (!ok)
    throw new Error(
      `${byId(id).labels[0].textContent} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
    );
  return value;
}

/** A language model: samples tokens after the prompt one by one, appending each as it comes. */
function setupGenerator(tokenize, pre, model, input) {
  const state = pre.tokenizer;
  const output = byId('generated');
  const button = byId('generate-button');
  const stop = byId('stop-button');
  let stopped = false;
  stop.addEventListener('click', () => (stopped = true));
  const run = async () => {
    const temperature = numberField('temperature', 0, 5, false);
    const topK = numberField('top-k', 0, state.vocab.length, true);
    const length = numberField('max-length', 1, 5000, true);
    const seed = numberField('seed', 0, 4294967295, true);
    const prompt = byId('prompt').value;
    const history = tokenize.encodeText(state, prompt);
    if (history.length === 0) throw new Error('Type a prompt of at least one character: the model continues it.');
    const rng = mulberry32(seed);
    const written = make('span');
    output.replaceChildren(make('span', 'prompt', prompt), written);
    const joiner = state.kind === 'word' ? ' ' : '';
    stopped = false;
    for (let t = 0; t < length && !stopped; t++) {
      const window = contextWindow(history, pre.seqLen, state.padId);
      const next = tf.tidy(() => {
        const out = model.predict(tf.tensor2d(window.ids, [1, pre.seqLen], input.dtype));
        // [1, seqLen, vocab] → the distribution after the last real token.
        return tf.reshape(tf.slice(Array.isArray(out) ? out[0] : out, [0, window.at, 0], [1, 1, -1]), [-1]);
      });
      const probs = await next.data();
      next.dispose();
      const id = sampleToken(probs, temperature, topK, rng);
      history.push(id);
      written.textContent += joiner + tokenize.decodeIds(state, [id]);
      await nextFrame(); // let the page draw the token and take clicks (Stop)
    }
  };
  byId('generate-form').addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    stop.disabled = false;
    showStatus('');
    run()
      .catch((err) => showStatus(err instanceof Error ? err.message : String(err), true))
      .finally(() => {
        button.disabled = false;
        stop.disabled = true;
      });
  });
  byId('generate').hidden = false;
}

async function loadTokenize() {
  try {
    return await import('./tokenize.js');
  } catch (err) {
    throw new Error(
      `tokenize.js could not be loaded (${err instanceof Error ? err.message : String(err)}); keep it next to index.html`,
    );
  }
}

async function setupText(pre, model, input, predict) {
  let tokenize;
  try {
    tokenize = await import('./tokenize.js');
  } catch (err) {
    throw new Error(
      `tokenize.js could not be loaded (${err instanceof Error ? err.message : String(err)}); keep it next to index.html`,
    );
  }
  if (pre.task === 'next-token') setupGenerator(tokenize, pre, model, input);
  else setupTextClassifier(tokenize, pre, predict);
}

// ---- Anything else: a list of numbers ----

function setupRaw(input, predict) {
  const size = input.shape.reduce((a, b) => a * b, 1);
  byId('raw-label').textContent =
    `${size} input values for '${input.name}' (shape [${input.shape.join(', ')}]), separated by commas or spaces`;
  byId('raw-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = byId('raw-values').value.trim();
    const values = text === '' ? [] : text.split(/[\s,;]+/).map(Number);
    if (values.length !== size || values.some((v) => !Number.isFinite(v))) {
      showStatus(
        `Enter exactly ${size} numbers; got ${values.length}${values.some((v) => !Number.isFinite(v)) ? ', some not numbers' : ''}.`,
        true,
      );
      return;
    }
    showStatus('');
    predict(values);
  });
  byId('raw').hidden = false;
}

// ---- A GAN's generator: images from a seed (gan.js, in generators' exports only) ----

async function setupGenerated(model, metadata) {
  let gan;
  try {
    gan = await import('./gan.js');
  } catch (err) {
    throw new Error(
      `gan.js could not be loaded (${err instanceof Error ? err.message : String(err)}); keep it next to index.html`,
    );
  }
  gan.setupGan(tf, model, metadata, showStatus);
}

/**
 * The model, with Layerloom's own layers (attention, position embeddings: not in TensorFlow.js itself)
 * registered from layers.js when model.json uses them; the export holds layers.js only then.
 */
async function loadModel() {
  try {
    return await tf.loadLayersModel(here('model.json'));
  } catch (err) {
    const unknown = /Unknown layer: (\w+)/.exec(err instanceof Error ? err.message : '');
    if (!unknown) throw err;
    try {
      const { registerLayers } = await import('./layers.js');
      registerLayers(tf);
    } catch {
      throw new Error(
        `This page's TensorFlow.js has no ${unknown[1]} layer and layers.js, which adds it, could not be loaded; keep layers.js next to index.html, or use the Python project (keras/ or pytorch/) or onnx/model.onnx (see README.md).`,
      );
    }
    return tf.loadLayersModel(here('model.json'));
  }
}

async function main() {
  if (!tf) throw new Error('tf.min.js did not load; keep it next to index.html');
  const metadata = await loadMetadata();
  document.title = metadata.modelName;
  byId('title').textContent = metadata.modelName;
  const about = [
    metadata.gan ? 'GAN generator' : metadata.task,
    metadata.dataset ? `trained on ${metadata.dataset.name}` : null,
  ].filter(Boolean);
  byId('subtitle').textContent = about.join(' · ');
  await tf.ready();
  const model = await loadModel();
  byId('backend').textContent = `TensorFlow.js ${tf.version.tfjs} (${tf.getBackend()})`;
  const input = metadata.inputs[0];
  const pre = metadata.preprocessing;
  if (pre?.kind === 'tabular' && metadata.inputs.every((i) => i.offset !== undefined)) {
    // A table whose columns feed several Inputs (or one with an Input of its own): one form, one row, cut per Input.
    const tokenize = pre.features.some((f) => f.type === 'text') ? await loadTokenize() : null;
    showStatus('');
    setupTabular(pre, makeMixedPredictor(model, metadata), tokenize);
    return;
  }
  // A text model reads seqLen ids, even when its Input leaves the length free.
  const shape = pre?.kind === 'text' ? [pre.seqLen] : input.shape;
  if (metadata.inputs.length !== 1 || shape.some((d) => d === null)) {
    throw new Error('This page runs models with one input of a fixed shape; use the code in README.md for this model.');
  }
  const predict = makePredictor(model, metadata, shape);
  showStatus('');
  if (metadata.gan) await setupGenerated(model, metadata);
  else if (pre?.kind === 'tabular') setupTabular(pre, predict);
  else if (pre?.kind === 'image') setupImage(pre, predict);
  else if (pre?.kind === 'text') await setupText(pre, model, input, predict);
  else setupRaw(input, predict);
}

main().catch((err) => showStatus(err instanceof Error ? err.message : String(err), true));
