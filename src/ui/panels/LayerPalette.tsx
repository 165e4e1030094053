import { useMemo, useState } from 'react';
import { allLayerSpecs } from '../../model/layers';
import type { LayerCategory, LayerSpec } from '../../model/spec';
import { actions } from '../../store/app-store';
import { usePaletteDrag } from '../canvas/use-palette-drag';
import { ReadyBlocks } from './ReadyBlocks';

const GROUPS: { title: string; categories: LayerCategory[] }[] = [
  { title: 'Input/Output', categories: ['Input/Output'] },
  { title: 'Core', categories: ['Core', 'Activation'] },
  { title: 'Convolution', categories: ['Convolution'] },
  { title: 'Pooling', categories: ['Pooling'] },
  { title: 'Recurrent', categories: ['Recurrent'] },
  { title: 'Attention', categories: ['Attention'] },
  { title: 'Normalization & Regularization', categories: ['Normalization & Regularization'] },
  { title: 'Merge', categories: ['Merge'] },
  { title: 'Reshape', categories: ['Reshape'] },
];

export function matchesQuery(spec: LayerSpec, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || spec.type.toLowerCase().includes(q) || spec.description.toLowerCase().includes(q) || spec.category.toLowerCase().includes(q);
}

/**
 * Layers grouped by family. Pointer drags (mouse, pen and touch alike) drop a layer on the
 * canvas; double-click or Enter appends it after the selected layer.
 */
export function LayerPalette() {
  const [query, setQuery] = useState('');
  const { ghost, itemProps } = usePaletteDrag('layer');
  const groups = useMemo(
    () =>
      GROUPS.map((g) => ({ ...g, specs: allLayerSpecs.filter((s) => g.categories.includes(s.category) && matchesQuery(s, query)) })).filter(
        (g) => g.specs.length > 0,
      ),
    [query],
  );

  return (
    <nav className="palette" aria-label="Layer palette">
      <input
        type="search"
        className="palette-search"
        placeholder="Search layers…"
        aria-label="Search layers"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          const first = groups[0]?.specs[0];
          if (e.key === 'Enter' && first) actions.appendLayer(first.type);
        }}
      />
      {groups.length === 0 && <p className="muted">No layer matches “{query}”.</p>}
      {groups.map((g) => (
        <section key={g.title} className="palette-group">
          <h3>{g.title}</h3>
          <div className="palette-items">
            {g.specs.map((s) => (
              <button
                key={s.type}
                type="button"
                className={`palette-item cat-${s.category.split(/[ /&]/)[0]!.toLowerCase()}`}
                title={`${s.description}\nDrag onto the canvas, or double-click / Enter to add after the selected layer.`}
                {...itemProps(s.type)}
                onDoubleClick={() => actions.appendLayer(s.type)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    actions.appendLayer(s.type);
                  }
                }}
              >
                {s.type}
              </button>
            ))}
          </div>
        </section>
      ))}
      {query.trim() === '' && <ReadyBlocks />}
      {ghost && (
        <div className="palette-ghost" style={{ left: ghost.x, top: ghost.y }} aria-hidden>
          {ghost.item}
        </div>
      )}
    </nav>
  );
}
