/**
 * The starter model for a dataset with several parts: the template made for it, sized by
 * `fitTemplate` (recommendation for a user id and an item id; text + table for one text column
 * beside features), otherwise one branch per part (ids: Embedding → Flatten; text: Embedding →
 * average over the tokens; features as they are) joined by a Concatenate before a small head.
 */
import type { InputPart, PreparedDataset } from '../data/types';
import { buildGraph, type LayerDraft } from '../model/build';
import type { Graph } from '../model/graph';
import { fitTemplate, proposeOutput, TemplateFitError } from '../model/template-fit';
import { templates } from '../model/templates';
import { describePart } from './bind-inputs';

type MixedData = Pick<PreparedDataset, 'task' | 'classNames' | 'inputShape'> & {
  readonly inputs: readonly InputPart[];
};

/** The template made for these parts, if one is. */
function templateFor(parts: readonly InputPart[]): string | null {
  const count = (role: InputPart['role']) => parts.filter((p) => p.role === role).length;
  if (count('id') === 2 && parts.length === 2) return 'recommendation';
  if (count('text') === 1 && count('features') === 1 && parts.length === 2) return 'text-table';
  return null;
}

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

/** The starter graph for mixed data and a sentence saying what it is. */
export function mixedStarter(data: MixedData): { graph: Graph; summary: string } {
  const parts = data.inputs.map(describePart).join(', ');
  const id = templateFor(data.inputs);
  if (id) {
    const facts = {
      kind: 'tabular' as const,
      task: data.task,
      inputShape: data.inputShape,
      classes: data.classNames?.length ?? 0,
      inputs: data.inputs,
    };
    try {
      const graph = fitTemplate(id, facts);
      const title = templates.find((t) => t.id === id)?.title ?? id;
      return { graph, summary: `Made the “${title}” template, sized to the data's ${parts}.` };
    } catch (err) {
      // A template that cannot take these parts: the branch-per-part model below always can.
      if (!(err instanceof TemplateFitError)) throw err;
    }
  }
  return {
    graph: buildGraph(mixedDrafts(data)),
    summary: `Made a model with ${data.inputs.length} Input${data.inputs.length === 1 ? '' : 's'} (${parts}), joined before a Dense head.`,
  };
}
