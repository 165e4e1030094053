/**
 * What a problem's `fix` does on the Data page: each advice in a message ("read it with the
 * windows-1252 encoding", "skip bad rows", "set the task to regression") becomes a button that
 * changes that setting, the same one the reading settings and column cards show.
 */
import type { DataFix } from '../../data/errors';
import type { NumberFormat } from '../../data/csv/formats';
import { NUMBER_FORMAT_EXAMPLES } from '../../data/csv/formats';
import type { Task } from '../../data/types';
import { appStore } from '../../store/app-store';
import type { CsvSettings } from '../../worker/data-protocol';
import { editAndApply as editWith, rereadWith } from './apply';

export interface FixAction {
  readonly label: string;
  run(): Promise<void>;
}

const settings = () => appStore.getState().dataPage.settings;

function withNumberFormat(s: CsvSettings, column: string, numberFormat: NumberFormat): CsvSettings {
  return { ...s, columns: { ...s.columns, [column]: { ...s.columns[column], numberFormat } } };
}

export function fixActions(fix: DataFix | undefined): FixAction[] {
  if (!fix) return [];
  const read = () => settings().read ?? {};
  switch (fix.control) {
    case 'encoding':
      return fix.value
        ? [{ label: `Read as ${fix.value}`, run: () => rereadWith({ ...read(), encoding: fix.value }) }]
        : [];
    case 'header':
      return fix.value === 'no'
        ? [{ label: 'Read the first row as data', run: () => rereadWith({ ...read(), header: false }) }]
        : [];
    case 'skip-bad-rows':
      return [{ label: 'Skip bad rows', run: () => rereadWith({ ...read(), skipBadRows: true }) }];
    case 'task': {
      const task = fix.value as Task | undefined;
      return task ? [{ label: `Set the task to ${task}`, run: () => editWith({ ...settings(), task }) }] : [];
    }
    case 'number-format': {
      const column = fix.column;
      if (column === undefined) return [];
      const formats: NumberFormat[] = fix.value ? [fix.value as NumberFormat] : ['thousands', 'decimal-comma'];
      return formats.map((f) => ({
        label: `Read ${column} as ${NUMBER_FORMAT_EXAMPLES[f]}`,
        run: () => editWith(withNumberFormat(settings(), column, f)),
      }));
    }
    case 'delimiter':
      return [];
  }
}
