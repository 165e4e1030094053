import { useState } from 'react';
import type { CsvView } from '../../worker/data-protocol';

const ROW_HEIGHT = 26;
const VIEW_ROWS = 12;
const OVERSCAN = 6;

/** The first rows of the file; only the rows in view (plus a few) are in the DOM. */
export function PreviewTable({ view }: { view: CsvView }) {
  const [top, setTop] = useState(0);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(view.rows.length, first + VIEW_ROWS + 2 * OVERSCAN);
  return (
    <div>
      <p className="data-hint">
        {view.rowCount.toLocaleString()} rows × {view.header.length} columns
        {view.rows.length < view.rowCount ? ` (preview shows the first ${view.rows.length.toLocaleString()})` : ''}
      </p>
      <div
        className="data-table-scroll"
        // A scrolling box must take focus so the keyboard can scroll it (axe: scrollable-region-focusable).
        tabIndex={0}
        role="region"
        aria-label="Data preview rows"
        style={{ height: ROW_HEIGHT * (VIEW_ROWS + 1) }}
        onScroll={(e) => setTop(e.currentTarget.scrollTop)}
        data-testid="preview-table"
      >
        <table className="data-table" aria-label="Data preview" aria-rowcount={view.rows.length + 1}>
          <thead>
            <tr>
              <th>#</th>
              {view.header.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr style={{ height: first * ROW_HEIGHT }} aria-hidden />
            {view.rows.slice(first, last).map((row, i) => (
              <tr key={first + i} style={{ height: ROW_HEIGHT }} aria-rowindex={first + i + 2}>
                <td>{first + i + 1}</td>
                {row.map((cell, j) => (
                  <td key={j} className={cell === '' ? 'missing' : undefined}>
                    {cell === '' ? '—' : cell}
                  </td>
                ))}
              </tr>
            ))}
            <tr style={{ height: (view.rows.length - last) * ROW_HEIGHT }} aria-hidden />
          </tbody>
        </table>
      </div>
    </div>
  );
}
