/**
 * The Data page's CSV choices as a project keeps them. The choices name columns by their headers,
 * which come from the user's file; a choice the project file cannot hold (a header longer than
 * MAX_COLUMN_NAME_CHARS, one named like an Object internal, a value out of bounds) is left out of
 * the save rather than making every save of the project fail. Such a column then starts from its
 * detected settings after a reload.
 */
import { columnSettingsSchema, csvSettingsSchema, MAX_COLUMN_NAME_CHARS, MAX_COLUMNS, type Project } from '../../model/project-schema';
import { quoteText } from '../../model/quote';
import type { CsvSettings } from '../../worker/data-protocol';

type ProjectCsv = Project['data']['csv'];

/** Keys that would make the saved project unreadable as a plain object key. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface CsvForProject {
  readonly csv: ProjectCsv;
  /** What was left out, each naming the column or setting; empty when everything fits. */
  readonly leftOut: readonly string[];
}

function keptColumns(settings: CsvSettings, leftOut: string[]): ProjectCsv['columns'] {
  const columns: Record<string, ProjectCsv['columns'][string]> = {};
  let kept = 0;
  for (const [name, choice] of Object.entries(settings.columns)) {
    const where = `column '${quoteText(name)}'`;
    if (FORBIDDEN_KEYS.has(name)) continue; // silently, as before: such a name is not a header anyone chose
    if (name.length > MAX_COLUMN_NAME_CHARS) {
      leftOut.push(`${where}: its name has ${name.length.toLocaleString('en-US')} characters, more than the ${MAX_COLUMN_NAME_CHARS.toLocaleString('en-US')} a project keeps`);
      continue;
    }
    if (kept >= MAX_COLUMNS) {
      leftOut.push(`${where}: a project keeps settings for at most ${MAX_COLUMNS.toLocaleString('en-US')} columns`);
      continue;
    }
    const checked = columnSettingsSchema.safeParse(choice);
    if (!checked.success) {
      leftOut.push(`${where}: its settings are out of bounds`);
      continue;
    }
    columns[name] = checked.data;
    kept++;
  }
  return columns;
}

/** The settings as a project file holds them, and a list of what it could not hold. */
export function csvForProject(settings: CsvSettings): CsvForProject {
  const leftOut: string[] = [];
  const shape = csvSettingsSchema.shape;
  const out: Record<string, unknown> = { columns: keptColumns(settings, leftOut) };
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    if (key === 'columns' || settings[key] === undefined) continue;
    const checked = shape[key].safeParse(settings[key]);
    if (checked.success) out[key] = checked.data;
    else leftOut.push(key === 'label' ? `the label column '${quoteText(String(settings.label))}'` : `the ${key} setting`);
  }
  return { csv: out as ProjectCsv, leftOut };
}

/** A sentence for a notice when `csvForProject` left something out, else null. */
export function csvLeftOutNotice(leftOut: readonly string[]): string | null {
  if (leftOut.length === 0) return null;
  const listed = leftOut.slice(0, 3).join('; ');
  const more = leftOut.length > 3 ? `; and ${leftOut.length - 3} more` : '';
  return `Some Data page choices are not saved with the project (${listed}${more}); they are kept while this tab stays open.`;
}
