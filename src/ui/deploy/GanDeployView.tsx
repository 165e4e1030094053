import { useState } from 'react';
import { checkModelName } from '../../session/evaluation';
import { appGanDeploy } from '../../session/gan-deploy-app';
import type { GanExportResult } from '../../session/gan-deploy';
import { useAppStore } from '../../store/app-store';
import { ExportedFiles } from './ExportedFiles';
import { Snippets } from './Snippets';

/** [folder, what it holds] for a generator: the same ZIP as any model's (ExportContents), said for images. */
const GAN_EXPORT_CONTENTS = [
  [
    'tfjs/',
    'TensorFlow.js model (stock tf.loadLayersModel loads it) and metadata.json, whose gan part gives the latent size, the image shape and how values become pixels.',
  ],
  [
    'web/',
    'Standalone page: Generate draws 16 images for a seed with a local tf.min.js; serve the folder with any static server (e.g. python3 -m http.server).',
  ],
  ['keras/', 'Keras 3 project: model.py rebuilds the generator, load_weights.py reads its weights.'],
  ['onnx/', 'ONNX model (opset 13): model.onnx for onnxruntime, latent in, channels-last (NHWC) image out.'],
  [
    'pytorch/',
    "PyTorch project: model.py (load_model), weights.npz; the README's Python snippet draws the page's images for a seed.",
  ],
] as const;

/**
 * The Deploy page of a GAN: the generator of the latest finished or stopped GAN run, exported as any
 * model is (the same ZIP), whose page generates images from a seed.
 */
export function GanDeployView() {
  const deploy = appGanDeploy();
  const blocker = useAppStore(() => deploy.blocker());
  const datasetName = useAppStore((s) => s.dataset?.name ?? null);
  const runEpochs = useAppStore((s) => s.ganRun.epochs);
  const [name, setName] = useState(() => (datasetName ? `${datasetName} generator` : 'layerloom-generator'));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<GanExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameProblem = checkModelName(name);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await deploy.exportZip(name.trim()));
    } catch (err) {
      setError(`The export failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="deploy-page">
      <h2>Export and deploy</h2>
      {blocker && (
        <div className="train-blocker" role="status">
          <p>{blocker}</p>
          <a href="#/train">Go to the Train page</a>
        </div>
      )}
      <section className="deploy-card" aria-label="Export">
        <p className="deploy-run">
          {blocker
            ? 'The generator of the GAN is exported: it turns a vector of random numbers into an image.'
            : `Exports the generator of the latest GAN run (${runEpochs} epoch${runEpochs === 1 ? '' : 's'}): it turns a vector of random numbers into an image. Its page draws 16 images for a seed; the same seed always draws the same images.`}
        </p>
        <label className="deploy-name">
          Model name
          <input
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.currentTarget.value)}
            aria-invalid={nameProblem !== null}
          />
        </label>
        {nameProblem && <p className="eval-error">{nameProblem}</p>}
        <ul className="deploy-contents">
          {GAN_EXPORT_CONTENTS.map(([dir, text]) => (
            <li key={dir}>
              <code>{dir}</code> {text}
            </li>
          ))}
        </ul>
        <div className="deploy-actions">
          <button
            type="button"
            className="primary"
            disabled={blocker !== null || nameProblem !== null || busy}
            onClick={() => void run()}
          >
            {busy ? 'Building the ZIP…' : 'Download ZIP'}
          </button>
        </div>
        {error && (
          <p className="eval-error" role="alert">
            {error}
          </p>
        )}
      </section>
      {result && (
        <ExportedFiles result={result}>
          Exported the generator of the {result.runName.charAt(0).toLowerCase() + result.runName.slice(1)}:
          metadata.json says it is a GAN generator, with its latent size, image shape and how its values become pixels.
        </ExportedFiles>
      )}
      {result && <Snippets snippets={result.snippets} />}
    </div>
  );
}
