import { analyzeGraph } from '../model/analyze';
import { exportLayersModel } from '../model/keras-export';
import { compile } from '../compiler/compile';
import { extractWeights } from '../compiler/weights';
import { loadModelFile } from './load';
import { writeVerifiedExport } from './write-export';

/**
 * `layerloom export`: project or model.json → DIR/model.json + its weights (one weights.bin up to
 * 4 MB, else 4 MB shards), each read back and checked before success is reported.
 */
export async function runExport(file: string, outDir: string, { fresh = false } = {}) {
  const loaded = await loadModelFile(file, { withWeights: true, fresh });
  const analysis = analyzeGraph(loaded.graph);
  if (analysis.errors.length > 0) {
    const lines = analysis.errors.map((e) => `  ${e.message}`).join('\n');
    throw new Error(`${file} has ${analysis.errors.length} validation problem(s); fix them before exporting:\n${lines}`);
  }
  let weights = loaded.weights;
  if (!weights) {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const model = compile(loaded.graph, loaded.name);
    weights = extractWeights(model, loaded.graph);
    model.dispose();
  }
  const exported = exportLayersModel(loaded.graph, weights, { modelName: loaded.name });
  const files = await writeVerifiedExport(outDir, exported, weights);
  return { files, totalParams: analysis.totals.total, warnings: loaded.warnings };
}
