import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { analyzeGraph } from '../model/analyze';
import type { ExportRun } from '../compiler/bundle/metadata-schema';
import { ganAdam } from '../training/gan/config';
import { parseTrainConfig, type TrainConfigInput } from '../training/config';
import type { EvaluationMetrics } from '../training/metrics';
import { seededConfig, TrainerSession, type TestScore } from '../training/session';
import type { EpochLog } from '../training/types';
import { loadModelFile } from './load';
import type { DataChoices } from './data-options';
import { DATA_OPTIONS, readDataOptions } from './data-options';
import { loadTrainingData } from './train-data';
import { languageModelSummary, type LanguageModelSummary } from './train-lm';
import { charsPerTokenOf } from '../data/text';
import { templateIdInputs, templateModel, templateTakesText, takesTokenIds } from './train-model';
import { ColumnRoleError } from './train-roles';
import { TOKENIZER_KINDS, type TextChoices } from './train-text';
import type { TokenizerKind } from '../data/text';
import type { ImageChoices } from './train-images';
import { TRAIN_HELP } from './train-help';
import { readFormats, writeExportFolder, type FormatChoice } from './bundle';

const BACKENDS = ['wasm', 'cpu'] as const;

function usage(message: string): Error {
  return new Error(`${message}\n\n${TRAIN_HELP}`);
}

function wholeNumber(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw usage(`${flag} must be a whole number ≥ ${min}; got '${value}'.`);
  return n;
}

interface TrainArgs {
  /** A model.json or project.json; or, instead, `template`. */
  model?: string;
  /** A template name (`layerloom templates`), sized to the data. */
  template?: string;
  data: string;
  /** The label column of a CSV; image datasets take their labels from folders or their labels CSV. */
  label?: string;
  images: ImageChoices;
  /** Tokenizer kind, vocabulary size and sequence length for text data. */
  text: TextChoices;
  backend: (typeof BACKENDS)[number];
  out?: string;
  json: boolean;
  /** Start from fresh weights even when the model.json names weight files. */
  fresh: boolean;
  /** How to read the CSV: the Data page's settings. */
  dataChoices: DataChoices;
  seed: number;
  config: TrainConfigInput;
  /** The folders `--out` writes (`--format`, default all). */
  formats: FormatChoice;
}

