/**
 * The one rule for tables: what the page shows is what training uses. A table with a label is
 * prepared as soon as it is read and again after every change, as a reload would prepare it.
 */
import { appStore } from '../../store/app-store';
import { appSession } from '../../session/app';
import type { CsvReadSettings, CsvSettings } from '../../worker/data-protocol';

export async function applyTable(): Promise<void> {
  const page = appStore.getState().dataPage;
  if (page.error || !page.csv || (page.schema?.schema.label ?? null) === null) return;
  await appSession().data.prepareCsv();
}

/** A change of column or task settings, then the table prepared again. */
export async function editAndApply(next: CsvSettings): Promise<void> {
  await appSession().data.editSettings(next);
  await applyTable();
}

/** The file read again with `read`, then the table prepared again. */
export async function rereadWith(read: CsvReadSettings): Promise<void> {
  await appSession().data.reread(read);
  await applyTable();
}
