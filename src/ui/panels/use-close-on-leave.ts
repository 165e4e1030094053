import { useEffect, useRef } from 'react';
import { appStore } from '../../store/app-store';

/**
 * Closes a toast when what it was about is gone: the user went to another page (a hash change)
 * or another project opened. A message about the last page or project only confuses on the next.
 */
export function useCloseOnLeave(close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  }, [close]);
  useEffect(() => {
    const onHash = () => latest.current();
    window.addEventListener('hashchange', onHash);
    let project = appStore.getState().currentProjectId;
    const unsubscribe = appStore.subscribe((s) => {
      if (s.currentProjectId === project) return;
      project = s.currentProjectId;
      latest.current();
    });
    return () => {
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
    };
  }, []);
}
