import { ProjectNotices, SaveIndicator } from '../ui/projects/ProjectNotices';
import { ProjectName } from '../ui/projects/ProjectName';
import { START_PAGE_ID } from '../ui/projects/landing';
import { useTheme } from '../ui/theme';
import { PageErrorBoundary } from './PageErrorBoundary';
import { DEFAULT_PAGE_ID, PAGES } from './pages';
import { hrefFor, useLandingRoute } from './routing';

function Logo() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" />
      <g className="brand-mark-lines">
        <path d="M8 10h16" opacity=".55" />
        <path d="M8 16h16" opacity=".8" />
        <path d="M8 22h16" />
      </g>
      <g className="brand-mark-dots">
        <circle cx="11" cy="10" r="2.2" />
        <circle cx="21" cy="16" r="2.2" />
        <circle cx="14" cy="22" r="2.2" />
      </g>
    </svg>
  );
}

function ThemeToggle() {
  const { theme, toggle } = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="icon-button"
      onClick={toggle}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      {theme === 'dark' ? (
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="4.5" />
          <path d="M12 2v2.5M12 19.5V22M2 12h2.5M19.5 12H22M4.9 4.9l1.8 1.8M17.3 17.3l1.8 1.8M4.9 19.1l1.8-1.8M17.3 6.7l1.8-1.8" />
        </svg>
      ) : (
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5Z" />
        </svg>
      )}
    </button>
  );
}

export function App() {
  // null: no page in the URL and the projects are still loading, so where to land is not known yet.
  const route = useLandingRoute(DEFAULT_PAGE_ID);
  // An unknown hash shows the default page rather than nothing.
  const page = route === null ? null : (PAGES.find((p) => p.id === route) ?? PAGES.find((p) => p.id === DEFAULT_PAGE_ID) ?? PAGES[0]!);

  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={hrefFor(START_PAGE_ID)} title="Start: examples, new project, recent projects">
          <Logo />
          <span className="brand-name">Layerloom</span>
        </a>
        <ProjectName />
        <nav className="tabs" aria-label="Pages">
          {PAGES.filter((p) => p.tab !== false).map((p) => (
            <a key={p.id} className="tab" href={hrefFor(p.id)} aria-current={p === page ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
        <div className="topbar-actions">
          <SaveIndicator />
          <ThemeToggle />
        </div>
      </header>
      <ProjectNotices />
      <main className="page" id="main">
        {page && (
          <PageErrorBoundary pageId={page.id}>
            <page.component />
          </PageErrorBoundary>
        )}
      </main>
    </div>
  );
}
