import { useEffect, useState } from 'react';
import { appSession } from '../../session/app';
import type { RunCheckpoint } from '../../session/checkpoints';
import { useAppStore } from '../../store/app-store';
import { reportFailure } from './report-failure';
import { settingsToConfig } from '../../session/train-config';

/** Start, Pause/Resume, Stop, "Train N more epochs" and "Resume training from epoch N". */
export function TrainControls({ blocked }: { blocked: boolean }) {
  const training = appSession().training;
  const status = useAppStore((s) => s.trainingStatus);
  const settings = useAppStore((s) => s.trainSettings);
  const datasetKind = useAppStore((s) => s.dataset?.kind ?? null);
  const projectId = useAppStore((s) => s.currentProjectId);
  const runs = useAppStore((s) => s.runs);
  // A run to continue: the current one, else the newest (its checkpoint is stored per run).
  const canContinue = useAppStore(
    (s) => s.runs.length > 0 && (s.lastCheckpoint !== null || s.runs.some((r) => r.id in s.runWeights)),
  );
  const [more, setMore] = useState(1);
  const [saved, setSaved] = useState<RunCheckpoint | null>(null);
  useEffect(() => {
    let live = true;
    // After a reload the session reads the project's checkpoints; show what it found.
    void training.recover().then((cp) => live && setSaved(cp));
    return () => {
      live = false;
    };
  }, [training, projectId]);
  const idle = status === 'idle';
  const resumable = saved && runs.some((r) => r.id === saved.runId && r.status !== 'running') ? saved : null;
  const start = () => {
    setSaved(null);
    training
      .start({
        config: settingsToConfig(settings, datasetKind),
        backend: settings.backend === 'auto' ? null : settings.backend,
        epochs: settings.epochs,
      })
      .catch(reportFailure);
  };
  const resume = (cp: RunCheckpoint) => {
    setSaved(null);
    const total = typeof cp.config.epochs === 'number' ? cp.config.epochs : settings.epochs;
    training.resume(cp.runId, Math.max(1, total - cp.checkpoint.epoch)).catch(reportFailure);
  };
  return (
    <div className="train-controls">
      <button type="button" className="primary" disabled={!idle || blocked} onClick={start}>
        Start
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={() => training.unpause()}>
          Resume
        </button>
      ) : (
        <button type="button" disabled={status !== 'running'} onClick={() => training.pause()}>
          Pause
        </button>
      )}
      <button
        type="button"
        disabled={idle}
        onClick={() => training.stop()}
        title="Stops after the current batch; the weights are kept"
      >
        Stop
      </button>
      <span className="train-more">
        <button
          type="button"
          disabled={!idle || !canContinue || blocked}
          onClick={() => {
            setSaved(null);
            training.continueRun(more).catch(reportFailure);
          }}
        >
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
      {resumable && idle && !blocked && (
        <button type="button" onClick={() => resume(resumable)}>
          Resume training from epoch {resumable.checkpoint.epoch}
        </button>
      )}
    </div>
  );
}
