import { useAppStore } from '../../store/app-store';
import { InlineName } from './Name';
import { FixButtons } from './FixButtons';

/** The failure of the last task in the core's own words, and the warnings from preparing. */
export function Problems() {
  const { error, problems: all, csv, schema } = useAppStore((s) => s.dataPage);
  // Notes about the table's reading and columns are listed with the table, once.
  const withTable = new Set([...(csv?.parseProblems ?? []), ...(schema?.schema.problems ?? [])].map((p) => p.message));
  const problems = all.filter((p) => !withTable.has(p.message));
  return (
    <>
      {error && error.code !== 'aborted' ? (
        <div className="data-error" role="alert">
          <p>{error.message}</p>
          <FixButtons fix={error.fix} />
        </div>
      ) : null}
      {error?.code === 'aborted' ? <p className="data-hint">Cancelled.</p> : null}
      {problems.length > 0 ? (
        <ul className="data-problems" aria-label="Dataset notes">
          {problems.map((p, i) => (
            <li key={i} className={`problem-${p.severity}`}>
              {p.message} <FixButtons fix={p.fix} />
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
