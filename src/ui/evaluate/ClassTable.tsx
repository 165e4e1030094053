import type { ClassificationReport } from '../../training/report';
import { score } from './format';

/** Per-class precision, recall, F1 and support, then the macro and weighted averages. */
export function ClassTable({ report }: { report: ClassificationReport }) {
  return (
    <section className="eval-card" aria-label="Per-class scores">
      <h3>Per-class scores</h3>
      <table className="eval-table">
        <thead>
          <tr>
            <th scope="col">class</th>
            <th scope="col">precision</th>
            <th scope="col">recall</th>
            <th scope="col">F1</th>
            <th scope="col">support</th>
          </tr>
        </thead>
        <tbody>
          {report.perClass.map((c) => (
            <tr key={c.classIndex}>
              <th scope="row">{c.name}</th>
              <td>{score(c.precision)}</td>
              <td>{score(c.recall)}</td>
              <td>{score(c.f1)}</td>
              <td>{c.support}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {(
            [
              ['macro avg', report.macro],
              ['weighted avg', report.weighted],
            ] as const
          ).map(([name, avg]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{score(avg.precision)}</td>
              <td>{score(avg.recall)}</td>
              <td>{score(avg.f1)}</td>
              <td>{avg.support}</td>
            </tr>
          ))}
        </tfoot>
      </table>
      <p className="eval-note">
        Same definitions as scikit-learn&apos;s classification_report; a class never predicted scores precision 0.
      </p>
    </section>
  );
}
