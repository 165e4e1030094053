import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../store/app-store';
import { precisionRecallCurve, rocCurve } from '../../training/curves';
import type { ThresholdSweep } from '../../training/curves-threshold';
import { percent, score } from './format';

interface CurveProps {
  title: string;
  data: { x: number; y: number }[];
  xLabel: string;
  yLabel: string;
  marker: { x: number; y: number } | null;
  diagonal?: boolean;
}

function Curve({ title, data, xLabel, yLabel, marker, diagonal }: CurveProps) {
  return (
    <figure className="eval-card eval-curve" aria-label={title} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart margin={{ top: 6, right: 12, bottom: 16, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis dataKey="x" type="number" domain={[0, 1]} tick={{ fontSize: 11 }} label={{ value: xLabel, position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis type="number" domain={[0, 1]} tick={{ fontSize: 11 }} width={40} label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize: 11 }} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
          {diagonal && (
            <Line data={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} dataKey="y" stroke="var(--text-muted)" strokeDasharray="4 4" dot={false} isAnimationActive={false} name="chance" />
          )}
          <Line data={data} dataKey="y" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} name={title} type="linear" />
          {marker && <ReferenceDot x={marker.x} y={marker.y} r={5} fill="#d97706" stroke="none" />}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** ROC and precision–recall curves with a threshold slider that re-scores everything live. */
export function BinaryCurves({ scores, labels, sweep }: { scores: Float32Array; labels: Float32Array; sweep: ThresholdSweep }) {
  const threshold = useAppStore((s) => s.threshold);
  const patch = useAppStore((s) => s.patchEvaluation);
  const roc = useMemo(() => rocCurve(scores, labels), [scores, labels]);
  const pr = useMemo(() => precisionRecallCurve(scores, labels, { dropIntermediate: true }), [scores, labels]);
  const at = sweep.at(threshold);
  return (
    <section className="eval-binary" aria-label="Threshold and curves">
      <div className="eval-card eval-threshold">
        <label htmlFor="eval-threshold">
          Decision threshold: <strong>{threshold.toFixed(2)}</strong>
        </label>
        <input
          id="eval-threshold"
          type="range"
          min={0.01}
          max={0.99}
          step={0.01}
          value={threshold}
          onChange={(e) => patch({ threshold: Number(e.currentTarget.value) })}
        />
        <p className="eval-note">A row counts as positive when the model gives it more than this probability.</p>
        <dl className="eval-stats" aria-label="Scores at this threshold">
          <div><dt>accuracy</dt><dd>{score(at.accuracy)}</dd></div>
          <div><dt>precision</dt><dd>{score(at.precision)}</dd></div>
          <div><dt>recall</dt><dd>{score(at.recall)}</dd></div>
          <div><dt>F1</dt><dd>{score(at.f1)}</dd></div>
          <div><dt>false-positive rate</dt><dd>{percent(at.fpr)}</dd></div>
          <div><dt>TP · FP · TN · FN</dt><dd>{`${at.tp} · ${at.fp} · ${at.tn} · ${at.fn}`}</dd></div>
        </dl>
      </div>
      {roc.undefinedReason ? (
        <p className="eval-note">{roc.undefinedReason}</p>
      ) : (
        <Curve
          title={`ROC curve · AUC ${roc.auc === null ? '—' : score(roc.auc)}`}
          data={roc.points.map((p) => ({ x: p.fpr, y: p.tpr }))}
          xLabel="false-positive rate"
          yLabel="true-positive rate"
          marker={{ x: at.fpr, y: at.recall }}
          diagonal
        />
      )}
      {pr.undefinedReason ? (
        <p className="eval-note">{pr.undefinedReason}</p>
      ) : (
        <Curve
          title={`Precision–recall · AP ${pr.averagePrecision === null ? '—' : score(pr.averagePrecision)}`}
          data={pr.points.map((p) => ({ x: p.recall, y: p.precision }))}
          xLabel="recall"
          yLabel="precision"
          marker={at.tp + at.fp > 0 ? { x: at.recall, y: at.precision } : null}
        />
      )}
    </section>
  );
}