function readArgs(argv: string[]): TrainArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        model: { type: 'string' },
        template: { type: 'string' },
        data: { type: 'string' },
        label: { type: 'string' },
        epochs: { type: 'string' },
        batch: { type: 'string' },
        optimizer: { type: 'string' },
        lr: { type: 'string' },
        loss: { type: 'string' },
        seed: { type: 'string' },
        backend: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        fresh: { type: 'boolean' },
        'image-size': { type: 'string' },
        tokenizer: { type: 'string' },
        vocab: { type: 'string' },
        'seq-len': { type: 'string' },
        channels: { type: 'string' },
        ...DATA_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw usage((err as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  let dataChoices: DataChoices;
  try {
    dataChoices = readDataOptions(v);
  } catch (err) {
    throw usage((err as Error).message);
  }
  if (!v.model === !v.template) throw usage('layerloom train needs either --model or --template (not both).');
  if (!v.data) throw usage('layerloom train needs --data.');
  if (!v.label && v.data.toLowerCase().endsWith('.csv')) throw usage('layerloom train needs --label for a CSV.');
  const imageSize = wholeNumber(v['image-size'], '--image-size', 4);
  if (imageSize !== undefined && imageSize > 512)
    throw usage(`--image-size must be at most 512; got '${v['image-size']}'.`);
  if (v.channels !== undefined && v.channels !== '1' && v.channels !== '3')
    throw usage(`--channels must be 1 or 3; got '${v.channels}'.`);
  const images: ImageChoices = {
    ...(imageSize !== undefined ? { imageSize } : {}),
    ...(v.channels !== undefined ? { channels: Number(v.channels) as 1 | 3 } : {}),
  };
  if (v.tokenizer !== undefined && !(TOKENIZER_KINDS as readonly string[]).includes(v.tokenizer)) {
    throw usage(`--tokenizer must be ${TOKENIZER_KINDS.join(', ')}; got '${v.tokenizer}'.`);
  }
  const vocab = wholeNumber(v.vocab, '--vocab', 3);
  const seqLen = wholeNumber(v['seq-len'], '--seq-len', 1);
  const text: TextChoices = {
    ...(v.tokenizer !== undefined ? { tokenizer: v.tokenizer as TokenizerKind } : {}),
    ...(vocab !== undefined ? { vocab } : {}),
    ...(seqLen !== undefined ? { seqLen } : {}),
  };
  const backend = (v.backend ?? 'wasm') as TrainArgs['backend'];
  if (!BACKENDS.includes(backend)) throw usage(`--backend must be ${BACKENDS.join(' or ')}; got '${v.backend}'.`);
  const lr = v.lr === undefined ? undefined : Number(v.lr);
  if (lr !== undefined && !(Number.isFinite(lr) && lr > 0))
    throw usage(`--lr must be a positive number; got '${v.lr}'.`);
  const seed = wholeNumber(v.seed, '--seed', 0) ?? 42;
  const config: TrainConfigInput = {
    seed,
    optimizer: { name: (v.optimizer ?? 'adam') as never, ...(lr !== undefined ? { learningRate: lr } : {}) },
    ...(v.loss ? { loss: v.loss as never } : {}),
    ...(v.epochs ? { epochs: wholeNumber(v.epochs, '--epochs', 1) } : {}),
    ...(v.batch ? { batchSize: wholeNumber(v.batch, '--batch', 1) } : {}),
  };
  const checked = parseTrainConfig(config);
  if (!checked.ok) {
    const flags: Record<string, string> = {
      'optimizer.name': '--optimizer',
      'optimizer.learningRate': '--lr',
      loss: '--loss',
      epochs: '--epochs',
      batchSize: '--batch',
    };
    throw usage(checked.issues.map((i) => `${flags[i.path] ?? i.path}: ${i.message}`).join('\n'));
  }
  let formats: FormatChoice;
  try {
    formats = readFormats(v.format);
  } catch (err) {
    throw usage((err as Error).message);
  }
  return {
    model: v.model,
    template: v.template,
    data: v.data,
    label: v.label,
    images,
    text,
    backend,
    out: v.out,
    json: v.json === true,
    fresh: v.fresh === true,
    dataChoices: dataChoices,
    seed,
    config,
    formats,
  };
}

async function modelFromFile(path: string, fresh: boolean) {
  const loaded = await loadModelFile(path, { withWeights: true, fresh });
  for (const w of loaded.warnings) process.stderr.write(`warning: ${w}\n`);
  const analysis = analyzeGraph(loaded.graph);
  if (analysis.errors.length > 0) {
    throw new Error(
      `${path} has ${analysis.errors.length} validation problem(s); fix them before training:\n${analysis.errors.map((e) => `  ${e.message}`).join('\n')}`,
    );
  }
  return loaded;
}

async function useBackend(name: TrainArgs['backend']): Promise<string> {
  if (name === 'wasm') {
    const { setupWasm } = await import('../training/backend-wasm');
    await setupWasm();
  }
  if (name === 'cpu') (await import('../training/kernels/cpu-fixes')).registerCpuKernelFixes();
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend could not start here; try --backend cpu.`);
  await tf.ready();
  return tf.getBackend();
}

const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(4));

function epochLine(log: EpochLog, total: number, metric: string): string {
  const val = log.valLoss === null ? '' : `  val_loss ${fixed(log.valLoss)}  val_${metric} ${fixed(log.valMetric)}`;
  return `Epoch ${log.epoch}/${total}  loss ${fixed(log.loss)}  ${metric} ${fixed(log.metric)}${val}  lr ${log.lr.toPrecision(3)}  (${log.seconds.toFixed(2)} s, ${Math.round(log.samplesPerSec)} samples/s)`;
}

/** A language model's test line: nats per token, perplexity, bits per character and per-token accuracy. */
function languageModelTest(lm: LanguageModelSummary, test: TestScore): Record<string, number | null> {
  const accuracy = test.metrics.kind === 'classification' ? test.metrics.accuracy : null;
  return { n: test.n, ...lm.test, accuracy };
}

const numbersOnly = (o: Record<string, number | null>): Record<string, number> =>
  Object.fromEntries(Object.entries(o).filter((e): e is [string, number] => e[1] !== null));

function testMetrics(m: EvaluationMetrics, loss: number, n: number): Record<string, number> {
  return m.kind === 'classification'
    ? { n, loss, accuracy: m.accuracy }
    : { n, loss, mae: m.mae, mse: m.mse, r2: m.r2 };
}

/** `layerloom train`: returns the exit code (0 when training completed or stopped early). */
export async function runTrain(argv: string[], out: (line: string) => void): Promise<number> {
  const args = readArgs(argv);
  if (args === 'help') {
    out(TRAIN_HELP);
    return 0;
  }
  tf.enableProdMode(); // also silences tfjs's "install tfjs-node" banner
  const backend = await useBackend(args.backend);
  // A model file is checked before the data is read; a template is sized to the data, so it comes after.
  const fromFile = args.model ? await modelFromFile(args.model, args.fresh) : null;
  const { dataset, source } = await loadTrainingData(
    args.data,
    args.label,
    args.seed,
    (w) => process.stderr.write(`warning: ${w}\n`),
    args.dataChoices,
    args.images,
    { wanted: fromFile ? takesTokenIds(fromFile.graph) : templateTakesText(args.template!), choices: args.text },
    {
      idInputs: args.template ? templateIdInputs(args.template) : [],
      ...(args.template ? { template: args.template } : {}),
    },
  ).catch((err: unknown) => {
    throw err instanceof ColumnRoleError ? usage(err.message) : err;
  });
  const config = seededConfig(args.config);
  if (args.template === 'dcgan') {
    // Two networks trained in turns: the GAN trainer, its scores and samples.png (src/cli/train-gan.ts).
    const { runGanTraining } = await import('./train-gan');
    // --lr sets both networks' Adam (β1 0.5) and --batch the batch; otherwise the GAN's defaults.
    const lr = args.config.optimizer?.learningRate;
    const summary = await runGanTraining(dataset, {
      epochs: config.epochs,
      seed: config.seed,
      config: {
        ...(lr !== undefined ? { generatorOptimizer: ganAdam(lr), discriminatorOptimizer: ganAdam(lr) } : {}),
        ...(args.config.batchSize !== undefined ? { batchSize: args.config.batchSize } : {}),
      },
      json: args.json,
      print: out,
      ...(args.out ? { out: args.out, formats: args.formats.formats, optionalFormats: args.formats.all } : {}),
    });
    return summary.status === 'completed' ? 0 : 1;
  }
  const loaded = fromFile ?? (await templateModel(args.template!, dataset));
  // The app's session: the same seeded compile, starting weights and trainer as the Train page.
  const session = await TrainerSession.create(
    {
      graph: loaded.graph,
      dataset,
      config,
      modelName: loaded.name,
      ...(dataset.transform?.kind === 'text' ? { charsPerToken: charsPerTokenOf(dataset.transform.tokenizer) } : {}),
    },
    { initialWeights: loaded.weights },
  );
  try {
    let total = 0;
    let metricName = '';
    const result = await session.run(undefined, {
      onStart: (info) => {
        total = info.endEpoch;
        metricName = info.metric;
      },
      onEpoch: (log) => out(epochLine(log, total, metricName)),
    });
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    if (result.status === 'failed') throw new Error(result.issue?.message ?? 'Training failed.');
    if (result.status === 'early-stopped') {
      out(
        `Early stopping after epoch ${result.epoch}${result.restoredEpoch ? `; weights from epoch ${result.restoredEpoch}` : ''}.`,
      );
    }
    const test = await session.score();
    const lm =
      test && dataset.task === 'next-token'
        ? await languageModelSummary(test, dataset, loaded.graph, session.weights(), result.seed)
        : null;
    const summary = {
      backend,
      dataset: dataset.name,
      task: dataset.task,
      status: result.status,
      epochs: result.epoch,
      seed: result.seed,
      loss: result.loss,
      metric: result.metric,
      history: result.history,
      test: test ? (lm ? languageModelTest(lm, test) : testMetrics(test.metrics, test.loss, test.n)) : null,
      ...(lm ? { baselines: lm.baselines, sample: lm.sample } : {}),
    };
    out(
      test
        ? `Test (${test.n} rows): ${Object.entries(summary.test!)
            .filter(([k]) => k !== 'n')
            .map(([k, v]) => `${k} ${v === null ? '—' : v.toFixed(4)}`)
            .join('  ')}`
        : 'No test rows to score.',
    );
    if (lm) {
      const { unigram, bigram } = lm.baselines;
      out(
        `Baselines on the same chunk: unigram ${unigram.bitsPerChar?.toFixed(4) ?? '—'} bits/char, bigram ${bigram.bitsPerChar?.toFixed(4) ?? '—'} bits/char`,
      );
      out(`Sample: ${JSON.stringify(lm.sample)}`);
    }
    if (args.out) {
      const trained = session.weights();
      // The app's export of this run: preprocessing, class names, the run's settings and test scores,
      // and the split with its test rows, so the test score can be re-checked from the files alone.
      const run: ExportRun = {
        id: 'cli',
        name: `layerloom train (seed ${result.seed})`,
        settings: JSON.parse(JSON.stringify(config)) as Record<string, unknown>,
        epochs: result.epoch,
        test: summary.test && numbersOnly(summary.test),
        data: null,
      };
      const written = await writeExportFolder(
        args.out,
        { name: loaded.name, graph: loaded.graph, weights: trained, dataset, run, data: source },
        args.formats.formats,
        { optional: args.formats.all },
      );
      for (const w of written.warnings) process.stderr.write(`warning: ${w}\n`);
      await writeFile(join(args.out, 'metrics.json'), `${JSON.stringify(summary, null, 2)}\n`);
      out(`Wrote ${[...written.files, join(args.out, 'metrics.json')].join(', ')}`);
    }
    if (args.json) out(JSON.stringify(summary));
    return 0;
  } finally {
    session.dispose();
  }
}
