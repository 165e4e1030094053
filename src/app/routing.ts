import { useSyncExternalStore } from 'react';

/** `#/model` → `model`. */
function currentRoute(): string {
  return window.location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** The first segment of the URL hash; hash routing keeps `vite preview` and static hosting simple. */
export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute, () => '');
}

export function hrefFor(pageId: string): string {
  return `#/${pageId}`;
}
