/**
 * Test support (never imported by app code): the cross-format parity table of issue 15. One row
 * per model (every template and every repo fixture model), one cell per export format: the
 * largest |exported − app| over every output on every input set, or why the format refused it.
 */

export const PARITY_FORMATS = ['tfjs', 'onnx', 'pytorch'] as const;
export type ParityFormat = (typeof PARITY_FORMATS)[number];

export type ParityCell =
  | { readonly kind: 'diff'; readonly maxAbsDiff: number }
  /** The exporter (or the app's importer) declined the model with this reason. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Something broke that is not a declared refusal (a crash in export, load or predict). */
  | { readonly kind: 'error'; readonly message: string };

export interface ParityRow {
  readonly model: string;
  /** The input sets: 'random', or 'random + fashion-mnist (8 test rows)'. */
  readonly inputs: string;
  /** Largest |value| the app predicts: a tiny one would make every difference look small. */
  readonly scale: number;
  readonly cells: Readonly<Record<ParityFormat, ParityCell>>;
  /** What the app's side of the comparison is when it is not the plain compiled graph. */
  readonly note?: string;
}

/** One expected refusal: the model, the format and a pattern its reason must match. */
export interface ExpectedRefusal {
  readonly model: string;
  readonly format: ParityFormat;
  readonly reason: RegExp;
}

const cellText = (cell: ParityCell): string => {
  if (cell.kind === 'diff') return Number.isFinite(cell.maxAbsDiff) ? cell.maxAbsDiff.toExponential(2) : 'mismatch';
  const text = cell.kind === 'refused' ? `refused: ${cell.reason}` : `ERROR: ${cell.message}`;
  const oneLine = text.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return oneLine.length > 110 ? `${oneLine.slice(0, 107)}...` : oneLine;
};

/** The table as Markdown: model × {tfjs, onnx, pytorch} → max abs diff (or the refusal). */
export function formatParityTable(rows: readonly ParityRow[], tolerance: number): string {
  const header = ['model', 'inputs', 'max abs output', ...PARITY_FORMATS.map((f) => `${f} max abs diff`)];
  const lines = rows.map((r) => {
    const cells = PARITY_FORMATS.map((f) => cellText(r.cells[f]));
    const model = r.note ? `${r.model} (${r.note})` : r.model;
    return `| ${[model, r.inputs, r.scale.toFixed(3), ...cells].join(' | ')} |`;
  });
  return [
    `Cross-format parity (tolerance ${tolerance}): max |exported − app's tfjs prediction| over every output`,
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...lines,
  ].join('\n');
}

/** Every cell that is neither a refusal nor within the tolerance, as 'model × format: what'. */
export function parityFailures(rows: readonly ParityRow[], tolerance: number): string[] {
  return rows.flatMap((r) =>
    PARITY_FORMATS.flatMap((f) => {
      const cell = r.cells[f];
      if (cell.kind === 'refused') return [];
      if (cell.kind === 'error') return [`${r.model} × ${f}: ${cell.message}`];
      // Written so that NaN fails too.
      return cell.maxAbsDiff <= tolerance ? [] : [`${r.model} × ${f}: max abs diff ${cell.maxAbsDiff}`];
    }),
  );
}

/**
 * Compares the refusals in the table with the expected list: returns one line per refusal that
 * is not expected (or whose reason does not match) and per expected refusal that did not happen.
 */
export function unexpectedRefusals(rows: readonly ParityRow[], expected: readonly ExpectedRefusal[]): string[] {
  const problems: string[] = [];
  const seen = new Set<ExpectedRefusal>();
  for (const r of rows) {
    for (const f of PARITY_FORMATS) {
      const cell = r.cells[f];
      if (cell.kind !== 'refused') continue;
      const match = expected.find((e) => e.model === r.model && e.format === f);
      if (!match) problems.push(`unexpected refusal ${r.model} × ${f}: ${cell.reason}`);
      else if (!match.reason.test(cell.reason))
        problems.push(`${r.model} × ${f} refused for another reason: ${cell.reason}`);
      if (match) seen.add(match);
    }
  }
  for (const e of expected)
    if (!seen.has(e)) problems.push(`expected refusal did not happen: ${e.model} × ${e.format}`);
  return problems;
}
