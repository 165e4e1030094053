import type { TabularTransform } from '../../data/tabular';
import { SampleImage } from './SampleImage';

const PREVIEW = 112;

/** Scaled values as the model reads them: 0.412, −1.230, 1; a value that rounds to zero reads 0.000, never −0.000. */
function shown(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const text = v.toFixed(3);
  return Number(text) === 0 ? '0.000' : text.replace('-', '−');
}

/**
 * The exact input the last prediction was made from, after preprocessing: a drawing shrunk to
 * the model's 8×8, or the scaled feature values. Without it a 7 that reads as a 2 is a mystery.
 */
export function ModelInput({ input, shape, table }: { input: Float32Array; shape: readonly number[]; table: TabularTransform | null }) {
  if (shape.length === 3) {
    const [h, w, c] = shape as [number, number, number];
    return (
      <figure className="eval-model-input" aria-label="What the model sees">
        <SampleImage x={input} index={0} shape={shape} size={PREVIEW} label={`The model's input: the picture at ${w}×${h} pixels${c === 1 ? ', grayscale' : ''}`} />
        <figcaption>
          What the model sees: {w}×{h}
          {c === 1 ? ' grayscale' : ''}
        </figcaption>
      </figure>
    );
  }
  if (!table) return null;
  return (
    <figure className="eval-model-input eval-model-values" aria-label="What the model sees">
      <figcaption>What the model sees: {table.width} scaled inputs</figcaption>
      <div className="eval-model-values-scroll">
        <table className="eval-table">
          <tbody>
            {table.featureNames.map((name, i) => (
              <tr key={name}>
                <th scope="row" title={name}>
                  {name}
                </th>
                <td>{shown(input[i] ?? Number.NaN)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
