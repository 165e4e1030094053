import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/app-store';

/** Epoch summaries, warnings and errors, newest at the bottom. */
export function LogPanel() {
  const log = useAppStore((s) => s.trainingLog);
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Newer Chromium returns a promise from scrollIntoView; an effect must not return it.
    void end.current?.scrollIntoView({ block: 'nearest' });
  }, [log.length]);
  return (
    <section className="train-log" aria-label="Training log">
      <h3>Log</h3>
      <ol>
        {log.map((line, i) => (
          <li key={i} className={`log-${line.level}`}>
            {line.text}
          </li>
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
    </section>
  );
}
