/**
 * `layerloom train --template dcgan --data <zip|dir|builtin> --epochs N [--seed N] [--out DIR] [--json]`:
 * trains the DCGAN template sized to the images, then scores the generator with the Fashion-MNIST
 * networks against held-out real images, with the real-vs-real and noise bounds. The caller
 * (src/cli/train.ts) loads the data and picks the backend; this runs the rest.
 *
 * With --json each epoch prints one JSON line and the last line is
 * `{"score": {"inception", "frechet"}, "bounds": {"real": {…}, "noise": {…}}, …}`.
 * With --out DIR it writes DIR/samples.png (the 8×8 grid of the fixed latent batch) and the
 * generator's export, the app's Deploy ZIP as a folder (src/cli/bundle.ts): DIR/metadata.json with
 * its `gan` part, tfjs/, web/ (the page that generates from a seed), keras/, onnx/, pytorch/, each
 * read back and checked; the run's scores are metadata.json's run.test.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { mulberry32 } from '../data/random';
import type { PreparedDataset } from '../data/types';
import { dcganTemplate, type DcganOptions } from '../model/gan-template';
import type { ReadModelFile } from '../model/pretrained';
import type { GanConfigInput } from '../training/gan/config';
import type { DiversityReport } from '../training/gan/diversity';
import { sampleGrid } from '../training/gan/grid';
import { latentBatch } from '../training/gan/latent';
import { FashionScorer, type GanScoreReport, type ImageSet } from '../training/gan/scores';
import { GanTrainer, type GanEpochLog } from '../training/gan/trainer';
import { EXPORT_FORMATS, writeExportFolder, type ExportFormat } from './bundle';

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const readPublic: ReadModelFile = async (path) => new Uint8Array(await readFile(join(PUBLIC_DIR, path)));

/** Images per set for the scores: generated, held-out real, and the other real sample. */
const SCORE_IMAGES = 1000;
/** Seeds the scoring latents and the noise bound apart from the training streams. */
const SCORE_SEED_OFFSET = 0x3c6ef372;

export interface GanTrainingOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly out?: string;
  readonly json: boolean;
  /** Where lines go (stdout by default). */
  readonly print?: (line: string) => void;
  /** The DCGAN template's sizes and generator normalization. */
  readonly template?: DcganOptions;
  /** Any other GAN setting (k, label smoothing, learning rates, batch size). */
  readonly config?: GanConfigInput;
  /** Reads public/models/… (this checkout's public/ by default). */
  readonly readModelFile?: ReadModelFile;
  /** Images per score set (default 1000, fewer when the splits are smaller). */
  readonly scoreImages?: number;
  /** The formats --out writes (default all), and whether one that cannot express the generator is only a warning (default true). */
  readonly formats?: readonly ExportFormat[];
  readonly optionalFormats?: boolean;
}

export interface GanTrainingSummary extends GanScoreReport {
  readonly status: 'completed' | 'stopped';
  readonly epochs: number;
  readonly seed: number;
  readonly seconds: number;
  readonly history: readonly GanEpochLog[];
  readonly diversity: DiversityReport;
  /** Files written under `out`. */
  readonly files: readonly string[];
}

const slice = (x: Float32Array, n: number, shape: readonly number[]): ImageSet => {
  const size = shape.reduce((a, b) => a * b, 1);
  return { x: x.subarray(0, n * size), n, shape };
};

function epochText(log: GanEpochLog, total: number): string {
  const f = (v: number) => v.toFixed(4);
  const warn = log.diversity.warning ? `\n  ${log.diversity.warning}` : '';
  return `Epoch ${log.epoch}/${total}  D loss ${f(log.dLoss)}  G loss ${f(log.gLoss)}  D(x) ${f(log.realScore)}  D(G(z)) ${f(log.fakeScore)}  diversity ${log.diversity.ratio.toFixed(2)}  (${log.seconds.toFixed(1)} s)${warn}`;
}

export async function runGanTraining(
  dataset: PreparedDataset,
  options: GanTrainingOptions,
): Promise<GanTrainingSummary> {
  const print = options.print ?? ((line: string) => console.log(line));
  const started = performance.now();
  const gan = dcganTemplate(dataset.inputShape, options.template);
  const trainer = new GanTrainer(gan, dataset, { ...options.config, epochs: options.epochs, seed: options.seed });
  const scorer = await FashionScorer.load(options.readModelFile ?? readPublic);
  try {
    const result = await trainer.run({
      onEpoch: (log) =>
        print(
          options.json ? JSON.stringify({ ...log, diversity: log.diversity.ratio }) : epochText(log, options.epochs),
        ),
    });
    const shape = dataset.inputShape;
    const n = Math.min(options.scoreImages ?? SCORE_IMAGES, dataset.test.n, dataset.validation.n);
    const scoreSeed = (options.seed + SCORE_SEED_OFFSET) >>> 0;
    const reference = scorer.reference(slice(dataset.test.x, n, shape));
    const generated = trainer.generate(latentBatch(mulberry32(scoreSeed), n, trainer.latentDim), n);
    const score = scorer.score({ x: generated, n, shape }, reference);
    const bounds = scorer.bounds(slice(dataset.validation.x, n, shape), reference, scoreSeed);

    const files: string[] = [];
    if (options.out) {
      const grid = sampleGrid(trainer.samples(), trainer.config.sampleCount, shape);
      const png = new PNG({ width: grid.width, height: grid.height });
      png.data.set(grid.rgba);
      const pngPath = join(options.out, 'samples.png');
      // The app's generator export (src/session/gan-deploy.ts sends the same input), into DIR itself.
      const written = await writeExportFolder(
        options.out,
        {
          name: `${dataset.name} generator`,
          graph: gan.generator,
          weights: trainer.weights().generator,
          dataset: null,
          run: {
            id: 'cli',
            name: `layerloom train --template dcgan (seed ${options.seed})`,
            settings: JSON.parse(JSON.stringify(trainer.config)) as Record<string, unknown>,
            epochs: result.epoch,
            test: { inception: score.inception, frechet: score.frechet, n },
            data: null,
          },
          gan: { trainedOn: dataset.name },
        },
        options.formats ?? EXPORT_FORMATS,
        { optional: options.optionalFormats ?? true },
      );
      files.push(...written.files);
      for (const w of written.warnings) process.stderr.write(`warning: ${w}\n`);
      await writeFile(pngPath, PNG.sync.write(png));
      files.push(pngPath);
    }
    const summary: GanTrainingSummary = {
      status: result.status,
      epochs: result.epoch,
      seed: options.seed,
      seconds: (performance.now() - started) / 1000,
      history: result.history,
      diversity: trainer.diversity(),
      score,
      bounds,
      files,
    };
    if (options.json) {
      const { history: _history, ...last } = summary;
      print(JSON.stringify(last));
    } else {
      const s = (x: { inception: number; frechet: number }) =>
        `Inception-style ${x.inception.toFixed(2)}, Fréchet ${x.frechet.toFixed(2)}`;
      print(`Generator: ${s(score)} (${n} images)\nBounds: real ${s(bounds.real)}; noise ${s(bounds.noise)}`);
      if (summary.diversity.warning) print(summary.diversity.warning);
      for (const f of files) print(`Wrote ${f}`);
    }
    return summary;
  } finally {
    scorer.dispose();
    trainer.dispose();
  }
}
