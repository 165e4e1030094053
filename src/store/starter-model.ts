/**
 * The starter model the Data page offers for the loaded data: a small MLP for a table, a CNN for
 * images, the text template for text, and for data of several parts the template made for them
 * (mixed-starter.ts). It replaces the model and is bound to the data at once.
 */
import type { PreparedDataset } from '../data/types';
import { buildGraph, type LayerDraft } from '../model/build';
import { fitTemplate } from '../model/template-fit';
import { templates } from '../model/templates';
import { proposeOutput, refreshBinding, textFacts } from './bind-dataset';
import type { AppStore } from './index';
import { mixedStarter } from './mixed-starter';

/** A small model that fits the dataset: an MLP for tables, an MNIST-style CNN for images. */
export function starterDrafts(dataset: PreparedDataset): LayerDraft[] {
  const out = proposeOutput(dataset);
  const head: LayerDraft = { type: 'Dense', params: { units: out.units, activation: out.activation } };
  const input: LayerDraft = { type: 'Input', params: { shape: [...dataset.inputShape] } };
  if (dataset.kind === 'image') {
    return [
      input,
      { type: 'Conv2D', params: { filters: 32, kernel_size: [3, 3], activation: 'relu' } },
      { type: 'MaxPooling2D', params: { pool_size: [2, 2] } },
      { type: 'Flatten' },
      { type: 'Dense', params: { units: 128, activation: 'relu' } },
      head,
    ];
  }
  return [input, { type: 'Dense', params: { units: 64, activation: 'relu' } }, { type: 'Dense', params: { units: 32, activation: 'relu' } }, head];
}

/** "Made a 3-layer MLP: Input [4] → Dense 64 → Dense 32 → Dense 3" (layers with weights are counted). */
export function describeStarter(drafts: readonly LayerDraft[]): string {
  const step = (d: LayerDraft): string => {
    const p = d.params ?? {};
    if (d.type === 'Input') return `Input [${(p.shape as readonly number[]).join(', ')}]`;
    if (d.type === 'Dense') return `Dense ${String(p.units)}`;
    if (d.type === 'Conv2D') return `Conv2D ${String(p.filters)}`;
    return d.type;
  };
  const weighted = drafts.filter((d) => d.type === 'Dense' || d.type === 'Conv2D').length;
  const kind = drafts.some((d) => d.type === 'Conv2D') ? 'CNN' : 'MLP';
  return `Made a ${weighted}-layer ${kind}: ${drafts.map(step).join(' → ')}`;
}

/** Replaces the model with a starter that fits the data; returns what it made, or null without data. */
export function createStarterModel(store: AppStore): string | null {
  const s = store.getState();
  if (!s.dataset) return null;
  const parts = s.dataset.inputs;
  if (parts) {
    const made = mixedStarter({ task: s.dataset.task, classNames: s.dataset.classNames, inputShape: s.dataset.inputShape, inputs: parts });
    s.setGraph(made.graph);
    s.requestFit();
    refreshBinding(store);
    return made.summary;
  }
  const facts = textFacts(s.dataset);
  if (facts) {
    // Text starts from the template made for it, sized as `layerloom train --template` sizes it.
    const id = facts.task === 'next-token' ? 'char-gpt' : 'text-classifier';
    s.setGraph(fitTemplate(id, facts));
    s.requestFit();
    refreshBinding(store);
    const title = templates.find((t) => t.id === id)?.title ?? id;
    return `Made the “${title}” template, sized to the data: ${facts.inputShape[0]} tokens per sample, a vocabulary of ${facts.vocabSize}.`;
  }
  const drafts = starterDrafts(s.dataset);
  s.setGraph(buildGraph(drafts));
  s.requestFit();
  refreshBinding(store);
  return describeStarter(drafts);
}
