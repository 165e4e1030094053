// How long DCGAN needs on the Fashion-MNIST built-in, on the wasm backend with one thread, to reach
// a Fréchet distance at most half of uniform noise's (both against the same held-out real images).
// Run: `npx tsx bench/gan-fashion.ts [--max-epochs N] [--seed N] [--png PATH] [--upsampling bilinear|nearest|transpose]`.
// Prints one line per epoch with the scores and the minutes so far, and saves the 8×8 sample grid
// after each epoch (PATH: the latest; PATH-eN-xZ.png: epoch N's, enlarged Z times).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { loadImageBuiltin } from '../src/data/builtins';
import { mulberry32 } from '../src/data/random';
import { dcganTemplate, type DcganOptions } from '../src/model/gan-template';
import { setupWasm } from '../src/training/backend-wasm';
import { sampleGrid } from '../src/training/gan/grid';
import { DEFAULT_GAN_CONFIG, type GanConfigInput } from '../src/training/gan/config';
import { latentBatch } from '../src/training/gan/latent';
import { FashionScorer } from '../src/training/gan/scores';
import { GanTrainer } from '../src/training/gan/trainer';

const ROOT = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'max-epochs': { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    png: { type: 'string', default: '/tmp/gan-samples.png' },
    images: { type: 'string', default: '1000' },
    /** Keep training to --max-epochs after the target is reached (to see how far the samples get). */
    'keep-going': { type: 'boolean', default: false },
    /** Also save the grid enlarged this many times (PATH with -xN before .png), easier to look at. */
    zoom: { type: 'string', default: '3' },
    /** The DCGAN template's generator normalization: none or layer. */
    norm: { type: 'string', default: 'layer' },
    /** How the generator doubles its map: bilinear or nearest (UpSampling2D + Conv2D), or transpose. */
    upsampling: { type: 'string', default: 'bilinear' },
    /** GAN settings other than the defaults (src/training/gan/config.ts). */
    'batch-size': { type: 'string' },
    'g-lr': { type: 'string' },
    'd-lr': { type: 'string' },
    'real-label': { type: 'string' },
    /** Filters of the template's widest layer. */
    width: { type: 'string' },
    /** Filters of the discriminator's widest layer. */
    'd-width': { type: 'string' },
  },
});
const maxEpochs = Number(values['max-epochs']);
const seed = Number(values.seed);
const n = Number(values.images);

await setupWasm({ threads: 1 });
if (!(await tf.setBackend('wasm'))) throw new Error('The wasm backend could not start.');
await tf.ready();

const data = await loadImageBuiltin(
  'fashion-mnist',
  async (name) => new Uint8Array(await readFile(join(ROOT, 'public', 'datasets', name))),
);
const scorer = await FashionScorer.load(async (path) => new Uint8Array(await readFile(join(ROOT, 'public', path))));
const shape = data.inputShape;
const size = shape.reduce((a, b) => a * b, 1);
const reference = scorer.reference({ x: data.test.x.subarray(0, n * size), n, shape });
const bounds = scorer.bounds({ x: data.validation.x.subarray(0, n * size), n, shape }, reference, seed + 99);
const fmt = (s: { inception: number; frechet: number }) => `IS ${s.inception.toFixed(2)} FID ${s.frechet.toFixed(2)}`;
console.log(
  `bounds: real ${fmt(bounds.real)}; noise ${fmt(bounds.noise)}; target FID ≤ ${(bounds.noise.frechet / 2).toFixed(2)}`,
);

const adam = (learningRate: number) => ({ ...DEFAULT_GAN_CONFIG.generatorOptimizer, learningRate });
const settings: GanConfigInput = {
  seed,
  ...(values['batch-size'] ? { batchSize: Number(values['batch-size']) } : {}),
  ...(values['g-lr'] ? { generatorOptimizer: adam(Number(values['g-lr'])) } : {}),
  ...(values['d-lr'] ? { discriminatorOptimizer: adam(Number(values['d-lr'])) } : {}),
  ...(values['real-label'] ? { realLabel: Number(values['real-label']) } : {}),
};
if (!['bilinear', 'nearest', 'transpose'].includes(values.upsampling)) {
  throw new Error(`--upsampling must be bilinear, nearest or transpose; got '${values.upsampling}'`);
}
const template: DcganOptions = {
  normalization: values.norm === 'none' ? 'none' : 'layer',
  upsampling: values.upsampling as DcganOptions['upsampling'],
  ...(values.width ? { width: Number(values.width) } : {}),
  ...(values['d-width'] ? { discriminatorWidth: Number(values['d-width']) } : {}),
};
console.log(`template ${JSON.stringify(template)}; settings ${JSON.stringify(settings)}`);
const trainer = new GanTrainer(dcganTemplate(shape, template), data, settings);
const latents = latentBatch(mulberry32(seed + 7), n, trainer.latentDim);
/** Writes the fixed latent batch's 8×8 grid to --png, and enlarged --zoom times beside it, named by epoch. */
async function saveGrid(epoch: number): Promise<void> {
  const grid = sampleGrid(trainer.samples(), trainer.config.sampleCount, shape);
  const png = new PNG({ width: grid.width, height: grid.height });
  png.data.set(grid.rgba);
  await writeFile(values.png, PNG.sync.write(png));
  const zoom = Number(values.zoom);
  if (zoom > 1) {
    const big = new PNG({ width: grid.width * zoom, height: grid.height * zoom });
    for (let y = 0; y < big.height; y++) {
      for (let x = 0; x < big.width; x++) {
        const from = (Math.floor(y / zoom) * grid.width + Math.floor(x / zoom)) * 4;
        big.data.set(grid.rgba.subarray(from, from + 4), (y * big.width + x) * 4);
      }
    }
    await writeFile(values.png.replace(/\.png$/, `-e${epoch}-x${zoom}.png`), PNG.sync.write(big));
  }
}

const started = performance.now();
// CPU time of this process: on a machine shared with other jobs the wall time stretches with the
// load, while the CPU time stays near what an idle machine's wall time would be (one wasm thread).
const cpuStart = process.cpuUsage();
const cpuMinutes = () => {
  const used = process.cpuUsage(cpuStart);
  return (used.user + used.system) / 60e6;
};
let trainingSeconds = 0;
let reached: number | null = null;
for (let epoch = 1; epoch <= maxEpochs; epoch++) {
  const result = await trainer.run({}, undefined, 1);
  const log = result.history[0]!;
  trainingSeconds += log.seconds;
  const score = scorer.score({ x: trainer.generate(latents, n), n, shape }, reference);
  const minutes = trainingSeconds / 60;
  console.log(
    `epoch ${epoch}: D ${log.dLoss.toFixed(3)} G ${log.gLoss.toFixed(3)} D(x) ${log.realScore.toFixed(3)} D(G(z)) ${log.fakeScore.toFixed(3)} ` +
      `diversity ${log.diversity.ratio.toFixed(2)}; ${fmt(score)}; training ${minutes.toFixed(2)} min ` +
      `(wall ${((performance.now() - started) / 60000).toFixed(2)} min, CPU ${cpuMinutes().toFixed(2)} min with scoring)`,
  );
  await saveGrid(epoch);
  if (reached === null && score.frechet <= bounds.noise.frechet / 2) {
    reached = epoch;
    console.log(`reached FID ≤ half of noise's after ${epoch} epoch(s), ${minutes.toFixed(2)} min of training`);
    if (!values['keep-going']) break;
  }
}
console.log(`wrote ${values.png}${reached === null ? `; the target was not reached in ${maxEpochs} epochs` : ''}`);
scorer.dispose();
trainer.dispose();
