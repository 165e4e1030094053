// Layerloom export: the page of a GAN's generator. A seed draws a batch of latent vectors (standard
// normal, from the same seeded stream as the app, so one seed gives the app's images), the generator
// turns them into images, and the page lays them out on a canvas. The pure parts (latents, grid) run
// in Node too; Layerloom's tests check them against the app's own code value for value.
/* global document, ImageData */
import { mulberry32 } from './preprocess.js';

/** Images the page draws per Generate, and per grid row. */
export const GRID_IMAGES = 16;
export const GRID_COLUMNS = 4;

/** One standard normal draw (Box–Muller); `1 - rng()` keeps the logarithm's argument in (0, 1]. */
function normal(rng) {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** `count` latent vectors of `size` values drawn from `seed`, row-major, as the app draws them. */
export function latentBatch(seed, count, size) {
  const rng = mulberry32(seed);
  const out = new Float32Array(count * size);
  for (let i = 0; i < out.length; i++) out[i] = normal(rng);
  return out;
}

/**
 * `count` images (row-major, each [height, width, channels] with values in [0, 1]) laid out in rows of
 * `columns` with a `gap`-pixel gap, as 8-bit RGBA for a canvas. Grey images fill R, G and B alike.
 */
export function imageGrid(values, count, image, columns = GRID_COLUMNS, gap = 1) {
  const { height: h, width: w, channels: c } = image;
  const rows = Math.ceil(count / columns);
  const width = columns * w + (columns - 1) * gap;
  const height = rows * h + (rows - 1) * gap;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const byte = (v) => Math.round(Math.min(Math.max(v, 0), 1) * 255);
  for (let i = 0; i < count; i++) {
    const top = Math.floor(i / columns) * (h + gap);
    const left = (i % columns) * (w + gap);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((i * h + y) * w + x) * c;
        const dst = ((top + y) * width + left + x) * 4;
        for (let k = 0; k < 3; k++) rgba[dst + k] = byte(values[src + (c === 3 ? k : 0)]);
        rgba[dst + 3] = 255;
      }
    }
  }
  return { width, height, rgba };
}

/** The seed field's value: a whole number from 0 to 2^32 − 1, or an error that says so. */
export function readSeed(text) {
  const value = Number(String(text).trim());
  if (String(text).trim() === '' || !Number.isInteger(value) || value < 0 || value > 4294967295) {
    throw new Error(`The seed must be a whole number from 0 to 4294967295; got "${String(text).slice(0, 40)}"`);
  }
  return value;
}

/** Wires the Generate form: the seed's images on the canvas, drawn at once for the seed shown. */
export function setupGan(tf, model, metadata, showStatus) {
  const { latent, image } = metadata.gan;
  const byId = (id) => document.getElementById(id);
  const canvas = byId('gan-grid');
  const seedField = byId('gan-seed');
  const button = byId('gan-button');
  byId('gan-about').textContent =
    `${GRID_IMAGES} images of ${image.width}×${image.height}${image.channels === 3 ? ' RGB' : ' grey'} from ${latent.size} random numbers each; the same seed always draws the same images.`;
  const draw = () => {
    const seed = readSeed(seedField.value);
    const values = tf.tidy(() => {
      const z = tf.tensor2d(latentBatch(seed, GRID_IMAGES, latent.size), [GRID_IMAGES, latent.size]);
      const y = model.predict(z);
      return (Array.isArray(y) ? y[0] : y).dataSync();
    });
    const grid = imageGrid(values, GRID_IMAGES, image);
    canvas.width = grid.width;
    canvas.height = grid.height;
    const ctx = canvas.getContext('2d');
    ctx.putImageData(new ImageData(grid.rgba, grid.width, grid.height), 0, 0);
    canvas.dataset.seed = String(seed);
    canvas.setAttribute('aria-label', `${GRID_IMAGES} generated images for seed ${seed}`);
  };
  const run = () => {
    try {
      showStatus('');
      draw();
    } catch (err) {
      showStatus(err instanceof Error ? err.message : String(err), true);
    }
  };
  byId('gan-form').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  byId('gan-new-seed').addEventListener('click', () => {
    seedField.value = String(Math.floor(Math.random() * 1e6));
    run();
  });
  button.disabled = false;
  byId('gan').hidden = false;
  run();
}
