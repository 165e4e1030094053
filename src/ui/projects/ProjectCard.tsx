import { useEffect, useRef, useState } from 'react';
import type { ProjectSummary } from '../../store/projects-slice';
import { formatBytes } from '../../store/persistence/bundle';
import { compactCount, relativeTime } from './format';
import { projectDb } from '../../session/projects-app';

export interface CardCommands {
  open(id: string): void;
  rename(id: string, name: string): Promise<string | null>;
  duplicate(id: string): void;
  remove(id: string): void;
  exportFile(id: string): void;
  copyLink(id: string): void;
}

interface Props {
  readonly project: ProjectSummary;
  readonly isOpen: boolean;
  readonly commands: CardCommands;
}

function NameEditor({ project, commands, onDone }: { project: ProjectSummary; commands: CardCommands; onDone(): void }) {
  const [draft, setDraft] = useState(project.name);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  const commit = async () => {
    if (draft.trim() === project.name) return onDone();
    const refused = await commands.rename(project.id, draft);
    if (refused) setProblem(refused);
    else onDone();
  };
  return (
    <div className="project-rename">
      <input
        ref={input}
        aria-label={`New name for ${project.name}`}
        aria-invalid={problem !== null}
        value={draft}
        maxLength={240}
        onChange={(e) => {
          setDraft(e.currentTarget.value);
          setProblem(null);
        }}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void commit();
          if (e.key === 'Escape') onDone();
        }}
      />
      {problem && (
        <span className="project-field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

/** Bytes the project takes in this browser (record, every run's weights and checkpoints, data file). */
function useStorageUsage(id: string, updatedAt: string): number | null {
  const [bytes, setBytes] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    projectDb()
      .usage(id)
      .then((n) => live && setBytes(n), () => live && setBytes(null));
    return () => {
      live = false;
    };
  }, [id, updatedAt]);
  return bytes;
}

/** One project: what it holds at a glance, and what can be done with it. */
export function ProjectCard({ project, isOpen, commands }: Props) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const model = `${project.layers} layer${project.layers === 1 ? '' : 's'} · ${compactCount(project.params)} params`;
  const runs = project.runs === 0 ? 'none yet' : `${project.runs}${project.hasWeights ? ' · trained' : ''}`;
  const storage = useStorageUsage(project.id, project.updatedAt);
  return (
    <li className={`project-card${isOpen ? ' is-open' : ''}`} aria-current={isOpen ? 'true' : undefined} data-testid="project-card">
      <div className="project-card-head">
        {renaming ? (
          <NameEditor project={project} commands={commands} onDone={() => setRenaming(false)} />
        ) : (
          <button type="button" className="project-name" title="Open" onClick={() => commands.open(project.id)}>
            {project.name}
          </button>
        )}
        {isOpen && <span className="project-badge">Open</span>}
      </div>
      <dl className="project-meta">
        <div>
          <dt>Updated</dt>
          <dd title={project.updatedAt}>{relativeTime(project.updatedAt)}</dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd>{project.dataset ?? 'not chosen'}</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>{model}</dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd>{runs}</dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd data-testid="project-storage">{storage === null ? '…' : formatBytes(storage)}</dd>
        </div>
      </dl>
      {confirming ? (
        <div className="project-confirm" role="alertdialog" aria-label={`Delete ${project.name}?`}>
          <span>Delete “{project.name}”? You can undo for a few seconds.</span>
          <button type="button" className="project-danger" onClick={() => commands.remove(project.id)}>
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : (
        <div className="project-actions">
          {!isOpen && (
            <button type="button" className="project-primary" onClick={() => commands.open(project.id)}>
              Open
            </button>
          )}
          <button type="button" onClick={() => setRenaming(true)} aria-label={`Rename ${project.name}`}>
            Rename
          </button>
          <button type="button" onClick={() => commands.duplicate(project.id)} aria-label={`Duplicate ${project.name}`}>
            Duplicate
          </button>
          <button type="button" onClick={() => commands.exportFile(project.id)} aria-label={`Export ${project.name}`}>
            Export
          </button>
          <button type="button" onClick={() => commands.copyLink(project.id)} aria-label={`Copy share link of ${project.name}`}>
            Copy link
          </button>
          <button type="button" className="project-danger" onClick={() => setConfirming(true)} aria-label={`Delete ${project.name}`}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
