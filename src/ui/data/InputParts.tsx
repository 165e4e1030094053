import type { InputPart } from '../../data/types';

const ROLE_WORDS: Readonly<Record<InputPart['role'], string>> = {
  text: 'text → token ids',
  id: 'id → Embedding',
  features: 'features',
};

/** The parts of a dataset that feeds several Inputs: each the Input of its name, with its shape and role. */
export function InputParts({ parts }: { parts: readonly InputPart[] }) {
  return (
    <table className="data-parts" aria-label="Model inputs from the data">
      <caption>
        The data feeds {parts.length} Input{parts.length === 1 ? '' : 's'}, each named after its part
      </caption>
      <thead>
        <tr>
          <th scope="col">Input</th>
          <th scope="col">Shape</th>
          <th scope="col">Role</th>
          <th scope="col">Columns</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((p) => (
          <tr key={p.name}>
            <th scope="row">{p.name}</th>
            <td>
              [{p.shape.join(', ')}] {p.dtype}
            </td>
            <td>
              {ROLE_WORDS[p.role]}
              {p.vocabulary !== undefined ? ` · ${p.vocabulary.toLocaleString()} ids` : ''}
            </td>
            <td>{p.columns.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
