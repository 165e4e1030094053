import { useAppStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import { InlineName } from './Name';
import { applyTable } from './CsvSection';

async function skipBadRows() {
  await appSession().data.retrySkippingBadRows();
  await applyTable();
}

/** The failure of the last task in the core's own words, and the warnings from preparing. */
export function Problems() {
  const { error, problems } = useAppStore((s) => s.dataPage);
  return (
    <>
      {error && error.code !== 'aborted' ? (
        <div className="data-error" role="alert">
          <p>{error.message}</p>
          {error.code === 'ragged-rows' ? (
            <button type="button" onClick={() => void skipBadRows()}>
              Skip bad rows
            </button>
          ) : null}
        </div>
      ) : null}
      {error?.code === 'aborted' ? <p className="data-hint">Cancelled.</p> : null}
      {problems.length > 0 ? (
        <ul className="data-problems" aria-label="Dataset notes">
          {problems.map((p, i) => (
            <li key={i} className={`problem-${p.severity}`}>
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** How many samples of each class went to each split (stratified, seeded). */
export function SplitSummary() {
  const split = useAppStore((s) => s.dataPage.split);
  if (!split) return null;
  return (
    <section className="data-section" aria-label="Split">
      <h3>Train / validation / test split</h3>
      <table className="data-table data-split" aria-label="Split summary">
          <thead>
            <tr>
              <th>class</th>
              <th>train</th>
              <th>validation</th>
              <th>test</th>
            </tr>
          </thead>
          <tbody>
            {split.map((c) => (
              <tr key={c.name}>
                <td>
                  <InlineName text={c.name} />
                </td>
                <td>{c.train}</td>
                <td>{c.validation}</td>
                <td>{c.test}</td>
              </tr>
            ))}
          </tbody>
      </table>
    </section>
  );
}
