import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import type { TrainingProgress } from '../../store/training-slice';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Seconds trained in this leg, paused time left out. */
function elapsed(p: TrainingProgress, now: number): number {
  const paused = p.pausedMs + (p.pausedAt !== null ? now - p.pausedAt : 0);
  return (now - p.startedAt - paused) / 1000;
}

/** Epoch and batch bars with samples/s, elapsed time and ETA. */
export function TrainProgress() {
  const p = useAppStore((s) => s.progress);
  const status = useAppStore((s) => s.trainingStatus);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (status === 'idle') return;
    const id = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(id);
  }, [status]);
  if (!p) return status === 'starting' ? <p className="train-progress train-muted">Choosing a backend and preparing the model…</p> : null;
  const legEpochs = p.endEpoch - p.startEpoch;
  const doneBatches = Math.max(0, (p.epoch - p.startEpoch - 1) * p.batchesPerEpoch + p.batch);
  const totalBatches = legEpochs * p.batchesPerEpoch;
  const secs = elapsed(p, status === 'idle' ? p.startedAt + 0 : now);
  const shownElapsed = status === 'idle' ? null : secs;
  const eta = doneBatches > 0 && status !== 'idle' ? (secs * (totalBatches - doneBatches)) / doneBatches : Number.NaN;
  return (
    <section className="train-progress" aria-label="Progress">
      <div className="train-progress-row">
        <span>
          Epoch {Math.max(p.epoch, p.startEpoch + (p.batch > 0 ? 1 : 0))} / {p.endEpoch}
        </span>
        <progress aria-label="Epoch progress" max={totalBatches} value={doneBatches} />
      </div>
      <div className="train-progress-row">
        <span data-testid="batch-counter">
          Batch {p.batch} / {p.batchesPerEpoch}
        </span>
        <progress aria-label="Batch progress" max={p.batchesPerEpoch} value={p.batch} />
      </div>
      <p className="train-progress-stats">
        <span>{Math.round(p.samplesPerSec)} samples/s</span>
        {shownElapsed !== null && <span>Elapsed {formatDuration(shownElapsed)}</span>}
        <span data-testid="eta">ETA {status === 'paused' ? 'paused' : formatDuration(eta)}</span>
      </p>
    </section>
  );
}
