import { useEffect } from 'react';
import { appStore, useAppStore } from '../../store/app-store';
import { useCloseOnLeave } from './use-close-on-leave';

const dismiss = () => appStore.getState().dismissNotice();

/** The last message (a refused connection, a loaded file): closes after a few seconds, on navigation or when another project opens. */
export function NoticeToast() {
  const notice = useAppStore((s) => s.notice);
  useCloseOnLeave(dismiss);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(dismiss, notice.kind === 'error' ? 8000 : 4000);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice) return null;
  return (
    <div className={`toast toast-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      <button type="button" aria-label="Dismiss" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}
