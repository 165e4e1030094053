import { useEffect } from 'react';
import { useAppStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import type { BuiltinInfo } from '../../data/builtins';

/** What a built-in is, in a few words: its kind and size. */
function kindWords(b: BuiltinInfo): string {
  if (b.kind !== 'text') return `${b.kind === 'image' ? 'images' : 'table'} · ${b.rows.toLocaleString()} rows`;
  if (b.corpus) return `text · ${b.corpus.characters.toLocaleString()} characters`;
  return `text · ${b.rows.toLocaleString()} texts`;
}

export function BuiltinPicker() {
  const builtins = useAppStore((s) => s.dataPage.builtins);
  const error = useAppStore((s) => s.dataPage.builtinsError);
  const busy = useAppStore((s) => s.dataPage.busy);
  useEffect(() => {
    void appSession().data.listBuiltins();
  }, []);
  return (
    <section className="data-section" aria-label="Built-in datasets">
      <h3>Built-in datasets</h3>
      {error ? <p className="problem-error">{error}</p> : null}
      {!builtins && !error ? <p className="data-hint">Loading the list…</p> : null}
      <div className="data-builtins">
        {builtins?.map((b) => (
          <article key={b.id} className="data-builtin">
            <h4>{b.title}</h4>
            <p>{b.description}</p>
            <p className="data-hint">
              {kindWords(b)} ·{' '}
              {b.task === 'regression'
                ? 'regression'
                : b.task === 'next-token'
                  ? 'next character'
                  : `${b.classes.length} classes`}{' '}
              · {b.license.name}
            </p>
            <button type="button" disabled={busy} aria-label={`Use dataset ${b.title}`} onClick={() => void appSession().data.chooseBuiltin(b)}>
              Use
            </button>
          </article>
        ))}
      </div>
    </section>
  );
}
