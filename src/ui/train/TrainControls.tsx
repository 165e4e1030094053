import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import {
  continueTraining,
  crashWorkerForTest,
  pauseTraining,
  resumeSaved,
  resumeTraining,
  startTraining,
  stopTraining,
} from './controller';
import { loadUnfinishedCheckpoint, type SavedCheckpoint } from './saved-checkpoint';
import { settingsToConfig } from './settings';

const CRASH_HOOK = typeof location !== 'undefined' && new URLSearchParams(location.search).has('crash-worker');

/** Start, Pause/Resume, Stop, "Train N more epochs" and "Resume training from epoch N". */
export function TrainControls({ blocked }: { blocked: boolean }) {
  const status = useAppStore((s) => s.trainingStatus);
  const settings = useAppStore((s) => s.trainSettings);
  const datasetKind = useAppStore((s) => s.dataset?.kind ?? null);
  const canContinue = useAppStore((s) => s.currentRunId !== null && (s.lastGoodWeights !== null || s.lastCheckpoint !== null));
  // No current run in this page session: e.g. just reloaded (a reopened project keeps its runs).
  const fresh = useAppStore((s) => s.currentRunId === null);
  const [more, setMore] = useState(1);
  const [saved, setSaved] = useState<SavedCheckpoint | null>(null);
  useEffect(() => {
    if (!fresh) return;
    let live = true;
    void loadUnfinishedCheckpoint().then((s) => live && setSaved(s));
    return () => {
      live = false;
    };
  }, [fresh]);
  const idle = status === 'idle';
  const start = () => void startTraining(settingsToConfig(settings, datasetKind), settings.backend === 'auto' ? null : settings.backend, settings.epochs);
  return (
    <div className="train-controls">
      <button type="button" className="primary" disabled={!idle || blocked} onClick={start}>
        Start
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={resumeTraining}>
          Resume
        </button>
      ) : (
        <button type="button" disabled={status !== 'running'} onClick={pauseTraining}>
          Pause
        </button>
      )}
      <button type="button" disabled={idle} onClick={stopTraining} title="Stops after the current batch; the weights are kept">
        Stop
      </button>
      <span className="train-more">
        <button type="button" disabled={!idle || !canContinue || blocked} onClick={() => void continueTraining(more)}>
          Train {more} more epoch{more === 1 ? '' : 's'}
        </button>
        <input
          type="number"
          min={1}
          step={1}
          aria-label="More epochs"
          value={more}
          onChange={(e) => {
            const v = e.currentTarget.valueAsNumber;
            if (Number.isInteger(v) && v >= 1) setMore(v);
          }}
        />
      </span>
      {saved && idle && fresh && !blocked && (
        <button type="button" onClick={() => void resumeSaved(saved, Math.max(1, settings.epochs - saved.checkpoint.epoch))}>
          Resume training from epoch {saved.checkpoint.epoch}
        </button>
      )}
      {CRASH_HOOK && (
        <button type="button" disabled={idle} onClick={crashWorkerForTest}>
          Crash worker (test)
        </button>
      )}
    </div>
  );
}
