import { useState } from 'react';
import type { LayerNode, ParamValue } from '../../model/graph';
import { isBlockNode } from '../../model/blocks';
import { formatShape, isTrainable } from '../../model/graph';
import { getSpec, specParams } from '../../model/registry';
import { actions, useAppStore } from '../../store/app-store';
import type { HistoryMode } from '../../store/graph-slice';
import { BlockInspector } from './BlockInspector';
import { ParamField } from './ParamField';

function NameField({ id, name }: { id: string; name: string }) {
  const [draft, setDraft] = useState(name);
  const [problem, setProblem] = useState<string | null>(null);
  const [seen, setSeen] = useState(name);
  if (name !== seen) {
    setSeen(name);
    setDraft(name);
    setProblem(null);
  }
  const commit = () => {
    if (draft === name) return;
    setProblem(actions.rename(id, draft.trim()));
  };
  return (
    <div className="field">
      <label htmlFor="layer-name">Name</label>
      <input
        id="layer-name"
        value={draft}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {problem && (
        <small className="field-error" role="alert">
          {problem}
        </small>
      )}
    </div>
  );
}

/** Freezing is the one setting every layer shares, so it sits apart from the layer's own params. */
function TrainableField({ node, hasUpstream }: { node: LayerNode; hasUpstream: boolean }) {
  const trainable = isTrainable(node);
  return (
    <div className="field inspector-trainable">
      <div className="field-bool">
        <input
          id="layer-trainable"
          type="checkbox"
          checked={trainable}
          onChange={(e) => actions.setTrainable([node.id], e.target.checked)}
        />
        <label htmlFor="layer-trainable">Trainable</label>
        {!trainable && (
          <span className="inspector-lock" aria-hidden="true">
            🔒
          </span>
        )}
      </div>
      <small className="field-help">
        {trainable
          ? 'Training updates this layer’s weights.'
          : 'Frozen: training leaves this layer’s weights as they are (transfer learning).'}
      </small>
      {hasUpstream && (
        <button
          type="button"
          className="inspector-freeze-before"
          onClick={() => actions.freezeBefore(node.id)}
          title="Freeze every layer that feeds this one; this layer and the ones after it keep their setting"
        >
          Freeze all before this layer
        </button>
      )}
    </div>
  );
}

/** Several layers selected: freeze or unfreeze them together (one undo step). */
function SelectionFreeze({ ids }: { ids: readonly string[] }) {
  return (
    <div className="inspector-freeze-many">
      <button type="button" onClick={() => actions.setTrainable(ids, false)}>
        🔒 Freeze {ids.length} layers
      </button>
      <button type="button" onClick={() => actions.setTrainable(ids, true)}>
        Unfreeze
      </button>
    </div>
  );
}

/** Edits every param of the one selected layer; shapes and counts update as the user types. */
export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const node = useAppStore((s) =>
    s.selection.length === 1 ? s.graph.nodes.find((n) => n.id === s.selection[0]) : undefined,
  );
  const shape = useAppStore((s) => (node ? s.analysis.shapes.get(node.id) : undefined));
  const counts = useAppStore((s) => (node ? s.analysis.counts.get(node.id) : undefined));
  const errors = useAppStore((s) => s.analysis.errors);
  const hasUpstream = useAppStore((s) => (node ? s.graph.edges.some((e) => e.target === node.id) : false));
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="muted">
          {selection.length > 1 ? `${selection.length} layers selected.` : 'Select a layer to edit its settings.'}
        </p>
        {selection.length > 1 && <SelectionFreeze ids={selection} />}
      </aside>
    );
  }
  if (isBlockNode(node)) return <BlockInspector node={node} nameField={<NameField id={node.id} name={node.name} />} />;
  const spec = getSpec(node.type);
  if (!spec) return null;
  const mine = errors.filter((e) => e.nodeId === node.id);
  const onChange = (key: string) => (value: ParamValue, mode: HistoryMode) =>
    actions.setParam(node.id, key, value, mode);
  return (
    <aside className="inspector" aria-label="Inspector">
      <header>
        <h2>{node.type}</h2>
        <p className="muted">{spec.description}</p>
        <p className="inspector-stats">
          <span>Output {shape ? formatShape(shape) : '—'}</span>
          <span>
            {counts ? `${counts.total.toLocaleString('en-US')} params` : ''}
            {counts && counts.nonTrainable > 0 ? ` (${counts.nonTrainable.toLocaleString('en-US')} frozen)` : ''}
          </span>
        </p>
      </header>
      {mine
        .filter((e) => !e.param)
        .map((e) => (
          <p key={e.message} className="inspector-error" role="alert">
            {e.message}
          </p>
        ))}
      <NameField id={node.id} name={node.name} />
      {node.type !== 'Input' && <TrainableField node={node} hasUpstream={hasUpstream} />}
      {specParams(spec)
        .filter((def) => def.key !== 'trainable')
        .map((def) => (
          <ParamField
            key={`${node.id}:${def.key}`}
            def={def}
            value={node.params[def.key]}
            problem={mine.find((e) => e.param === def.key)?.message.replace(/^[^:]*: /, '') ?? null}
            onChange={onChange(def.key)}
          />
        ))}
    </aside>
  );
}
