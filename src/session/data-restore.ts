/**
 * Reloads an opened project's data through the Data page's worker, with the settings the project
 * saved: a built-in is fetched again, a stored CSV or image ZIP is re-read from IndexedDB. A
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
  const { buildImages, chooseBuiltin, editSettings, listBuiltins, loadCsvFile, loadZip, prepareCsv } = data;
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
  if (ref.kind === 'builtin') {
    await listBuiltins();
    const info = page().builtins?.find((b) => b.id === ref.id);
    if (!info) throw new Error(`the built-in dataset “${ref.id}” is not available in this version`);
    await chooseBuiltin(info, { csv: saved, images: project.data.images });
    return;
  }
  if (!file) throw new Error(`“${ref.name}” is not stored with this project; load it again on the Data page`);
  if (ref.type === 'csv') {
    await loadCsvFile(file.blob, file.name, saved.read);
    await applyCsvSettings(saved);
    if (!page().error && !store.getState().dataset) await prepareCsv();
    return;
  }
  await loadZip(new File([file.blob], file.name));
  if (project.data.images && !page().error) await buildImages(project.data.images);
}
