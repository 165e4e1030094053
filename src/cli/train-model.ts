import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PreparedDataset } from '../data/types';
import { flatGraphOf } from '../model/blocks';
import type { Graph } from '../model/graph';
import { loadPretrainedTemplate } from '../model/pretrained';
import { fitTemplate, TemplateFitError, type DataFacts } from '../model/template-fit';
import { templateInputRole } from '../model/template-fit-inputs';
import { templateGraph, templates } from '../model/templates';
import type { LayerWeights } from '../model/weights';

/** public/ of this checkout, where pretrained template weights live (as the app serves them). */
const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** Whether a CSV is read as text for this template (it names text among its data). */
export function templateTakesText(id: string): boolean {
  return templates.find((t) => t.id === id)?.data.some((d) => d === 'text' || d === 'text-lm') ?? false;
}

/** The names of a template's id Inputs (recommendation: user, item); none for an unknown name. */
export function templateIdInputs(id: string): string[] {
  if (!templates.some((t) => t.id === id)) return [];
  const graph = templateGraph(id);
  return graph.nodes.filter((n) => n.type === 'Input' && templateInputRole(graph, n) === 'id').map((n) => n.name);
}

/** Whether a model reads token ids (an int32 Input), so a CSV is read as text for it. */
export function takesTokenIds(graph: Graph): boolean {
  return graph.nodes.some((n) => n.type === 'Input' && n.params.dtype === 'int32');
}

/** What `fitTemplate` needs to know of a prepared dataset. */
export function dataFacts(dataset: PreparedDataset): DataFacts {
  const transform = dataset.transform as { tokenizer?: { vocab?: readonly unknown[] } } | null;
  const vocabSize = transform?.tokenizer?.vocab?.length;
  return {
    kind: dataset.kind,
    task: dataset.task,
    inputShape: dataset.inputShape,
    classes: dataset.classNames?.length ?? 0,
    ...(vocabSize !== undefined ? { vocabSize } : {}),
    ...(dataset.inputs ? { inputs: dataset.inputs } : {}),
  };
}

export interface TemplateModel {
  readonly name: string;
  readonly graph: Graph;
  /** Pretrained values for the template's frozen layers; the rest start from the seed. */
  readonly weights: LayerWeights;
}

/** `--template NAME`: the named template sized to the data, with its pretrained weights if it has any. */
export async function templateModel(id: string, dataset: PreparedDataset): Promise<TemplateModel> {
  let graph: Graph;
  try {
    graph = fitTemplate(id, dataFacts(dataset));
  } catch (err) {
    const mixed = templates.find((t) => t.id === id)?.data.includes('mixed') === true;
    const hint =
      mixed && !dataset.inputs ? ' Name its text or id columns with --text-columns COL,… or --id-columns COL,….' : '';
    if (err instanceof TemplateFitError)
      throw new Error(`--template ${id}: ${err.message}${hint} Run 'layerloom templates' to see them all.`);
    throw err;
  }
  const pretrained = await loadPretrainedTemplate(id, (path) => readFile(`${PUBLIC_DIR}${path}`));
  // Exports see ordinary layers, as the app's session sends them (a template may hold linked blocks).
  return { name: id.replace(/-/g, '_'), graph: flatGraphOf(graph), weights: pretrained.weights };
}
