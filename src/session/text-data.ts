/**
 * When a CSV is prepared as text, and from which column: the Data page's "Use as text" rule in one
 * place, for the session (what the worker is asked to prepare) and the page (what it shows).
 */
import type { TabularSchema } from '../data/columns';
import type { TextSettings } from '../worker/data-protocol';

type Schema = Pick<TabularSchema, 'columns' | 'label' | 'task'>;

/** Feature columns holding free text. */
export function textColumns(schema: Schema): string[] {
  return schema.columns
    .filter((c) => c.role === 'feature' && c.type === 'text' && c.name !== schema.label)
    .map((c) => c.name);
}

/** "Use as text" starts on when the label is categorical and exactly one feature column holds text. */
export function useTextByDefault(schema: Schema): boolean {
  return (schema.task === 'binary' || schema.task === 'multiclass') && textColumns(schema).length === 1;
}

/** Whether the table is used as text: the user's choice, else the default; never without a text column and a label. */
export function usesText(schema: Schema, settings: TextSettings): boolean {
  if (textColumns(schema).length === 0 || schema.label === null) return false;
  return settings.useText ?? useTextByDefault(schema);
}

/** The settings the worker prepares the table with (the text column resolved), or null to prepare it as a table. */
export function textChoice(schema: Schema, settings: TextSettings): TextSettings | null {
  if (!usesText(schema, settings)) return null;
  const candidates = textColumns(schema);
  const textColumn =
    settings.textColumn && candidates.includes(settings.textColumn) ? settings.textColumn : candidates[0]!;
  return { ...settings, textColumn };
}

/** Feature columns a text model leaves out (mixed text and numeric inputs are not built yet). */
export function leftOutOfText(schema: Schema, textColumn: string): string[] {
  return schema.columns
    .filter((c) => c.role === 'feature' && c.name !== textColumn && c.name !== schema.label)
    .map((c) => c.name);
}
