import { useState, useSyncExternalStore } from 'react';
import { SCENARIO_TEMPLATES } from '../../pipeline/scenarios';
import { projectTemplates, subscribeProjectTemplates } from '../../store/persistence/templates';
import { useAppStore } from '../../store/app-store';
import { relativeTime } from '../projects/format';
import { isBlankProject } from '../projects/landing';
import { createProject } from '../projects/scenario-templates';
import { openRecentProject, openStartFiles, START_FILE_ACCEPT, startBlankProject } from '../projects/start-commands';
import '../start.css';

const RECENT = 6;
/** Quickest first: a new user's first run should finish in seconds (the CNN on 10,000 photos goes last). */
const QUICKEST_FIRST = [
  'scenario:iris',
  'scenario:digits',
  'scenario:risk-screening',
  'scenario:penguin-mass',
  'scenario:weather-forecast',
  'scenario:transfer-digits',
];
const rank = (id: string) => {
  const i = QUICKEST_FIRST.indexOf(id);
  return i < 0 ? QUICKEST_FIRST.length : i;
};

/** Each ready scenario as a card: one click makes the project (pipeline, data, model) and opens its pipeline. */
function ScenarioCards() {
  // The registered templates are the ones "New project" offers; the start view shows the scenarios among them.
  const registered = useSyncExternalStore(subscribeProjectTemplates, projectTemplates, projectTemplates);
  const ids = new Set(registered.map((t) => t.id));
  const [busy, setBusy] = useState<string | null>(null);
  const scenarios = SCENARIO_TEMPLATES.filter((t) => ids.has(t.id)).sort((a, b) => rank(a.id) - rank(b.id));
  return (
    <ul className="start-scenarios" aria-label="Ready-made projects">
      {scenarios.map((t) => (
        <li key={t.id}>
          <button
            type="button"
            className="start-scenario"
            disabled={busy !== null}
            aria-busy={busy === t.id}
            onClick={() => {
              setBusy(t.id);
              void createProject(t.id).finally(() => setBusy(null));
            }}
          >
            <span className="start-scenario-task">{t.task}</span>
            <b className="start-scenario-title">{t.title}</b>
            <span className="start-scenario-summary">{t.summary}</span>
            <span className="start-scenario-goal">Goal: {t.scenario.requirement}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function RecentProjects() {
  const projects = useAppStore((s) => s.projects);
  const recent = projects.filter((p) => !isBlankProject(p)).slice(0, RECENT);
  if (recent.length === 0)
    return <p className="start-muted">The projects you make are saved in this browser and listed here.</p>;
  return (
    <ul className="start-recent" aria-label="Recent projects">
      {recent.map((p) => (
        <li key={p.id}>
          <button type="button" onClick={() => void openRecentProject(p.id)}>
            <b>{p.name}</b>
            <span className="start-muted">
              {[p.dataset, `${p.layers} layer${p.layers === 1 ? '' : 's'}`, `${p.runs} run${p.runs === 1 ? '' : 's'}`]
                .filter(Boolean)
                .join(' · ')}{' '}
              · {relativeTime(p.updatedAt)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The first screen of a new user: what the app does, and every way in. */
export function StartPage() {
  return (
    <section className="start-page" aria-labelledby="start-title">
      <header className="start-intro">
        <h1 id="start-title">Build, train and ship neural networks in your browser.</h1>
        <p>
          Pick data, draw a model layer by layer, watch it train, then export it for the web or Python. Everything runs
          and stays on this machine.
        </p>
      </header>
      <div className="start-body">
        <section className="start-section" aria-labelledby="start-examples">
          <h2 id="start-examples">Start from a ready example</h2>
          <p className="start-muted">Data, model and pipeline are set up: open one and press “Run pipeline”.</p>
          <ScenarioCards />
        </section>
        <aside className="start-side">
          <section className="start-section" aria-labelledby="start-own">
            <h2 id="start-own">Start your own</h2>
            <div className="start-actions">
              <button type="button" className="start-primary" onClick={() => void startBlankProject()}>
                Blank project
              </button>
              <label className="start-file">
                Open a file…
                <input
                  type="file"
                  accept={START_FILE_ACCEPT}
                  multiple
                  onChange={(e) => {
                    const files = e.currentTarget.files;
                    if (files) void openStartFiles(Array.from(files));
                    e.currentTarget.value = '';
                  }}
                />
              </label>
            </div>
            <p className="start-muted">A .layerloom project, or a TensorFlow.js model.json with its .bin files.</p>
          </section>
          <section className="start-section" aria-labelledby="start-recent">
            <h2 id="start-recent">Recent projects</h2>
            <RecentProjects />
            <a className="start-link" href="#/projects">
              All projects →
            </a>
          </section>
        </aside>
      </div>
    </section>
  );
}
