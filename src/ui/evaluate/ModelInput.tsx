import type { TabularTransform } from '../../data/tabular';
import type { InputPart } from '../../data/types';
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
export function ModelInput({
  input,
  shape,
  table,
  parts,
}: {
  input: Float32Array;
  shape: readonly number[];
  table: TabularTransform | null;
  parts?: readonly InputPart[];
}) {
  if (parts && table) return <PartsInput input={input} table={table} parts={parts} />;
  if (shape.length === 3) {
    const [h, w, c] = shape as [number, number, number];
    return (
      <figure className="eval-model-input" aria-label="What the model sees">
        <SampleImage
          x={input}
          index={0}
          shape={shape}
          size={PREVIEW}
          label={`The model's input: the picture at ${w}×${h} pixels${c === 1 ? ', grayscale' : ''}`}
        />
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

/** Token ids without the padding (id 0) after the text. */
const unpadded = (ids: Float32Array) => {
  let end = ids.length;
  while (end > 0 && ids[end - 1] === 0) end--;
  return ids.subarray(0, end);
};

/**
 * A mixed record as the model reads it, one row per Input: token ids of a text, the index of an
 * id (0 = unseen in training), the scaled values of the features.
 */
function partRows(input: Float32Array, table: TabularTransform, parts: readonly InputPart[]) {
  const rows: { part: InputPart; shownValues: string }[] = [];
  let offset = 0;
  for (const part of parts) {
    const size = part.shape.reduce((a, b) => a * b, 1);
    const values = input.subarray(offset, offset + size);
    offset += size;
    let shownValues: string;
    if (part.role === 'text') {
      const ids = unpadded(values);
      shownValues = `${ids.length} of ${size} tokens: ${Array.from(ids.subarray(0, 12)).join(' ')}${ids.length > 12 ? ' …' : ''}`;
    } else if (part.role === 'id') {
      shownValues = values[0] === 0 ? 'index 0 (not seen in training)' : `index ${String(values[0])}`;
    } else {
      // Names by the features' place in the part, when the transform names every input.
      const names = table.featureNames.length === table.width ? featureNamesOf(table, part) : [];
      shownValues = Array.from(values, (v, i) => `${names[i] ?? `#${i}`} ${shown(v)}`).join(' · ');
    }
    rows.push({ part, shownValues });
  }
  return rows;
}

function PartsInput({
  input,
  table,
  parts,
}: {
  input: Float32Array;
  table: TabularTransform;
  parts: readonly InputPart[];
}) {
  const rows = partRows(input, table, parts);
  return (
    <figure className="eval-model-input eval-model-values" aria-label="What the model sees">
      <figcaption>What the model sees: {parts.length} Inputs</figcaption>
      <div className="eval-model-values-scroll">
        <table className="eval-table">
          <tbody>
            {rows.map(({ part, shownValues }) => (
              <tr key={part.name}>
                <th scope="row" title={part.columns.join(', ')}>
                  {part.name}
                </th>
                <td>{shownValues}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** The input names of the features part, in the order it lays them out. */
function featureNamesOf(table: TabularTransform, part: InputPart): string[] {
  const own = new Set(['text', 'id']);
  return table.features
    .filter((f) => !own.has(f.type) && part.columns.includes(f.name))
    .flatMap((f) => table.featureNames.slice(f.offset, f.offset + f.width));
}
