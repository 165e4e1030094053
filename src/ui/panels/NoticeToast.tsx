import { useEffect } from 'react';
import { appStore, useAppStore } from '../../store/app-store';

/** The last message (a refused connection, a loaded file), dismissed after a few seconds. */
export function NoticeToast() {
  const notice = useAppStore((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => appStore.getState().dismissNotice(), notice.kind === 'error' ? 8000 : 4000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className={`toast toast-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" aria-label="Dismiss" onClick={() => appStore.getState().dismissNotice()}>
        ✕
      </button>
    </div>
  );
}
