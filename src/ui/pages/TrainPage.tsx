import { useAppStore } from '../../store/app-store';
import { BatchCharts } from '../charts/BatchCharts';
import { EpochCharts } from '../charts/EpochCharts';
import { appSession } from '../../session/app';
import { LogPanel } from '../train/LogPanel';
import { ProblemBanner } from '../train/ProblemBanner';
import { DataLoading, useDataLoading } from '../train/DataLoading';
import { threadNote } from '../train/backend-note';
import { RunsList } from '../train/RunsList';
import { TrainControls } from '../train/TrainControls';
import { TrainForm } from '../train/TrainForm';
import { TrainProgress } from '../train/TrainProgress';
import { GanTrainView } from '../gan/GanTrainView';
import '../train.css';

function Blocker({ message, page }: { message: string; page: 'data' | 'model' }) {
  return (
    <div className="train-blocker" role="status">
      <p>{message}</p>
      <a href={`#/${page}`}>Go to the {page === 'data' ? 'Data' : 'Model'} page</a>
    </div>
  );
}

function BackendLine() {
  const status = useAppStore((s) => s.trainingStatus);
  const backend = useAppStore((s) => s.backend);
  const note = backend ? threadNote(backend.label, globalThis.crossOriginIsolated === true) : null;
  return (
    <p className="train-backend" data-testid="backend-line" title={note?.long}>
      Backend: {backend ? backend.reason : status === 'starting' ? 'choosing…' : 'chosen when training starts'}
      {note ? <span className="train-backend-note"> ({note.short})</span> : null}
    </p>
  );
}

export function TrainPage() {
  const isGan = useAppStore((s) => s.gan !== null);
  return isGan ? <GanTrainView /> : <ModelTrainPage />;
}

function ModelTrainPage() {
  // Re-evaluated when the dataset or graph analysis changes.
  useAppStore((s) => s.dataset);
  useAppStore((s) => s.analysis);
  const restoring = useDataLoading();
  const blocker = appSession().training.startBlocker();
  const status = useAppStore((s) => s.trainingStatus);
  // The live run's epochs and metric only: a status change of the run redraws no chart.
  const epochs = useAppStore((s) => s.runs.find((r) => r.id === s.currentRunId)?.epochs);
  const metric = useAppStore((s) => s.runs.find((r) => r.id === s.currentRunId)?.metric);
  const dataset = useAppStore((s) => s.dataset);
  // A language model's accuracy is counted per predicted token (every position of every window).
  const metricLabel = metric === 'accuracy' && dataset?.task === 'next-token' ? 'per-token accuracy' : metric;
  return (
    <div className="train-page">
      <aside className="train-side">
        <TrainForm disabled={status !== 'idle'} />
      </aside>
      <main className="train-main">
        {restoring ? <DataLoading /> : blocker && <Blocker {...blocker} />}
        {dataset && (
          <p className="train-muted">
            Dataset: {dataset.name} ({dataset.train.n} training samples)
          </p>
        )}
        {/* Start, Pause, Stop and the progress stay in view while the charts and the log scroll. */}
        <div className="train-sticky">
          <TrainControls blocked={blocker !== null} />
          <TrainProgress />
        </div>
        <BackendLine />
        <ProblemBanner />
        {metricLabel && <BatchCharts metric={metricLabel} />}
        {metricLabel && epochs && epochs.length > 0 && <EpochCharts epochs={epochs} metric={metricLabel} />}
        <RunsList />
        <LogPanel />
      </main>
    </div>
  );
}
