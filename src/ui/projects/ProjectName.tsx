import { useRef, useState } from 'react';
import { projectsRuntime } from '../../session/projects-app';
import { appStore, useAppStore } from '../../store/app-store';
import './project-name.css';

/**
 * The open project's name in the top bar. Click to rename: Enter or leaving the field saves (through
 * the projects runtime, as the Projects page does), Escape keeps the old name.
 */
export function ProjectName() {
  const name = useAppStore((s) => s.projectName);
  const id = useAppStore((s) => s.currentProjectId);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Escape unmounts the field; a blur that follows must not save what was just cancelled.
  const settled = useRef(false);

  const begin = () => {
    settled.current = false;
    setProblem(null);
    setDraft(name);
  };
  const finish = () => {
    settled.current = true;
    setDraft(null);
    setProblem(null);
  };
  /** `leaving`: focus went elsewhere, so a refused name falls back to the old one, with a notice. */
  const commit = async (leaving: boolean) => {
    if (settled.current || draft === null) return;
    if (!id || draft.trim() === name) return finish();
    const refused = await projectsRuntime().rename(id, draft);
    if (!refused) return finish();
    if (!leaving) return setProblem(refused);
    finish();
    appStore.getState().setProjectNotice({ kind: 'info', text: `The project keeps its name: ${refused}` });
  };

  if (!id) return null;
  if (draft === null) {
    return (
      <button
        type="button"
        className="project-title"
        onClick={begin}
        title={`${name}: click to rename`}
        aria-label={`Project: ${name}. Rename`}
      >
        <span className="project-title-text">{name}</span>
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <path d="M10.5 2.5l3 3L6 13H3v-3z" />
        </svg>
      </button>
    );
  }
  return (
    <span className="project-title-edit">
      <input
        // The field appears because the user asked to rename: focus belongs in it.
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        aria-label="Project name"
        aria-invalid={problem !== null}
        aria-describedby={problem ? 'project-title-problem' : undefined}
        value={draft}
        maxLength={240}
        onChange={(e) => {
          setDraft(e.currentTarget.value);
          setProblem(null);
        }}
        onBlur={() => void commit(true)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit(false);
          if (e.key === 'Escape') finish();
        }}
      />
      {problem && (
        <span id="project-title-problem" className="project-title-problem" role="alert">
          {problem}
        </span>
      )}
    </span>
  );
}
