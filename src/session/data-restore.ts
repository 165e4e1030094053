/**
 * Reloads an opened project's data through the Data page's worker, with the settings the project
 * saved: a built-in is fetched again, a stored CSV, text file or ZIP is re-read from IndexedDB. A
 * folder of images cannot be stored, so the user is asked to pick it again.
 */
import type { LoadedProject } from '../store/persistence/snapshot';
import type { AppStore } from '../store/types';
import type { CsvSettings } from '../worker/data-protocol';
import type { DataSession } from './data';

export async function restoreDataset(
  store: AppStore,
  data: DataSession,
  { project, file }: LoadedProject,
): Promise<void> {
  const { buildImages, chooseBuiltin, editSettings, listBuiltins, loadCsvFile, loadTextFile, loadZip, prepareCsv } =
    data;
  const page = () => store.getState().dataPage;
  /** Re-applies the saved column choices when they differ from what the fresh parse inferred. */
  const applyCsvSettings = async (saved: CsvSettings) => {
    if (page().error || JSON.stringify(page().settings) === JSON.stringify(saved)) return;
    await editSettings(saved);
    await prepareCsv();
  };
  const ref = project.dataset;
  if (!ref) return;
  const saved = project.data.csv as CsvSettings;
  const text = project.data.text ?? {};
  if (ref.kind === 'builtin') {
    await listBuiltins();
    const info = page().builtins?.find((b) => b.id === ref.id);
    if (!info) throw new Error(`the built-in dataset “${ref.id}” is not available in this version`);
    await chooseBuiltin(info, { csv: saved, images: project.data.images, text });
    return;
  }
  if (!file) throw new Error(`“${ref.name}” is not stored with this project; load it again on the Data page`);
  if (ref.type === 'text') {
    await loadTextFile(file.blob, file.name, text);
    return;
  }
  if (ref.type === 'text-files') {
    await loadZip(new File([file.blob], file.name), text);
    return;
  }
  if (ref.type === 'csv') {
    // The text settings go in before the first prepare: a table used as text is bound once.
    await loadCsvFile(file.blob, file.name, saved.read, text);
    await applyCsvSettings(saved);
    if (!page().error && !store.getState().dataset) await prepareCsv();
    return;
  }
  await loadZip(new File([file.blob], file.name));
  if (project.data.images && !page().error) await buildImages(project.data.images);
}
