import { z } from 'zod';
import { findNonJson } from './json-guard';
import { count, measured } from './project-schema-base';

/**
 * Plain JSON of bounded size, for parts whose schema lives outside src/model (pipeline, train
 * config). Objects read back from IndexedDB skip JSON.parse, so the values are walked: a BigInt,
 * a Date or a hole here would load, and then make saving the project fail or change it.
 */
export const jsonObjectSchema = z.record(z.string().max(200), z.unknown()).superRefine((value, ctx) => {
  const found = findNonJson(value);
  if (found)
    ctx.addIssue({
      code: 'custom',
      message: `is ${found.what}; a project file holds only plain JSON (objects, lists, strings, finite numbers, true, false and null)`,
      path: found.path,
    });
});

const epochLogSchema = z
  .object({
    epoch: count(10_000_000),
    loss: measured,
    metric: measured,
    valLoss: measured,
    valMetric: measured,
    lr: measured,
    seconds: measured,
    samplesPerSec: measured,
  })
  .strict();

const testMetricsSchema = z
  .object({
    loss: measured,
    n: count(Number.MAX_SAFE_INTEGER),
    metrics: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('classification'), accuracy: measured }).strict(),
      z.object({ kind: z.literal('regression'), mae: measured, mse: measured, r2: measured }).strict(),
    ]),
    /** Next-token runs only (absent in projects saved before language models). */
    languageModel: z
      .object({
        kind: z.literal('language-model'),
        tokens: count(Number.MAX_SAFE_INTEGER),
        accuracy: measured,
        natsPerToken: measured,
        perplexity: measured,
        bitsPerChar: measured,
      })
      .strict()
      .optional(),
  })
  .strict();

/** One training run without its per-batch arrays (TrainingRun in src/store/training-slice.ts). */
export const runSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().max(200),
    config: jsonObjectSchema,
    backendLabel: z.string().max(200),
    status: z.enum(['running', 'completed', 'early-stopped', 'stopped', 'failed', 'crashed']),
    epochs: z.array(epochLogSchema).max(100_000),
    test: testMetricsSchema.nullable(),
    seconds: z.number().min(0).max(1e9),
    metric: z.enum(['accuracy', 'mae']),
    createdAt: z.string().max(40).optional(),
    /** The per-batch curve, downsampled (src/store/training-slice.ts batchCurveOf). */
    batchCurve: z
      .object({
        step: z.array(measured).max(5_000),
        loss: z.array(measured).max(5_000),
        metric: z.array(measured).max(5_000),
      })
      .strict()
      .optional(),
    /** What the run trained on: the dataset's name, a fingerprint of its splits and the split seed. */
    data: z
      .object({ name: z.string().max(200), fingerprint: z.string().max(64), splitSeed: z.number().int().nullable() })
      .strict()
      .optional(),
    /** The run's stored weights (the values themselves are binary, kept per project and run). */
    weights: z
      .object({ layers: count(5_000), tensors: count(100_000), values: count(2 ** 31) })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

/** Describes the trained weights stored beside the project; the values themselves are binary. */
export const weightsRefSchema = z
  .object({
    /**
     * null: the weights the model came with (an opened file, a pretrained template). A run id
     * marks a project saved before every run kept its own weights: they are that run's.
     */
    runId: z.string().min(1).max(100).nullable(),
    layers: count(5_000),
    tensors: count(100_000),
    values: count(2 ** 31),
  })
  .strict();
