import { appStore, useAppStore } from '../../store/app-store';
import {
  embeddingMismatch,
  fitEmbeddingsToData,
  fixOutputLayer,
  inputMismatch,
  inputsFixable,
  matchInputsToData,
  matchInputToData,
  refreshBinding,
} from '../../store/bind-dataset';
import { createStarterModel } from '../../store/starter-model';
import { useEffect } from 'react';
import { ImageSamples } from './ImageSamples';
import { InputParts } from './InputParts';

/** Builds the starter, says what it made, and shows it on the Model page. */
function makeStarter() {
  const made = createStarterModel(appStore);
  if (!made) return;
  // Said once the Model page is in place: its toast closes on the hash change that leads there.
  window.addEventListener('hashchange', () => appStore.getState().notify(made), { once: true });
  window.location.hash = '#/model';
}

/** What the dataset means for the model: what was changed (undoable) and what still mismatches. */
export function BindingBanner() {
  const dataset = useAppStore((s) => s.dataset);
  const graph = useAppStore((s) => s.graph);
  const notice = useAppStore((s) => s.dataPage.bindingNotice);
  const problems = useAppStore((s) => s.bindingProblems);
  useEffect(() => refreshBinding(appStore), [graph, dataset]);
  if (!dataset) return null;
  const s = appStore.getState();
  const byId = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const outputMismatch = problems.some((p) => graph.nodes.find((n) => n.id === p.nodeId)?.type === 'Dense');
  return (
    <section className="data-section data-binding" aria-label="Dataset and model">
      <p data-testid="dataset-ready">
        Dataset ready: <strong>{dataset.name}</strong> · {dataset.task} ·{' '}
        {dataset.inputs ? `${dataset.inputs.length} Inputs` : `input [${dataset.inputShape.join(', ')}]`} ·
        train {dataset.train.n.toLocaleString()} · validation {dataset.validation.n.toLocaleString()} · test{' '}
        {dataset.test.n.toLocaleString()}
        {dataset.transform?.kind === 'text'
          ? ` · ${dataset.transform.tokenizer.vocab.length.toLocaleString()} tokens in the vocabulary${dataset.task === 'next-token' ? '' : ` · ${dataset.classNames?.length ?? 0} classes`}`
          : dataset.classNames
            ? ` · ${dataset.classNames.length} classes`
            : ''}
      </p>
      {dataset.inputs ? <InputParts parts={dataset.inputs} /> : null}
      {dataset.kind === 'image' ? <ImageSamples dataset={dataset} /> : null}
      {notice ? (
        <p className="data-notice">
          {notice}{' '}
          <button
            type="button"
            onClick={() => {
              s.undo();
              s.patchDataPage({ bindingNotice: null });
            }}
          >
            Undo
          </button>
        </p>
      ) : null}
      {problems.map((p, i) => (
        // A node can have two problems (a mixed dataset: its name and its shape), so the index is in the key.
        <p key={`${p.nodeId}-${i}`} className="problem-warning" role="alert">
          {byId.get(p.nodeId)}: {p.message}
        </p>
      ))}
      <div className="data-actions">
        {inputMismatch(graph, dataset) ? (
          <button
            type="button"
            onClick={() => matchInputToData(appStore)}
            title={`Sets the Input's shape to [${dataset.inputShape.join(', ')}]${dataset.kind === 'text' ? ' and its dtype to int32' : ''}; Undo reverts it`}
          >
            Match Input to the data
          </button>
        ) : null}
        {inputsFixable(graph, dataset) ? (
          <button
            type="button"
            className="data-primary"
            onClick={() => matchInputsToData(appStore)}
            title="Renames, reshapes or adds the model's Inputs so that each part of the data feeds the Input of its name, and sizes the embeddings they feed; Undo reverts it"
          >
            Fix: bind the Inputs to the data
          </button>
        ) : null}
        {embeddingMismatch(graph, dataset) ? (
          <button
            type="button"
            onClick={() => fitEmbeddingsToData(appStore)}
            title="Sets each embedding's vocabulary and sequence length to the data's; Undo reverts it"
          >
            Size embeddings to the data
          </button>
        ) : null}
        {outputMismatch ? (
          <button type="button" onClick={() => fixOutputLayer(appStore)}>
            Fix output layer
          </button>
        ) : null}
        {graph.nodes.length === 0 ? (
          <button type="button" className="data-primary" onClick={makeStarter}>
            Create a starter model
          </button>
        ) : null}
      </div>
    </section>
  );
}
