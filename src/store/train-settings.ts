import type { z } from 'zod';
import { trainSettingsSchema } from '../model/project-schema';

type Parsed = z.output<typeof trainSettingsSchema>;

/**
 * The Train page's form, kept in the store so it survives leaving the page. Its fields, ranges
 * and defaults are the project schema's (one source: a saved project and a fresh form agree).
 */
export type TrainSettings = Readonly<Omit<Parsed, 'augment'>> & { readonly augment: Readonly<Parsed['augment']> };

export const DEFAULT_TRAIN_SETTINGS: TrainSettings = trainSettingsSchema.parse({});
