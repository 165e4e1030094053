import { useMemo } from 'react';
import type { PreparedDataset } from '../../data/types';
import type { ScoredModel } from '../../store/evaluation-slice';
import { useAppStore } from '../../store/app-store';
import { examplesInCell, misclassified, worstRows, type ClassifiedRow, type WorstRow } from '../../training/report-examples';
import { FILLED_TITLE, filledColumns } from './filled';
import { className, percent, value } from './format';
import { SampleImage } from './SampleImage';

const LIMIT = 48;

function ImageGallery({ rows, dataset, title }: { rows: readonly ClassifiedRow[]; dataset: PreparedDataset; title: string }) {
  return (
    <section className="eval-card" aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="eval-note">None.</p>
      ) : (
        <ul className="eval-gallery">
          {rows.map((r) => {
            const truth = className(dataset.classNames, r.trueClass);
            const guess = className(dataset.classNames, r.predictedClass);
            return (
              <li key={r.index} className={r.trueClass === r.predictedClass ? 'right' : 'wrong'}>
                <SampleImage x={dataset.test.x} index={r.index} shape={dataset.inputShape} label={`test image ${r.index}: ${truth}`} />
                <span>true: {truth}</span>
                <span>predicted: {guess}</span>
                <span>{percent(r.confidence)} sure</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function RowTable({ rows, scored, dataset, title }: { rows: readonly (WorstRow | ClassifiedRow)[]; scored: ScoredModel; dataset: PreparedDataset; title: string }) {
  const columns = scored.records?.[0] ? Object.keys(scored.records[0]) : [];
  const transform = dataset.transform?.kind === 'tabular' ? dataset.transform : null;
  return (
    <section className="eval-card" aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="eval-note">None.</p>
      ) : (
        // Focusable so keyboard users can scroll the rows (axe: scrollable-region-focusable).
        <div className="eval-rows" tabIndex={0} role="region" aria-label={`${title}: scrollable table`}>
          <table className="eval-table">
            <thead>
              <tr>
                <th scope="col">test row</th>
                {'actual' in rows[0]! ? (
                  <>
                    <th scope="col">actual</th>
                    <th scope="col">predicted</th>
                    <th scope="col">error</th>
                  </>
                ) : (
                  <>
                    <th scope="col">true</th>
                    <th scope="col">predicted</th>
                    <th scope="col">confidence</th>
                  </>
                )}
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const record = scored.records?.[r.index];
                const filled = transform ? filledColumns(transform, dataset.test.x, r.index) : null;
                return (
                  <tr key={r.index}>
                    <td>{r.index + 1}</td>
                    {'actual' in r ? (
                      <>
                        <td>{value(r.actual)}</td>
                        <td>{value(r.predicted)}</td>
                        <td>{value(r.error)}</td>
                      </>
                    ) : (
                      <>
                        <td>{className(dataset.classNames, r.trueClass)}</td>
                        <td>{className(dataset.classNames, r.predictedClass)}</td>
                        <td>{percent(r.confidence)}</td>
                      </>
                    )}
                    {columns.map((c) =>
                      filled?.has(c) ? (
                        <td key={c} className="eval-filled" title={FILLED_TITLE}>
                          {record?.[c] ?? ''} <span className="eval-filled-mark">(filled)</span>
                        </td>
                      ) : (
                        <td key={c}>{record?.[c] ?? ''}</td>
                      ),
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The examples behind the numbers: mistakes, the worst rows, or one confusion-matrix cell. */
export function Examples({ scored, dataset, threshold }: { scored: ScoredModel; dataset: PreparedDataset; threshold: number | undefined }) {
  const cell = useAppStore((s) => s.selectedCell);
  const labels = dataset.test.y;
  const options = threshold === undefined ? {} : { threshold };
  const images = dataset.kind === 'image';
  const rows = useMemo(() => {
    if (cell && dataset.task !== 'regression')
      return examplesInCell(scored.predictions, scored.units, labels, cell[0], cell[1], { ...options, limit: LIMIT });
    if (images) return misclassified(scored.predictions, scored.units, labels, LIMIT, options);
    return worstRows(scored.predictions, labels, dataset.task, 20, options);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- options is rebuilt from threshold
  }, [scored, labels, cell, threshold, images, dataset.task]);
  const title = cell
    ? `Examples: true ${className(dataset.classNames, cell[0])}, predicted ${className(dataset.classNames, cell[1])} (${rows.length}${rows.length === LIMIT ? '+' : ''})`
    : images
      ? 'Misclassified test images, most confident first'
      : 'Worst test rows';
  if (images) return <ImageGallery rows={rows as ClassifiedRow[]} dataset={dataset} title={title} />;
  return <RowTable rows={rows} scored={scored} dataset={dataset} title={title} />;
}
