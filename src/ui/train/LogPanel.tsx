import { useLayoutEffect, useRef } from 'react';
import { useAppStore } from '../../store/app-store';

/** Within this many pixels of the end counts as "at the bottom". */
const NEAR_END_PX = 8;

/**
 * Epoch summaries, warnings and errors, newest at the bottom. The list scrolls in its own box and
 * follows new lines only while the reader is at its end: scrolled up, it stays where they put it.
 * (It never scrolls the page: scrollIntoView would move every scrollable ancestor too.)
 */
export function LogPanel() {
  const log = useAppStore((s) => s.trainingLog);
  const box = useRef<HTMLOListElement>(null);
  /** The list's height before the new lines: "at the end" is judged against it, not a scroll event that may not have fired yet. */
  const lastHeight = useRef(0);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (lastHeight.current - el.scrollTop - el.clientHeight < NEAR_END_PX) el.scrollTop = el.scrollHeight;
    lastHeight.current = el.scrollHeight;
  }, [log]);
  return (
    <section className="train-log" aria-label="Training log">
      <h3>Log</h3>
      <ol
        ref={box}
        tabIndex={0}
        aria-label="Log lines"
      >
        {log.map((line, i) => (
          <li key={i} className={`log-${line.level}`}>
            {line.text}
          </li>
        ))}
      </ol>
    </section>
  );
}
