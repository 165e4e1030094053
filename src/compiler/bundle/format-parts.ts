/**
 * The ONNX and PyTorch parts of a full export (onnx/model.onnx, pytorch/…), built the same way for
 * the app's ZIP (src/worker/export-model.ts) and the CLI's folder (src/cli/bundle.ts), so both hold
 * the same bytes. A format that cannot express the model is left out with a warning (the rest of the
 * export still works), unless the caller named it (the CLI's `--format onnx`), when it is an error.
 * pytorch/ gets the "train on a bigger machine" files (train.py, …) for models trained on a table;
 * for other models they are left out with a warning and the rest of pytorch/ is kept.
 */
import { exportOnnx } from '../onnx';
import { buildPytorchFiles } from '../pytorch';
import { buildTrainFiles, TrainScriptError, type TfjsModelJson } from '../pytorch-train';
import { projectMetadata, type ExportParts } from './export-parts';
import type { TfjsBundleInput } from './tfjs-bundle';

export const EXTRA_FORMATS = ['onnx', 'pytorch'] as const;
export type ExtraFormat = (typeof EXTRA_FORMATS)[number];

export interface FormatOptions {
  /** The formats to build (default both). */
  readonly formats?: readonly ExtraFormat[];
  /** Formats whose failure throws instead of becoming a warning (default none). */
  readonly required?: readonly ExtraFormat[];
}

/** The files of pytorch/, with train.py and its files when the model was trained on a table. */
function pytorchFiles(input: TfjsBundleInput, exportParts: ExportParts, warnings: string[]): Record<string, Uint8Array | string> {
  const files = buildPytorchFiles(input.graph, input.weights, { modelName: input.name, metadata: projectMetadata(input) });
  try {
    const modelJson = JSON.parse(new TextDecoder().decode(exportParts.parts.tfjs['model.json'])) as TfjsModelJson;
    const train = buildTrainFiles(exportParts.metadata, modelJson);
    warnings.push(...train.warnings);
    // preprocess.py is the same file in both (src/compiler/python/preprocess-py.ts).
    return { ...files, ...train.files };
  } catch (err) {
    if (!(err instanceof TrainScriptError)) throw err;
    warnings.push(`pytorch/train.py was not written: ${err.message}`);
    return files;
  }
}

/**
 * `exportParts` with onnx/model.onnx and pytorch/ added to its ZIP parts, and their warnings to its
 * warnings. Throws only for a format in `required`.
 */
export function withOtherFormats(exportParts: ExportParts, input: TfjsBundleInput, options: FormatOptions = {}): ExportParts {
  const formats = options.formats ?? EXTRA_FORMATS;
  const warnings = [...exportParts.warnings];
  let onnx: Uint8Array | undefined;
  let pytorch: Record<string, Uint8Array | string> | undefined;
  for (const format of EXTRA_FORMATS) {
    if (!formats.includes(format)) continue;
    const kept = [...warnings];
    try {
      if (format === 'onnx') onnx = exportOnnx(input.graph, input.weights, { modelName: input.name });
      else pytorch = pytorchFiles(input, exportParts, warnings);
    } catch (err) {
      if (options.required?.includes(format)) throw err;
      // A model this format cannot express still gets every other format.
      warnings.splice(0, warnings.length, ...kept, `${format}/ was not written: ${(err as Error).message}`);
    }
  }
  return { ...exportParts, parts: { ...exportParts.parts, onnx, pytorch }, warnings };
}
