/**
 * The `gan` part of metadata.json, present when the exported model is a GAN's generator: it turns a
 * latent vector into an image. It says how big the latent is and how it is drawn (standard normal,
 * from Layerloom's seeded stream, so a reader can reproduce the app's samples), what image shape the
 * output has, and how its values become pixels. The page (web/gan.js), the README and any script
 * read it; metadata-schema.ts checks it against the model's own input and output shapes.
 */
import { z } from 'zod';

/** How the page and the app draw latents: mulberry32(seed), two draws per Box–Muller normal. */
export const GAN_LATENT_SAMPLER = 'mulberry32-box-muller';
/** The generator learned to draw images in [0, 1] (the image datasets' scale): one byte per value is this. */
export const GAN_TO_PIXEL = 'round(clamp(value, 0, 1) * 255)';

const positive = z.number().int().positive();

export const ganGeneratorSchema = z
  .object({
    role: z.literal('generator'),
    latent: z
      .object({
        /** The model input that takes the latent (metadata.inputs[0].name). */
        input: z.string().min(1).max(200),
        size: positive.max(100_000),
        distribution: z.literal('standard-normal'),
        /** How Layerloom draws a batch from a seed; readers may draw their own normals. */
        sampler: z.literal(GAN_LATENT_SAMPLER),
      })
      .strict(),
    image: z
      .object({
        height: positive.max(4096),
        width: positive.max(4096),
        channels: z.union([z.literal(1), z.literal(3)]),
        /** The output is [height, width, channels] per sample, channels last, RGB order. */
        layout: z.literal('HWC'),
        /** The values the generator was trained to give (those of the real images it learned from). */
        range: z.tuple([z.number().finite(), z.number().finite()]),
        toPixel: z.literal(GAN_TO_PIXEL),
      })
      .strict(),
  })
  .strict();

export type GanGeneratorMetadata = z.infer<typeof ganGeneratorSchema>;

/** What checkGanMetadata reads of the whole metadata (restated: metadata-schema.ts imports this file). */
export interface GanCheckedMetadata {
  readonly task: string | null;
  readonly inputs: readonly { readonly name: string; readonly shape: readonly (number | null)[] }[];
  readonly outputs: readonly { readonly shape: readonly (number | null)[] }[];
  readonly gan: GanGeneratorMetadata;
}

/** The rules that tie the `gan` part to the model's one input (the latent) and one output (the image). */
export function checkGanMetadata(m: GanCheckedMetadata, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const { latent, image } = m.gan;
  if (m.task !== null) issue(['task'], 'should be null for a GAN generator (it draws images; it predicts no task)');
  if (m.inputs.length !== 1 || m.outputs.length !== 1) {
    issue(['inputs'], 'a GAN generator has exactly one input (the latent) and one output (the image)');
    return;
  }
  const input = m.inputs[0]!;
  if (input.name !== latent.input) issue(['gan', 'latent', 'input'], `should name the model's input '${input.name}'`);
  if (input.shape.length !== 1 || input.shape[0] !== latent.size) {
    issue(['inputs', 0, 'shape'], `should be [${latent.size}]: the latent vector (gan.latent.size)`);
  }
  const out = m.outputs[0]!.shape;
  const want = [image.height, image.width, image.channels];
  if (out.length !== 3 || out.some((d, i) => d !== want[i])) {
    issue(['outputs', 0, 'shape'], `should be [${want.join(', ')}]: one image (gan.image height, width, channels)`);
  }
  if (!(image.range[0] < image.range[1])) issue(['gan', 'image', 'range'], 'should be [low, high] with low < high');
}

/**
 * The `gan` part for a generator with this signature (one vector input, one [h, w, 1|3] output);
 * throws a sentence naming what does not fit.
 */
export function ganGeneratorPart(
  input: { readonly name: string; readonly shape: readonly (number | null)[] },
  output: { readonly name: string; readonly shape: readonly (number | null)[] },
): GanGeneratorMetadata {
  const [size, ...more] = input.shape;
  if (size == null || more.length > 0) {
    throw new Error(
      `The generator's input '${input.name}' has shape [${input.shape.map((d) => d ?? '?').join(', ')}], but a generator takes one latent vector of a fixed size: set its Input shape to one number, such as [64]`,
    );
  }
  const [height, width, channels] = output.shape;
  if (output.shape.length !== 3 || height == null || width == null || (channels !== 1 && channels !== 3)) {
    throw new Error(
      `The generator's output '${output.name}' has shape [${output.shape.map((d) => d ?? '?').join(', ')}], but a generator draws images of [height, width, 1 or 3 channels]: end it in a Conv2DTranspose with 1 or 3 filters`,
    );
  }
  return {
    role: 'generator',
    latent: { input: input.name, size, distribution: 'standard-normal', sampler: GAN_LATENT_SAMPLER },
    image: { height, width, channels, layout: 'HWC', range: [0, 1], toPixel: GAN_TO_PIXEL },
  };
}
