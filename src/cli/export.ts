import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeGraph } from '../model/analyze';
import { exportLayersModel } from '../model/keras-export';
import { compile } from '../compiler/compile';
import { extractWeights } from '../compiler/weights';
import { loadModelFile } from './load';

/** `layerloom export`: project or model.json → DIR/model.json + DIR/weights.bin. */
export async function runExport(file: string, outDir: string) {
  const loaded = await loadModelFile(file, { withWeights: true });
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
  const { modelJson, weightData } = exportLayersModel(loaded.graph, weights, { modelName: loaded.name });
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'model.json'), JSON.stringify(modelJson));
  await writeFile(join(outDir, 'weights.bin'), new Uint8Array(weightData));
  return { files: [join(outDir, 'model.json'), join(outDir, 'weights.bin')], totalParams: analysis.totals.total, warnings: loaded.warnings };
}
