import { useEffect } from 'react';
import { exportCurrent } from './commands';
import { appStore, useAppStore } from '../../store/app-store';
import { projectsRuntime } from '../../session/projects-app';

/** Two tabs on one project: say so and offer both ways out. */
function ConflictBanner() {
  const conflict = useAppStore((s) => s.conflict);
  const text = useAppStore((s) => (s.projectNotice?.kind === 'conflict' ? s.projectNotice.text : null));
  if (!conflict) return null;
  return (
    <div className="project-notice project-notice-conflict" role="alert" data-testid="project-conflict">
      <span>{text ?? 'This project was changed in another tab; autosave is paused here.'}</span>
      {conflict.reason === 'newer-revision' && (
        <button type="button" onClick={() => void projectsRuntime().reloadFromOtherTab()}>
          Reload from the other tab
        </button>
      )}
      <button type="button" className="project-primary" onClick={() => void projectsRuntime().saveAsCopy()}>
        Save as a copy
      </button>
    </div>
  );
}

/** Storage full, import refused, and other project messages; quota keeps an export button at hand. */
function NoticeBanner() {
  const notice = useAppStore((s) => s.projectNotice);
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const t = setTimeout(() => appStore.getState().setProjectNotice(null), 5000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice || notice.kind === 'conflict') return null;
  return (
    <div className={`project-notice project-notice-${notice.kind}`} role={notice.kind === 'info' ? 'status' : 'alert'} data-testid="project-notice">
      <span>{notice.text}</span>
      {notice.kind === 'quota' && (
        <button type="button" className="project-primary" onClick={() => void exportCurrent()}>
          Export .layerloom
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={() => appStore.getState().setProjectNotice(null)}>
        ✕
      </button>
    </div>
  );
}

function UndoDeleteToast() {
  const pending = useAppStore((s) => s.pendingDelete);
  if (!pending) return null;
  return (
    <div className="project-undo" role="status" data-testid="project-undo">
      <span>Deleted “{pending.name}”.</span>
      <button type="button" className="project-primary" onClick={() => void projectsRuntime().undoRemove()}>
        Undo
      </button>
    </div>
  );
}

/** Mount once near the app root so these messages show on every page. */
export function ProjectNotices() {
  return (
    <div className="project-notices">
      <ConflictBanner />
      <NoticeBanner />
      <UndoDeleteToast />
    </div>
  );
}

/** "Saved", "Saving…", "Not saved": for the top bar. */
export function SaveIndicator() {
  const status = useAppStore((s) => s.saveStatus.state);
  const label = {
    idle: '',
    pending: 'Unsaved changes',
    saving: 'Saving…',
    saved: 'Saved',
    failed: 'Not saved',
    paused: 'Autosave paused',
  }[status];
  if (!label) return null;
  return (
    <span className={`project-save-state save-${status}`} role="status" aria-live="polite">
      {label}
    </span>
  );
}
