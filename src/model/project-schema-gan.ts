import { z } from 'zod';

/**
 * A GAN's training settings (src/training/gan/config.ts GanConfig, by the names the Train page
 * shows). Every field has a default, so a GAN saved before a field existed still loads.
 */
export const ganSettingsSchema = z
  .object({
    /** k: discriminator steps per generator step. */
    discriminatorSteps: z.number().int().min(1).max(100).default(1),
    generatorLearningRate: z.number().positive().max(1).default(2e-4),
    discriminatorLearningRate: z.number().positive().max(1).default(2e-4),
    /** The discriminator's target for real images: 1 is no smoothing, 0.9 one-sided smoothing. */
    realLabel: z.number().gt(0.5).max(1).default(0.9),
    batchSize: z.number().int().min(1).max(4096).default(64),
    epochs: z.number().int().min(1).max(10_000).default(5),
  })
  .strict();

export type GanSettings = z.infer<typeof ganSettingsSchema>;
