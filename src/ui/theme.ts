import { useCallback, useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'layerloom.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The theme the user picked with the toggle, or null to follow the system. */
function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // storage can be blocked (private mode, sandboxed frames)
  }
}

function systemTheme(): Theme {
  return darkQuery().matches ? 'dark' : 'light';
}

/** <html data-theme> holds the explicit choice at run time; storage only remembers it. */
function effectiveTheme(): Theme {
  const chosen = document.documentElement.dataset.theme;
  return chosen === 'light' || chosen === 'dark' ? chosen : systemTheme();
}

/**
 * Puts the user's explicit choice on <html data-theme>. Without it the CSS follows
 * `prefers-color-scheme` through `color-scheme: light dark` and `light-dark()`.
 */
export function applyStoredTheme(): void {
  const theme = storedTheme();
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const query = darkQuery();
  query.addEventListener('change', listener);
  return () => {
    listeners.delete(listener);
    query.removeEventListener('change', listener);
  };
}

/** The current theme and a toggle that flips it and remembers the choice. */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const theme = useSyncExternalStore(subscribe, effectiveTheme, () => 'light' as const);
  const toggle = useCallback(() => {
    const next: Theme = effectiveTheme() === 'dark' ? 'light' : 'dark';
    // Picking the system's own theme again goes back to following the system.
    const system = systemTheme();
    try {
      if (next === system) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the attribute below still applies for this session
    }
    if (next === system) delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    for (const listener of listeners) listener();
  }, []);
  return { theme, toggle };
}
