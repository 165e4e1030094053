import { z } from 'zod';
import { count, measured } from './project-schema-base';

/**
 * A GAN's training settings (src/training/gan/config.ts GanConfig, by the names the Train page
 * shows). Every field has a default, so a GAN saved before a field existed still loads.
 */
export const ganSettingsSchema = z
  .object({
    /** k: discriminator steps per generator step. */
    discriminatorSteps: z.number().int().min(1).max(100).default(1),
    generatorLearningRate: z.number().positive().max(1).default(5e-4),
    discriminatorLearningRate: z.number().positive().max(1).default(5e-4),
    /** The discriminator's target for real images: 1 is no smoothing, 0.9 one-sided smoothing. */
    realLabel: z.number().gt(0.5).max(1).default(0.9),
    batchSize: z.number().int().min(1).max(4096).default(64),
    epochs: z.number().int().min(1).max(10_000).default(5),
  })
  .strict();

export type GanSettings = z.infer<typeof ganSettingsSchema>;

/** One finished epoch of a GAN run (src/training/gan/trainer.ts GanEpochLog; non-finite values as null). */
const ganEpochSchema = z
  .object({
    epoch: count(10_000_000),
    dLoss: measured,
    gLoss: measured,
    /** Mean D(x) and D(G(z)) over the epoch. */
    realScore: measured,
    fakeScore: measured,
    seconds: measured,
    /** The mode-collapse measure: spread of the samples against the real images'. */
    diversity: z.object({ samples: measured, real: measured, ratio: measured, collapsed: z.boolean() }).strict(),
  })
  .strict();

const ganScoreSchema = z.object({ inception: measured, frechet: measured }).strict();

/** The Evaluate page's scores of a run's generator, with the real-images and noise bounds. */
const ganRunScoresSchema = z
  .object({
    score: ganScoreSchema,
    bounds: z.object({ real: ganScoreSchema, noise: ganScoreSchema }).strict(),
    /** Images per set. */
    n: count(10_000_000),
    /** The seed of the generated set. */
    seed: z.number().int(),
  })
  .strict();

/**
 * A GAN run as the project keeps it: what it trained with, its epochs and its scores. Both
 * networks' weights are binary, stored per project under ganWeightKey(run id, network).
 */
export const ganRunSchema = z
  .object({
    id: z.string().min(1).max(100),
    name: z.string().max(200),
    createdAt: z.string().max(40),
    status: z.enum(['running', 'completed', 'stopped', 'failed']),
    settings: ganSettingsSchema,
    seed: z.number().int(),
    /** The dataset it trained on, by name. */
    dataName: z.string().max(200).nullable(),
    epochs: z.array(ganEpochSchema).max(100_000),
    scores: ganRunScoresSchema.nullable().default(null),
  })
  .strict();

export type GanRunRecord = z.infer<typeof ganRunSchema>;
export type GanEpochRecord = z.infer<typeof ganEpochSchema>;
export type GanRunScores = z.infer<typeof ganRunScoresSchema>;
export type GanNetwork = 'generator' | 'discriminator';

/** Where a GAN run's network is stored among the project's run weights (runWeights, keyed [projectId, key]). */
export function ganWeightKey(runId: string, network: GanNetwork): string {
  return `${runId}:${network}`;
}
