import { useMemo, useState } from 'react';
import type { GraphAnalysis } from '../../model/analyze';
import type { Graph } from '../../model/graph';
import { estimateFlops, formatFlops, weightBytes } from '../../model/cost';
import { bindingProblemsFor } from '../../store/bind-dataset';
import { useAppStore } from '../../store/app-store';
import { compileStatus, shownCounts } from './summary-status';

const NOTES = {
  partial: { text: 'valid part', title: 'Counts of the layers before the problem; the rest are counted once it is fixed' },
  stale: { text: 'last valid', title: 'Counts from the last version that compiled; they update once the problem is fixed' },
} as const;

/** Total, trainable and frozen params, weight memory, FLOPs and whether the graph compiles, at a glance. */
export function SummaryBar() {
  const analysis = useAppStore((s) => s.analysis);
  const graph = useAppStore((s) => s.graph);
  const dataset = useAppStore((s) => s.dataset);
  const fresh = useAppStore((s) => s.past.length === 0 && s.future.length === 0);
  // The last analysis that compiled, kept (as React's derived state) while a problem is being fixed.
  const [lastGood, setLastGood] = useState<{ graph: Graph; analysis: GraphAnalysis } | null>(null);
  if (analysis.errors.length === 0 && graph.nodes.length > 0 && lastGood?.analysis !== analysis) setLastGood({ graph, analysis });
  const shown = shownCounts(analysis, fresh ? null : (lastGood?.analysis ?? null));
  const a = shown.analysis;
  const flops = shown.note === 'stale' && lastGood ? estimateFlops(lastGood.graph, lastGood.analysis) : estimateFlops(graph, analysis);
  // A GAN's networks are sized by the DCGAN template, not bound to the data as a classifier is.
  const isGan = useAppStore((s) => s.gan !== null);
  const dataWarnings = useMemo(() => (dataset && !isGan ? bindingProblemsFor(graph, dataset).length : 0), [graph, dataset, isGan]);
  const status = compileStatus(graph.nodes.length, analysis.errors.length, dataWarnings);
  const mb = weightBytes(a) / (1024 * 1024);
  const frozenLayers = a.frozen.length;
  const statistics = a.totals.nonTrainable - a.frozenParams;
  return (
    <div className={`summary-bar${shown.note ? ' is-stale' : ''}`} role="status" aria-label="Model summary">
      <span data-testid="total-params">
        <b>{a.totals.total.toLocaleString('en-US')}</b> params
        {shown.note && (
          <span className="summary-note" title={NOTES[shown.note].title}>
            {' '}
            ({NOTES[shown.note].text})
          </span>
        )}
      </span>
      <span data-testid="trainable-params">{a.totals.trainable.toLocaleString('en-US')} trainable</span>
      {frozenLayers > 0 && (
        <span
          data-testid="frozen-params"
          className="summary-frozen"
          title={`${frozenLayers} frozen layer${frozenLayers === 1 ? '' : 's'}: training leaves their weights as they are`}
        >
          🔒 {a.frozenParams.toLocaleString('en-US')} frozen
        </span>
      )}
      {statistics > 0 && (
        <span
          data-testid="statistics-params"
          title="Running statistics (such as BatchNormalization's moving mean and variance): updated while training, never by the optimizer"
        >
          {statistics.toLocaleString('en-US')} non-trainable
        </span>
      )}
      <span title="float32 weights">{mb < 0.1 ? `${(mb * 1024).toFixed(1)} KB` : `${mb.toFixed(mb < 10 ? 2 : 1)} MB`}</span>
      <span title="Estimated floating-point operations for one sample, forward pass" data-testid="flops">
        {formatFlops(flops)}/sample
      </span>
      <span className={`badge-${status.tone}`} data-testid="compile-status" title={status.title}>
        {status.text}
      </span>
    </div>
  );
}
