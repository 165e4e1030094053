import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { projectsRuntime } from '../../session/projects-app';
import { isRestoringData } from './data-loading';

/** False until the app has opened its project and read back the project's data (projects' `ready`). */
function useProjectOpened(): boolean {
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    let live = true;
    void projectsRuntime().ready.finally(() => live && setOpened(true));
    return () => {
      live = false;
    };
  }, []);
  return opened;
}

/** While the project opens, or its data is read back: a loading line rather than "no dataset yet". */
export function useDataLoading(): boolean {
  const opened = useProjectOpened();
  const restoring = useAppStore(isRestoringData);
  const hasData = useAppStore((s) => s.dataset !== null);
  return !hasData && (!opened || restoring);
}

/** "Loading the project's data…" with the data worker's progress, in place of "no dataset yet". */
export function DataLoading() {
  const progress = useAppStore((s) => s.dataPage.progress);
  const name = useAppStore((s) => s.dataPage.fileName);
  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <div className="train-loading" role="status">
      <span className="train-spinner" aria-hidden="true" />
      <span>
        Loading the project's data{name ? ` (${name})` : ''}…{progress ? ` ${progress.phase}` : ''}
      </span>
      <progress aria-label="Data loading progress" max={1} value={fraction} />
    </div>
  );
}
