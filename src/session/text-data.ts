/**
 * When a CSV is prepared as text, and from which column: the Data page's "Use as text" rule in one
 * place, for the session (what the worker is asked to prepare) and the page (what it shows).
 */
import type { TabularSchema } from '../data/columns';
import type { CsvSettings, CsvView, TextSettings } from '../worker/data-protocol';

/** What the rule reads of a table: its schema, the user's column choices and the preview rows. */
export interface TableFacts {
  readonly schema: Pick<TabularSchema, 'columns' | 'label' | 'task'>;
  readonly columns?: CsvSettings['columns'];
  readonly preview?: Pick<CsvView, 'header' | 'rows'> | null;
}

/** Words, not codes: at least half the preview's non-empty cells hold a space (an id column of "A-0017" does not). */
function holdsWords(preview: TableFacts['preview'], name: string): boolean {
  const at = preview?.header.indexOf(name) ?? -1;
  if (!preview || at < 0) return true;
  let cells = 0;
  let words = 0;
  for (const row of preview.rows) {
    const cell = (row[at] ?? '').trim();
    if (cell === '') continue;
    cells++;
    if (/\s/.test(cell)) words++;
  }
  return cells === 0 || words * 2 >= cells;
}

/**
 * Columns of free text: typed text (the table itself sets them aside), not the label, not ignored
 * by the user, and holding words.
 */
export function textColumns(facts: TableFacts): string[] {
  const { schema } = facts;
  return schema.columns
    .filter((c) => c.type === 'text' && c.name !== schema.label && (c.present ?? 1) > 0)
    .filter((c) => facts.columns?.[c.name]?.role !== 'ignore' && holdsWords(facts.preview, c.name))
    .map((c) => c.name);
}

/** "Use as text" starts on when the label is categorical and exactly one column holds free text. */
export function useTextByDefault(facts: TableFacts): boolean {
  const task = facts.schema.task;
  return (task === 'binary' || task === 'multiclass') && textColumns(facts).length === 1;
}

/** Whether the table is used as text: the user's choice, else the default; never without a text column and a label. */
export function usesText(facts: TableFacts, settings: TextSettings): boolean {
  if (textColumns(facts).length === 0 || facts.schema.label === null) return false;
  return settings.useText ?? useTextByDefault(facts);
}

/** The settings the worker prepares the table with (the text column resolved), or null to prepare it as a table. */
export function textChoice(facts: TableFacts, settings: TextSettings): TextSettings | null {
  if (!usesText(facts, settings)) return null;
  const candidates = textColumns(facts);
  const textColumn =
    settings.textColumn && candidates.includes(settings.textColumn) ? settings.textColumn : candidates[0]!;
  return { ...settings, textColumn };
}

/** Feature columns a text model leaves out (mixed text and numeric inputs are not built yet). */
export function leftOutOfText(facts: TableFacts, textColumn: string): string[] {
  const { schema } = facts;
  return schema.columns
    .filter((c) => c.role === 'feature' && c.name !== textColumn && c.name !== schema.label)
    .map((c) => c.name);
}
