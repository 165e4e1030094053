import { useMemo } from 'react';
import type { GraphAnalysis } from '../../model/analyze';
import { analyzeGan, type GanAnalysis, type GanIssue, type GanPart } from '../../model/gan';
import type { Graph } from '../../model/graph';
import { ganGraphs, type GanState } from '../../store/gan-slice';
import { useAppStore } from '../../store/app-store';

/** Both graphs analysed together (the cross-graph checks), or null for a plain project. */
export function useGanAnalysis(): GanAnalysis | null {
  const graph = useAppStore((s) => s.graph);
  const gan = useAppStore((s) => s.gan);
  return useMemo(() => ganAnalysisOf(graph, gan), [graph, gan]);
}

export function ganAnalysisOf(graph: Graph, gan: GanState | null): GanAnalysis | null {
  const graphs = ganGraphs({ graph, gan });
  return graphs ? analyzeGan(graphs) : null;
}

/** The issues that span both graphs (or the GAN's rules) on `part`'s nodes: not the graph's own errors. */
export function crossIssuesOn(part: GanPart, own: GraphAnalysis, issues: readonly GanIssue[]): GanIssue[] {
  const ownMessages = new Set(own.errors.map((e) => `${e.nodeId}\u0000${e.message}`));
  return issues.filter((i) => i.graph === part && !ownMessages.has(`${i.nodeId}\u0000${i.message}`));
}

/** The canvas's analysis with the GAN's cross-graph errors added, so they show on their nodes. */
export function withGanErrors(graph: Graph, analysis: GraphAnalysis, gan: GanState | null): GraphAnalysis {
  const both = ganAnalysisOf(graph, gan);
  if (!gan || !both) return analysis;
  const extra = crossIssuesOn(gan.active, analysis, both.issues);
  if (extra.length === 0) return analysis;
  return { ...analysis, errors: [...analysis.errors, ...extra.map((i) => ({ nodeId: i.nodeId, message: i.message }))] };
}

export const PART_TITLE: Record<GanPart, string> = { generator: 'Generator', discriminator: 'Discriminator' };
