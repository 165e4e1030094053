/**
 * The starter model for a dataset with several parts: the recommendation template for a user id
 * and an item id, otherwise one branch per part (ids: Embedding → Flatten; text: Embedding →
 * average over the tokens; features as they are) joined by a Concatenate before a small head.
 */
import type { InputPart, PreparedDataset } from '../data/types';
import { buildGraph, type LayerDraft } from '../model/build';
import type { Graph } from '../model/graph';
import { setParams } from '../model/graph-ops';
import { proposeOutput } from '../model/template-fit';
import { templateGraph, templates } from '../model/templates';
import { describePart, fitInputsToParts } from './bind-inputs';

type MixedData = Pick<PreparedDataset, 'task' | 'classNames'> & { readonly inputs: readonly InputPart[] };

const RECOMMENDATION = 'recommendation';

function branch(part: InputPart, index: number): { drafts: LayerDraft[]; tail: string } {
  const input: LayerDraft = {
    type: 'Input',
    name: part.name,
    id: `in${index}`,
    params: { shape: [...part.shape], dtype: part.dtype },
  };
  if (part.role === 'features') return { drafts: [input], tail: `in${index}` };
  const embedding: LayerDraft = {
    type: 'Embedding',
    name: `${part.name}_embedding`,
    id: `emb${index}`,
    from: [`in${index}`],
    params: { input_dim: part.vocabulary ?? 1000, output_dim: part.role === 'id' ? 16 : 32 },
  };
  const reduce: LayerDraft =
    part.role === 'id'
      ? { type: 'Flatten', name: `${part.name}_vector`, id: `vec${index}`, from: [`emb${index}`] }
      : { type: 'GlobalAveragePooling1D', name: `${part.name}_average`, id: `vec${index}`, from: [`emb${index}`] };
  return { drafts: [input, embedding, reduce], tail: `vec${index}` };
}

/** Drafts of the branch-per-part starter. */
export function mixedDrafts(data: MixedData): LayerDraft[] {
  const out = proposeOutput(data.task, data.classNames?.length ?? 0);
  const branches = data.inputs.map(branch);
  const drafts = branches.flatMap((b) => b.drafts);
  const tails = branches.map((b) => b.tail);
  if (tails.length > 1) drafts.push({ type: 'Concatenate', name: 'joined', id: 'joined', from: tails });
  drafts.push({
    type: 'Dense',
    params: { units: 32, activation: 'relu' },
    from: [tails.length > 1 ? 'joined' : tails[0]!],
  });
  drafts.push({ type: 'Dense', params: { units: out.units, activation: out.activation } });
  return drafts;
}

/** The output Dense (the node feeding no other) set to what the task needs. */
function withHead(graph: Graph, data: MixedData): Graph {
  const feeding = new Set(graph.edges.map((e) => e.source));
  const out = graph.nodes.find((n) => !feeding.has(n.id) && n.type === 'Dense');
  if (!out) return graph;
  const want = proposeOutput(data.task, data.classNames?.length ?? 0);
  return setParams(graph, out.id, { units: want.units, activation: want.activation });
}

/** The starter graph for mixed data and a sentence saying what it is. */
export function mixedStarter(data: MixedData): { graph: Graph; summary: string } {
  const parts = data.inputs.map(describePart).join(', ');
  const ids = data.inputs.filter((p) => p.role === 'id');
  if (ids.length === 2 && data.inputs.length === 2) {
    const graph = withHead(fitInputsToParts(templateGraph(RECOMMENDATION), data.inputs).graph, data);
    const title = templates.find((t) => t.id === RECOMMENDATION)?.title ?? RECOMMENDATION;
    return { graph, summary: `Made the “${title}” template, bound to the data's ${parts}.` };
  }
  return {
    graph: buildGraph(mixedDrafts(data)),
    summary: `Made a model with ${data.inputs.length} Input${data.inputs.length === 1 ? '' : 's'} (${parts}), joined before a Dense head.`,
  };
}
