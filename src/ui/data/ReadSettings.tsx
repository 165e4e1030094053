import { WHITESPACE } from '../../data/csv/formats';
import { useAppStore } from '../../store/app-store';
import type { CsvReadSettings } from '../../worker/data-protocol';
import { rereadWith } from './apply';

const ENCODINGS = ['utf-8', 'windows-1252', 'iso-8859-15', 'utf-16le', 'utf-16be', 'shift_jis', 'gbk'];
const DELIMITERS: readonly { value: string; name: string }[] = [
  { value: ',', name: 'comma ,' },
  { value: ';', name: 'semicolon ;' },
  { value: '\t', name: 'tab' },
  { value: '|', name: 'pipe |' },
  { value: WHITESPACE, name: 'spaces (aligned columns)' },
];
const delimiterName = (d: string) => DELIMITERS.find((x) => x.value === d)?.name ?? `'${d}'`;

/**
 * How the user's CSV file is read: encoding, delimiter, header row, bad rows. Each change reads
 * the file again; shown also when the last read failed, since these are what fix most failures.
 */
export function ReadSettings() {
  const page = useAppStore((s) => s.dataPage);
  const fromFile = useAppStore((s) => s.datasetRef?.kind === 'file');
  if (page.source !== 'csv' || !fromFile) return null;
  const read = page.settings.read ?? {};
  const view = page.csv;
  const change = (patch: Partial<CsvReadSettings>) => {
    const next: Record<string, unknown> = { ...read, ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    void rereadWith(next as CsvReadSettings);
  };
  const header = read.header === undefined || read.header === 'auto' ? 'auto' : read.header ? 'yes' : 'no';
  return (
    <fieldset className="data-controls data-read" aria-label="Reading the file" disabled={page.busy}>
      <legend>Reading the file</legend>
      <label>
        Encoding
        <select
          aria-label="Encoding"
          value={read.encoding ?? 'utf-8'}
          onChange={(e) => change({ encoding: e.target.value === 'utf-8' ? undefined : e.target.value })}
        >
          {ENCODINGS.map((e) => (
            <option key={e} value={e}>
              {e === 'utf-8' ? 'UTF-8 (default)' : e}
            </option>
          ))}
        </select>
      </label>
      <label>
        Delimiter
        <select
          aria-label="Delimiter"
          value={read.delimiter ?? ''}
          onChange={(e) => change({ delimiter: e.target.value || undefined })}
        >
          <option value="">
            automatic{view && read.delimiter === undefined ? ` (found ${delimiterName(view.delimiter)})` : ''}
          </option>
          {DELIMITERS.map((d) => (
            <option key={d.name} value={d.value}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Header row
        <select
          aria-label="Header row"
          value={header}
          onChange={(e) => change({ header: e.target.value === 'auto' ? undefined : e.target.value === 'yes' })}
        >
          <option value="auto">
            automatic{view && header === 'auto' ? ` (${view.hasHeader ? 'found one' : 'none found'})` : ''}
          </option>
          <option value="yes">first row is column names</option>
          <option value="no">first row is data</option>
        </select>
      </label>
      <label className="data-check">
        <input
          type="checkbox"
          checked={read.skipBadRows === true}
          onChange={(e) => change({ skipBadRows: e.target.checked || undefined })}
        />
        Skip bad rows
      </label>
    </fieldset>
  );
}
