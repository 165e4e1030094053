/**
 * A GAN's generator as an export: the same files as any model (tfjs, the page, Keras, ONNX,
 * PyTorch), with metadata.json saying it is a generator (its `gan` part: latent size and sampler,
 * image shape, how values become pixels) instead of naming a task. The page then offers Generate
 * with a seed (web/gan.js) instead of a prediction form.
 */
import { ganGeneratorPart } from './metadata-gan';
import { metadataFromSignature, MetadataError, type ModelSignature } from './metadata';
import { firstIssue } from './metadata-read';
import { metadataSchema, type ExportMetadata } from './metadata-schema';

/** What makes an export a generator's: the image dataset it learned from (named in metadata.json). */
export interface GeneratorExport {
  /** The training images' dataset name, or null when not known. */
  readonly trainedOn: string | null;
}

/** metadata.json of a generator with this signature; throws a MetadataError naming what does not fit. */
export function generatorMetadata(signature: ModelSignature, modelName: string, gan: GeneratorExport): ExportMetadata {
  const [input, ...moreInputs] = signature.inputs;
  const [output, ...moreOutputs] = signature.outputs;
  if (!input || !output || moreInputs.length > 0 || moreOutputs.length > 0) {
    throw new MetadataError(
      `The generator has ${signature.inputs.length} inputs and ${signature.outputs.length} outputs; a GAN generator has exactly one of each (the latent vector in, the image out)`,
      'inputs',
    );
  }
  let part;
  try {
    part = ganGeneratorPart(input, output);
  } catch (err) {
    throw new MetadataError((err as Error).message, 'gan');
  }
  const parsed = metadataSchema.safeParse({
    ...metadataFromSignature(signature, modelName),
    dataset: gan.trainedOn ? { name: gan.trainedOn, kind: 'image' } : null,
    gan: part,
  });
  if (!parsed.success) throw firstIssue(parsed.error, 'The generator metadata');
  return parsed.data;
}
