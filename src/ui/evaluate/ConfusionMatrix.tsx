import { useAppStore } from '../../store/app-store';
import type { ClassificationReport } from '../../training/report';
import { className, percent } from './format';

/**
 * Counts with row-normalised shares: each cell's shade is the share of its true class, so a
 * small class's mistakes stand out as much as a big one's. Cells are buttons: a click lists
 * the examples behind the cell.
 */
export function ConfusionMatrix({ report, classNames }: { report: ClassificationReport; classNames: readonly string[] | null }) {
  const selected = useAppStore((s) => s.selectedCell);
  const patch = useAppStore((s) => s.patchEvaluation);
  const k = report.classCount;
  const names = Array.from({ length: k }, (_, j) => className(classNames, j));
  // Long names over many columns would make every column wide: stand them on end instead.
  const upright = k > 4 && Math.max(...names.map((n) => n.length)) > 8;
  return (
    <figure className="eval-card eval-confusion" aria-label="Confusion matrix">
      <figcaption>Confusion matrix · rows: true class · columns: predicted</figcaption>
      <div className="eval-confusion-scroll">
        <table className={upright ? 'is-upright' : undefined}>
          <thead>
            <tr>
              <th scope="col" className="eval-corner">
                true ↓ · predicted →
              </th>
              {names.map((name, j) => (
                <th key={j} scope="col" title={name}>
                  <span className="eval-confusion-label">{name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.confusion.map((row, i) => (
              <tr key={i}>
                <th scope="row" title={names[i]}>
                  <span className="eval-confusion-label">{names[i]}</span>
                </th>
                {row.map((count, j) => {
                  const share = report.normalized[i]![j]!;
                  const isSelected = selected?.[0] === i && selected[1] === j;
                  const tone = i === j ? '22 163 74' : '220 38 38';
                  // At most 62 % tint: text keeps 4.5:1 on the darkest cell in both themes (0.82 gave 3.7:1 in dark).
                  const alpha = count === 0 ? 0 : 0.12 + share * 0.5;
                  return (
                    <td key={j}>
                      <button
                        type="button"
                        className={isSelected ? 'selected' : undefined}
                        style={{ background: `rgb(${tone} / ${alpha.toFixed(3)})` }}
                        aria-label={`true ${className(classNames, i)}, predicted ${className(classNames, j)}: ${count} (${percent(share)} of the row)`}
                        aria-pressed={isSelected}
                        onClick={() => patch({ selectedCell: isSelected ? null : [i, j] })}
                      >
                        <strong>{count}</strong>
                        <small>{Math.round(share * 100)} %</small>
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
