import type { AppState } from '../../store/types';

export type Restoring = Pick<AppState, 'dataset' | 'datasetRef' | 'datasetFile' | 'dataPage' | 'imageSettings' | 'projectNotice'>;

/**
 * True while the open project's data is still being read back (after opening a project): the
 * project names a dataset, none is ready, and nothing says it cannot come. The restore runs
 * several worker tasks in turn, so `busy` alone would flicker between them.
 */
export function isRestoringData(s: Restoring): boolean {
  const ref = s.datasetRef;
  const page = s.dataPage;
  if (s.dataset || !ref || page.error || s.projectNotice?.kind === 'storage') return false;
  if (page.busy) return true;
  // A folder is not stored with the project, nor is a file the storage refused: the user picks it again.
  if (ref.kind === 'file' && !s.datasetFile) return false;
  // Scanned images are built only when the project saved a size for them.
  if (page.images) return s.imageSettings !== null;
  // A table with a label is prepared straight away.
  if (page.csv) return (page.schema?.schema.label ?? null) !== null;
  return true;
}
