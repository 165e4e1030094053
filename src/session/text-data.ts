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

/** Columns typed text (the table itself sets them aside), not the label, not ignored by the user. */
function typedText(facts: TableFacts): string[] {
  const { schema } = facts;
  return schema.columns
    .filter((c) => c.type === 'text' && c.name !== schema.label && (c.present ?? 1) > 0)
    .filter((c) => facts.columns?.[c.name]?.role !== 'ignore')
    .map((c) => c.name);
}

/**
 * The columns "Use as text" offers: those typed text that hold words, and any typed text the
 * user named (a column of single words, such as a built-in's, holds no spaces).
 */
export function textColumns(facts: TableFacts, chosen?: string): string[] {
  return typedText(facts).filter((name) => name === chosen || holdsWords(facts.preview, name));
}

/** "Use as text" starts on when the label is categorical and exactly one column holds free text. */
export function useTextByDefault(facts: TableFacts): boolean {
  const task = facts.schema.task;
  return (task === 'binary' || task === 'multiclass') && textColumns(facts).length === 1;
}

/** True when a column has the text or id role: the table then feeds several Inputs (mixed inputs), not one text model. */
export function feedsOwnInputs(facts: TableFacts): boolean {
  return facts.schema.columns.some((c) => {
    const role = facts.columns?.[c.name]?.role ?? c.role;
    return role === 'text' || role === 'id';
  });
}

/**
 * Whether the table is used as text: the user's choice, else the default; never without a text
 * column and a label, nor once a column has the text or id role (a table with several Inputs).
 */
export function usesText(facts: TableFacts, settings: TextSettings): boolean {
  if (textColumns(facts, settings.textColumn).length === 0 || facts.schema.label === null) return false;
  if (feedsOwnInputs(facts)) return false;

  return settings.useText ?? useTextByDefault(facts);
}

/** The settings the worker prepares the table with (the text column resolved), or null to prepare it as a table. */
export function textChoice(facts: TableFacts, settings: TextSettings): TextSettings | null {
  if (!usesText(facts, settings)) return null;
  const candidates = textColumns(facts, settings.textColumn);
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
