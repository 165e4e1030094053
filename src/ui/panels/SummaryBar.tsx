import { estimateFlops, humanCount, weightBytes } from '../../model/cost';
import { useAppStore } from '../../store/app-store';

/** Total, trainable and frozen params, weight memory, FLOPs and whether the graph compiles, at a glance. */
export function SummaryBar() {
  const analysis = useAppStore((s) => s.analysis);
  const graph = useAppStore((s) => s.graph);
  const ok = analysis.errors.length === 0 && graph.nodes.length > 0;
  const mb = weightBytes(analysis) / (1024 * 1024);
  const frozenLayers = analysis.frozen.length;
  const statistics = analysis.totals.nonTrainable - analysis.frozenParams;
  return (
    <div className="summary-bar" role="status" aria-label="Model summary">
      <span data-testid="total-params">
        <b>{analysis.totals.total.toLocaleString('en-US')}</b> params
      </span>
      <span data-testid="trainable-params">{analysis.totals.trainable.toLocaleString('en-US')} trainable</span>
      {frozenLayers > 0 && (
        <span
          data-testid="frozen-params"
          className="summary-frozen"
          title={`${frozenLayers} frozen layer${frozenLayers === 1 ? '' : 's'}: training leaves their weights as they are`}
        >
          🔒 {analysis.frozenParams.toLocaleString('en-US')} frozen
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
      <span title="float32 weights">
        {mb < 0.1 ? `${(mb * 1024).toFixed(1)} KB` : `${mb.toFixed(mb < 10 ? 2 : 1)} MB`}
      </span>
      <span title="Estimated floating-point operations for one sample, forward pass">
        {humanCount(estimateFlops(graph, analysis))}FLOPs/sample
      </span>
      <span className={ok ? 'badge-ok' : 'badge-bad'} data-testid="compile-status">
        {graph.nodes.length === 0
          ? 'empty'
          : ok
            ? '✓ compiles'
            : `✗ ${analysis.errors.length} problem${analysis.errors.length === 1 ? '' : 's'}`}
      </span>
    </div>
  );
}
