import { analyzeGraph } from '../model/analyze';
import { compile } from '../compiler/compile';
import { extractWeights } from '../compiler/weights';
import { readFormats, writeExportFolder, type FormatChoice } from './bundle';
import { loadModelFile } from './load';

/**
 * `layerloom export`: project or model.json → DIR/metadata.json and the chosen formats (tfjs/,
 * onnx/, pytorch/, keras/, web/), the same files as the app's export ZIP, each read back and checked before
 * success is reported.
 */
export async function runExport(
  file: string,
  outDir: string,
  { fresh = false, formats = readFormats('all') }: { fresh?: boolean; formats?: FormatChoice } = {},
) {
  const loaded = await loadModelFile(file, { withWeights: true, fresh });
  const analysis = analyzeGraph(loaded.graph);
  if (analysis.errors.length > 0) {
    const lines = analysis.errors.map((e) => `  ${e.message}`).join('\n');
    throw new Error(`${file} has ${analysis.errors.length} validation problem(s); fix them before exporting:\n${lines}`);
  }
  let weights = loaded.weights;
  if (!weights) {
    const tf = await import('@tensorflow/tfjs');
    tf.enableProdMode(); // also silences tfjs's "install tfjs-node" banner
    await tf.setBackend('cpu');
    const model = compile(loaded.graph, loaded.name);
    weights = extractWeights(model, loaded.graph);
    model.dispose();
  }
  const written = await writeExportFolder(outDir, { name: loaded.name, graph: loaded.graph, weights }, formats.formats, {
    optional: formats.all,
  });
  return { files: written.files, totalParams: analysis.totals.total, warnings: [...loaded.warnings, ...written.warnings] };
}
