/**
 * Deploy page: what the export ZIP holds, one line per folder (src/compiler/bundle/zip.ts lays
 * them out). ONNX and PyTorch are there unless they cannot express the model; the export then
 * names what was left out among its warnings.
 */

/** [folder, what it holds], in the ZIP's order. */
export const EXPORT_CONTENTS = [
  ['tfjs/', 'TensorFlow.js model: model.json + weights.bin, or 4 MB group1-shardNofM.bin files for larger models (stock tf.loadLayersModel loads it) and metadata.json with class names, input spec and preprocessing.'],
  ['web/', 'Standalone page: index.html + app.js + a local tf.min.js with the same try-it; serve the folder with any static server (e.g. python3 -m http.server).'],
  ['keras/', 'Keras 3 project: model.py rebuilds the architecture, load_weights.py reads weights.bin with numpy only, predict.py, requirements.txt, README.'],
  ['onnx/', 'ONNX model (opset 13): model.onnx for onnxruntime and other ONNX tools, on the same channels-last (NHWC) arrays.'],
  ['pytorch/', 'PyTorch project: model.py (load_model), weights.npz, predict.py, README; for a model trained on a table, train.py to train it again on a bigger machine (below).'],
] as const;

export function ExportContents() {
  return (
    <ul className="deploy-contents">
      {EXPORT_CONTENTS.map(([dir, text]) => (
        <li key={dir}>
          <code>{dir}</code> {text}
        </li>
      ))}
    </ul>
  );
}
