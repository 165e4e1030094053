/**
 * Trained weights inside a .layerloom bundle: `weights.bin` (float32 values, little-endian, laid
 * end to end) and `weights.json` naming each tensor's layer, weight and shape in that order.
 */
import { z } from 'zod';
import { pathText } from '../../model/project';
import { elementCount, type LayerWeights, type WeightValue } from '../../model/weights';

export const WEIGHTS_FORMAT = 'layerloom-weights';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const name = z
  .string()
  .min(1)
  .max(200)
  .refine((n) => !FORBIDDEN.has(n), 'is a forbidden name');

const manifestSchema = z
  .object({
    format: z.literal(WEIGHTS_FORMAT),
    version: z.literal(1),
    dtype: z.literal('float32'),
    weights: z
      .array(
        z
          .object({
            layer: name,
            name,
            shape: z.array(z.number().int().min(0).max(2 ** 31)).max(8),
          })
          .strict(),
      )
      .max(100_000),
  })
  .strict();

export type WeightsManifest = z.infer<typeof manifestSchema>;

export class WeightsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightsFileError';
  }
}

export function packLayerWeights(weights: LayerWeights): { manifest: WeightsManifest; bin: Uint8Array } {
  const entries = Object.entries(weights).flatMap(([layer, list]) => list.map((w) => ({ layer, w })));
  const total = entries.reduce((n, e) => n + e.w.values.length, 0);
  const values = new Float32Array(total);
  let at = 0;
  for (const { w } of entries) {
    values.set(w.values, at);
    at += w.values.length;
  }
  return {
    manifest: {
      format: WEIGHTS_FORMAT,
      version: 1,
      dtype: 'float32',
      weights: entries.map(({ layer, w }) => ({ layer, name: w.name, shape: [...w.shape] })),
    },
    bin: new Uint8Array(values.buffer),
  };
}

/** Checks the manifest against the bytes before trusting either; errors name the entry at fault. */
export function unpackLayerWeights(rawManifest: unknown, bin: Uint8Array): LayerWeights {
  const parsed = manifestSchema.safeParse(rawManifest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WeightsFileError(`weights.json is invalid at "${issue ? pathText(issue.path) : ''}": ${issue?.message ?? 'unknown problem'}`);
  }
  const manifest = parsed.data;
  let needed = 0;
  manifest.weights.forEach((w, i) => {
    const n = elementCount(w.shape);
    if (!Number.isSafeInteger(n) || n > 2 ** 31) throw new WeightsFileError(`weights.json is invalid at "weights[${i}].shape": too many values`);
    needed += n * 4;
  });
  if (needed !== bin.byteLength) {
    throw new WeightsFileError(`weights.bin holds ${bin.byteLength} bytes but weights.json describes ${needed}; the file is damaged or truncated`);
  }
  const layers = new Map<string, WeightValue[]>();
  let offset = 0;
  for (const w of manifest.weights) {
    const bytes = elementCount(w.shape) * 4;
    // slice() copies to a fresh, aligned buffer that the weight owns.
    const values = new Float32Array(bin.slice(offset, offset + bytes).buffer);
    offset += bytes;
    const list = layers.get(w.layer) ?? [];
    list.push({ name: w.name, shape: w.shape, values });
    layers.set(w.layer, list);
  }
  return Object.fromEntries(layers);
}
