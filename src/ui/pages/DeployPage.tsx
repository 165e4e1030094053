import { useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import { checkModelName, type ExportResult } from '../../session/evaluation';
import { RunPicker } from '../evaluate/RunPicker';
import { ExportContents } from '../deploy/ExportContents';
import { ExportedFiles } from '../deploy/ExportedFiles';
import { Snippets } from '../deploy/Snippets';
import { TrainElsewhere } from '../deploy/TrainElsewhere';
import { GanDeployView } from '../deploy/GanDeployView';
import '../deploy.css';

/** A GAN's Deploy page exports its generator (src/ui/deploy/GanDeployView); any other model's is below. */
export function DeployPage() {
  const isGan = useAppStore((s) => s.gan !== null);
  return isGan ? <GanDeployView /> : <ModelDeployPage />;
}

function ModelDeployPage() {
  const deploy = appSession().evaluation;
  useAppStore((s) => s.analysis);
  const datasetName = useAppStore((s) => s.dataset?.name ?? null);
  const [name, setName] = useState(() => (datasetName ? `${datasetName} model` : 'layerloom-model'));
  const [busy, setBusy] = useState<'zip' | 'save' | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const blocker = deploy.exportBlocker();
  const nameProblem = checkModelName(name);
  const run = async (kind: 'zip' | 'save') => {
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'zip') setResult(await deploy.exportZip(name.trim()));
      else setSaved(await deploy.saveInBrowser(name.trim()));
    } catch (err) {
      setError(
        `${kind === 'zip' ? 'The export' : 'Saving'} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="deploy-page">
      <h2>Export and deploy</h2>
      {blocker && (
        <div className="train-blocker" role="status">
          <p>{blocker}</p>
        </div>
      )}
      <section className="deploy-card" aria-label="Export">
        <RunPicker label="Export run" />
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
        <ExportContents />
        <div className="deploy-actions">
          <button
            type="button"
            className="primary"
            disabled={blocker !== null || nameProblem !== null || busy !== null}
            onClick={() => void run('zip')}
          >
            {busy === 'zip' ? 'Building the ZIP…' : 'Download ZIP'}
          </button>
          <button
            type="button"
            disabled={blocker !== null || nameProblem !== null || busy !== null}
            onClick={() => void run('save')}
          >
            {busy === 'save' ? 'Saving…' : 'Save to browser storage'}
          </button>
        </div>
        {error && (
          <p className="eval-error" role="alert">
            {error}
          </p>
        )}
        {saved && (
          <p role="status">
            Saved in this browser as <code>{saved}</code>:{' '}
            <code>{`await tf.loadLayersModel(${JSON.stringify(saved)})`}</code> opens it on this site.
          </p>
        )}
      </section>
      {result && (
        <ExportedFiles result={result}>
          Exported {result.run.label}: metadata.json names the run, its settings, scores and data fingerprint.
        </ExportedFiles>
      )}
      {result && <Snippets snippets={result.snippets} />}
      <TrainElsewhere />
    </div>
  );
}
