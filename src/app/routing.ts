import { useEffect, useSyncExternalStore } from 'react';
import { projectsRuntime } from '../session/projects-app';
import { appStore } from '../store/app-store';
import { landingPage } from '../ui/projects/landing';

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

/**
 * The route, and for a URL with no page the landing page (src/ui/projects/landing.ts), written into
 * the URL once the projects have loaded so Back and reload stay there. null until then.
 */
export function useLandingRoute(returningPage: string): string | null {
  const route = useRoute();
  useEffect(() => {
    if (route !== '') return;
    let live = true;
    void projectsRuntime().ready.then(() => {
      if (!live || currentRoute() !== '') return;
      const target = landingPage(appStore.getState().projects, returningPage);
      // replace: the bare URL leaves no history entry of its own.
      window.location.replace(`${window.location.pathname}${window.location.search}${hrefFor(target)}`);
    });
    return () => {
      live = false;
    };
  }, [route, returningPage]);
  return route === '' ? null : route;
}
