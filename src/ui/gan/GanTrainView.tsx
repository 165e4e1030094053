import { appGanTraining } from '../../session/gan-app';
import { useAppStore } from '../../store/app-store';
import type { GanRunStatus } from '../../store/gan-slice';
import { GanCharts } from './GanCharts';
import { GanRunsTable } from './GanRunsTable';
import { GanSettingsForm } from './GanSettingsForm';
import { SampleGrid } from './SampleGrid';
import './gan.css';

const STATUS: Record<GanRunStatus, string> = {
  idle: 'Not started',
  starting: 'Starting…',
  running: 'Training',
  paused: 'Paused',
  stopping: 'Stopping…',
  done: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};

function GanControls() {
  const status = useAppStore((s) => s.ganRun.status);
  const resumable = useAppStore((s) => s.ganRun.resumable);
  // Re-read when what the blocker depends on changes.
  useAppStore((s) => s.dataset);
  useAppStore((s) => s.graph);
  const training = appGanTraining();
  const blocker = training.blocker();
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
  return (
    <>
      {blocker && !busy && (
        <div className="train-blocker" role="status">
          <p>{blocker}</p>
        </div>
      )}
      <div className="gan-controls">
        <button
          type="button"
          className="primary"
          disabled={busy || blocker !== null}
          onClick={() => void training.start()}
        >
          Start GAN training
        </button>
        {status === 'paused' ? (
          <button type="button" onClick={() => training.resume()}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={status !== 'running'} onClick={() => training.pause()}>
            Pause
          </button>
        )}
        <button type="button" disabled={status !== 'running' && status !== 'paused'} onClick={() => training.stop()}>
          Stop
        </button>
        {resumable && !busy && (
          <button type="button" disabled={blocker !== null} onClick={() => void training.resumeStored()}>
            Resume training from epoch {resumable.epoch}
          </button>
        )}
      </div>
    </>
  );
}

function GanStatusLine() {
  const run = useAppStore((s) => s.ganRun);
  const last = run.steps.at(-1);
  return (
    <div className="train-muted" data-testid="gan-status" data-status={run.status} role="status">
      <b>{STATUS[run.status]}</b>
      {last &&
        ` · step ${last.step}, epoch ${last.epoch} · D loss ${last.dLoss.toFixed(3)} · G loss ${last.gLoss.toFixed(3)} · D(x) ${last.realScore.toFixed(2)} · D(G(z)) ${last.fakeScore.toFixed(2)}`}
      {run.backend && <span className="train-backend-note"> · Backend: {run.backend}</span>}
    </div>
  );
}

/** The Train page of a GAN project: its settings, Start/Pause/Stop, both losses, D(x)/D(G(z)) and the live sample grid. */
export function GanTrainView() {
  const status = useAppStore((s) => s.ganRun.status);
  const warning = useAppStore((s) => s.ganRun.warning);
  const error = useAppStore((s) => s.ganRun.error);
  const dataset = useAppStore((s) => s.dataset);
  const busy = status === 'starting' || status === 'running' || status === 'paused' || status === 'stopping';
  return (
    <div className="train-page">
      <aside className="train-side">
        <GanSettingsForm disabled={busy} />
      </aside>
      <main className="train-main">
        <h2 className="gan-heading">GAN training</h2>
        {dataset && (
          <p className="train-muted">
            Dataset: {dataset.name} ({dataset.train.n} training images of {dataset.inputShape.join('×')})
          </p>
        )}
        <div className="train-sticky">
          <GanControls />
          <GanStatusLine />
        </div>
        {error && (
          <p className="gan-error" role="alert">
            {error}
          </p>
        )}
        {warning && (
          <p className="gan-warning" role="status">
            {warning}
          </p>
        )}
        <div className="gan-live">
          <SampleGrid />
          <GanCharts />
        </div>
        <GanRunsTable />
      </main>
    </div>
  );
}
