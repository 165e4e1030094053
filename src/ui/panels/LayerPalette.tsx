import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { allLayerSpecs } from '../../model/layers';
import type { LayerCategory, LayerSpec } from '../../model/spec';
import { actions } from '../../store/app-store';
import { dropLayer } from '../canvas/drop-target';

const GROUPS: { title: string; categories: LayerCategory[] }[] = [
  { title: 'Input/Output', categories: ['Input/Output'] },
  { title: 'Core', categories: ['Core', 'Activation'] },
  { title: 'Convolution', categories: ['Convolution'] },
  { title: 'Pooling', categories: ['Pooling'] },
  { title: 'Recurrent', categories: ['Recurrent'] },
  { title: 'Normalization & Regularization', categories: ['Normalization & Regularization'] },
  { title: 'Merge', categories: ['Merge'] },
  { title: 'Reshape', categories: ['Reshape'] },
];

export function matchesQuery(spec: LayerSpec, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || spec.type.toLowerCase().includes(q) || spec.description.toLowerCase().includes(q) || spec.category.toLowerCase().includes(q);
}

interface Drag {
  type: string;
  startX: number;
  startY: number;
  x: number;
  y: number;
  moved: boolean;
}

/**
 * Layers grouped by family. Pointer drags (mouse, pen and touch alike) drop a layer on the
 * canvas; double-click or Enter appends it after the selected layer.
 */
export function LayerPalette() {
  const [query, setQuery] = useState('');
  const [drag, setDrag] = useState<Drag | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const groups = useMemo(
    () =>
      GROUPS.map((g) => ({ ...g, specs: allLayerSpecs.filter((s) => g.categories.includes(s.category) && matchesQuery(s, query)) })).filter(
        (g) => g.specs.length > 0,
      ),
    [query],
  );

  const update = (d: Drag | null) => {
    dragRef.current = d;
    setDrag(d);
  };
  const onPointerDown = (type: string) => (e: ReactPointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    update({ type, startX: e.clientX, startY: e.clientY, x: e.clientX, y: e.clientY, moved: false });
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLButtonElement>) => {
    const d = dragRef.current;
    if (!d) return;
    const moved = d.moved || Math.hypot(e.clientX - d.startX, e.clientY - d.startY) > 4;
    update({ ...d, x: e.clientX, y: e.clientY, moved });
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLButtonElement>) => {
    const d = dragRef.current;
    update(null);
    if (d?.moved) dropLayer(d.type, e.clientX, e.clientY);
  };

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
                onPointerDown={onPointerDown(s.type)}
                onPointerMove={onPointerMove}
                onPointerUp={onPointerUp}
                onPointerCancel={() => update(null)}
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
      {drag?.moved && (
        <div className="palette-ghost" style={{ left: drag.x, top: drag.y }} aria-hidden>
          {drag.type}
        </div>
      )}
    </nav>
  );
}
