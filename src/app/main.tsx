import './no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { appStore } from '../store/app-store';
import { startAppSession } from '../session/app';
import { projectDb, projectsRuntime } from '../session/projects-app';
import { registerScenarioTemplates } from '../ui/projects/scenario-templates';
import { applyStoredTheme } from '../ui/theme';
import { App } from './App';
import './app.css';

applyStoredTheme();
// Autosave and share links work on every page, so persistence starts with the app.
registerScenarioTemplates();
const projects = projectsRuntime();
// Training, evaluation, export and the pipeline, on the same database as the projects.
startAppSession(projectDb(), () => projects.saveNow());
// Read-only test hook for e2e (never used by the app itself).
if (navigator.webdriver) (window as unknown as { __layerloom: unknown }).__layerloom = appStore;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
