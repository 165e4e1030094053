/**
 * metadata.json's `inputs` for a model fed by a dataset of several parts (src/data's
 * PreparedDataset.inputs): one entry per model Input, matched to the part of the same name, with
 * the part's role, columns, vocabulary and where its values start in the preprocessed row
 * (`offset`), so a reader applies the one preprocessing and hands each Input its slice.
 */
import { MetadataError } from './metadata-read';
import type { InputSpec } from './metadata-schema';

/** One part of a dataset's row, as src/data's InputPart (restated: src/compiler may not import src/data). */
export interface DatasetInputPart {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly role: 'text' | 'features' | 'id';
  readonly columns: readonly string[];
  readonly vocabulary?: number;
}

type ModelInput = Omit<InputSpec, 'featureNames'>;

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const fmt = (shape: readonly (number | null)[]) => `[${shape.map((d) => d ?? '?').join(', ')}]`;

/**
 * The model's inputs, each with its part. Every model Input must be named as a part and every part
 * must have an Input; a shape must match its part's. `featureNames` is the whole row's names (tabular).
 */
export function mixedInputSpecs(
  datasetName: string,
  modelInputs: readonly ModelInput[],
  parts: readonly DatasetInputPart[],
  featureNames: readonly string[] | null,
): InputSpec[] {
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const p of parts) {
    offsets.set(p.name, offset);
    offset += size(p.shape);
  }
  const partNames = parts.map((p) => `'${p.name}'`).join(', ');
  const specs = modelInputs.map((input, i): InputSpec => {
    const part = parts.find((p) => p.name === input.name);
    if (!part) {
      throw new MetadataError(
        `The model's Input '${input.name}' is not one of dataset '${datasetName}''s parts (${partNames}); name each Input after the part it takes`,
        `inputs[${i}].name`,
      );
    }
    const same =
      input.shape.length === part.shape.length && input.shape.every((d, k) => d === null || d === part.shape[k]);
    if (!same) {
      throw new MetadataError(
        `The model's Input '${input.name}' takes samples of shape ${fmt(input.shape)} but the dataset's part '${part.name}' has ${fmt(part.shape)}; set the Input layer's shape to ${fmt(part.shape)}`,
        `inputs[${i}].shape`,
      );
    }
    const at = offsets.get(part.name)!;
    return {
      ...input,
      shape: [...input.shape],
      featureNames: featureNames ? featureNames.slice(at, at + size(part.shape)) : null,
      role: part.role,
      columns: [...part.columns],
      offset: at,
      ...(part.vocabulary !== undefined ? { vocabulary: part.vocabulary } : {}),
    };
  });
  const missing = parts.filter((p) => !modelInputs.some((m) => m.name === p.name));
  if (missing.length > 0) {
    throw new MetadataError(
      `Dataset '${datasetName}' has ${missing.length === 1 ? 'a part' : 'parts'} no model Input takes: ${missing.map((p) => `'${p.name}'`).join(', ')}; add an Input named so for each`,
      'inputs',
    );
  }
  return specs;
}
