import { useReactFlow } from '@xyflow/react';
import type { GanIssue } from '../../model/gan';
import { appStore } from '../../store/app-store';
import { PART_TITLE, useGanAnalysis } from './gan-analysis';

/**
 * A GAN's problems in both graphs, each named by its graph; clicking one opens that graph's tab
 * and selects the layer.
 */
export function GanErrorPanel() {
  const analysis = useGanAnalysis();
  const flow = useReactFlow();
  if (!analysis || analysis.issues.length === 0) return null;
  const open = (issue: GanIssue) => {
    const s = appStore.getState();
    s.switchGanPart(issue.graph);
    if (!issue.nodeId) return;
    s.select([issue.nodeId]);
    // The canvas re-renders the other graph first; centre on the node once it is there.
    const id = issue.nodeId;
    requestAnimationFrame(() => {
      const node = flow.getNode(id);
      if (node)
        void flow.setCenter(node.position.x + 100, node.position.y + 45, {
          zoom: Math.max(flow.getZoom(), 0.8),
          duration: 250,
        });
    });
  };
  const n = analysis.issues.length;
  return (
    <section className="error-panel" aria-label="Problems">
      <h3>
        {n} problem{n === 1 ? '' : 's'}
      </h3>
      <ul>
        {analysis.issues.map((issue, i) => (
          <li key={`${issue.graph}-${issue.nodeId}-${i}`}>
            <button type="button" onClick={() => open(issue)}>
              <b>{PART_TITLE[issue.graph]}:</b> {issue.message}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
