import type { ReactNode } from 'react';
import { blockKey, blockUses, definitionOf, innerLayers } from '../../model/blocks';
import type { LayerNode } from '../../model/graph';
import { formatShape } from '../../model/graph';
import { getSpec, specParams } from '../../model/registry';
import { actions, useAppStore } from '../../store/app-store';
import '../blocks.css';
import { ParamField } from './ParamField';

/**
 * The inspector of a block node: its name, what it shares, and the params of every layer in its
 * definition. An edit here changes the definition, so every linked instance follows (each keeps
 * its own weights); "Unlink" first to change this one alone.
 */
export function BlockInspector({ node, nameField }: { node: LayerNode; nameField: ReactNode }) {
  const def = useAppStore((s) => definitionOf(s.graph, node));
  const uses = useAppStore((s) => blockUses(s.graph).get(String(node.params.block)) ?? 1);
  const shape = useAppStore((s) => s.analysis.shapes.get(node.id));
  const counts = useAppStore((s) => s.analysis.counts.get(node.id));
  const errors = useAppStore((s) => s.analysis.errors).filter((e) => e.nodeId === node.id);
  const key = blockKey(node);
  return (
    <aside className="inspector" aria-label="Inspector">
      <header>
        <h2>Block · {def?.name ?? 'missing definition'}</h2>
        <p className="muted">
          {uses > 1
            ? `Linked: ${uses} blocks share this definition, so an edit below changes all of them. Each keeps its own weights.`
            : 'A reusable group of layers. Exports see its layers, named after this block.'}
        </p>
        <p className="inspector-stats">
          <span>Output {shape ? formatShape(shape) : '—'}</span>
          <span>{counts ? `${counts.total.toLocaleString('en-US')} params` : ''}</span>
        </p>
      </header>
      {errors.map((e) => (
        <p key={e.message} className="inspector-error" role="alert">
          {e.message}
        </p>
      ))}
      {nameField}
      <div className="field-bool">
        <input
          id="block-trainable"
          type="checkbox"
          checked={node.params.trainable !== false}
          onChange={(e) => actions.setTrainable([node.id], e.target.checked)}
        />
        <label htmlFor="block-trainable">Trainable (untick to freeze every layer of this block)</label>
      </div>
      <div className="block-inspector-actions">
        <button type="button" onClick={() => actions.expandBlock(node.id)}>
          Expand
        </button>
        <button type="button" onClick={() => actions.reuseBlock(node.id, true)}>
          Reuse linked
        </button>
        <button type="button" onClick={() => actions.reuseBlock(node.id, false)}>
          Reuse as copy
        </button>
        {uses > 1 && (
          <button type="button" onClick={() => actions.unlinkBlock(node.id)}>
            Unlink
          </button>
        )}
      </div>
      {def &&
        key !== null &&
        innerLayers(def).map((inner) => {
          const spec = getSpec(inner.type);
          return (
            <details key={inner.id} className="block-inspector-layer">
              <summary>
                {inner.type} <span className="muted">{inner.name}</span>
              </summary>
              {spec &&
                specParams(spec)
                  .filter((p) => p.key !== 'trainable')
                  .map((p) => (
                    <ParamField
                      key={`${key}:${inner.id}:${p.key}`}
                      def={p}
                      value={inner.params[p.key]}
                      problem={null}
                      onChange={(value, mode) => actions.setBlockLayerParam(key, inner.id, p.key, value, mode)}
                    />
                  ))}
            </details>
          );
        })}
    </aside>
  );
}
