import { useEffect, useRef, useState } from 'react';
import { allLayerSpecs } from '../../model/layers';
import { actions, appStore, useAppStore } from '../../store/app-store';
import { rankLayers } from './layer-search';

/** `/` or Ctrl+K: type a few letters, Enter adds the layer after the selection. */
export function QuickAdd() {
  const open = useAppStore((s) => s.quickAddOpen);
  if (!open) return null;
  return <QuickAddDialog />;
}

function QuickAddDialog() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const matches = rankLayers(allLayerSpecs, query).slice(0, 12);
  const close = () => appStore.getState().setQuickAdd(false);
  const choose = (type: string) => {
    close();
    actions.appendLayer(type);
  };
  return (
    <div className="modal-backdrop" onPointerDown={close}>
      <div role="dialog" aria-modal="true" aria-label="Add a layer" className="quick-add" onPointerDown={(e) => e.stopPropagation()}>
        <input
          ref={input}
          value={query}
          placeholder="Add a layer: type its name…"
          aria-label="Layer to add"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, matches.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter' && matches[active]) choose(matches[active].type);
            else return;
            e.preventDefault();
          }}
        />
        <ul role="listbox" aria-label="Matching layers">
          {matches.map((s, i) => (
            <li key={s.type} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onClick={() => choose(s.type)}>
              <b>{s.type}</b> <span className="muted">{s.description}</span>
            </li>
          ))}
        </ul>
        {matches.length === 0 && <p className="muted">No layer matches “{query}”.</p>}
      </div>
    </div>
  );
}
