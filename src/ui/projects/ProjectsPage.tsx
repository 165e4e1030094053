import { useState, type DragEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { BUNDLE_EXTENSION } from '../../store/persistence/bundle';
import '../projects.css';
import { copyShareLink, exportAndDownload } from './commands';
import { NewProjectMenu } from './NewProjectMenu';
import { ProjectCard, type CardCommands } from './ProjectCard';
import { importProjectFiles } from './start-commands';
import { projectsRuntime } from '../../session/projects-app';
import { useAppStore } from '../../store/app-store';

const ACCEPT = `${BUNDLE_EXTENSION},.json,application/zip,application/json`;

const importFiles = (files: FileList | readonly File[]) => importProjectFiles(Array.from(files));

/** Every project stored in this browser: open, rename, duplicate, delete, export, import, share. */
export function ProjectsPage() {
  const projects = useAppStore((s) => s.projects);
  const { currentId, saveState } = useAppStore(useShallow((s) => ({ currentId: s.currentProjectId, saveState: s.saveStatus.state })));
  const [includeDataset, setIncludeDataset] = useState(false);
  const [dragging, setDragging] = useState(false);

  const commands: CardCommands = {
    open: (id) => void projectsRuntime().open(id),
    rename: (id, name) => projectsRuntime().rename(id, name),
    duplicate: (id) => void projectsRuntime().duplicate(id),
    remove: (id) => void projectsRuntime().remove(id),
    exportFile: (id) => void exportAndDownload(id, includeDataset),
    copyLink: (id) => void copyShareLink(id),
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) void importFiles(e.dataTransfer.files);
  };

  return (
    <section
      aria-label="Projects"
      className={`projects-page${dragging ? ' is-dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="projects-head">
        <h2>Projects</h2>
        <p className="project-muted">
          Saved in this browser as you work{saveState === 'failed' ? ' (the last save failed; see the message above)' : ''}. Export a
          project to move it to another machine.
        </p>
        <div className="projects-toolbar">
          <NewProjectMenu />
          <label className="project-file-button">
            Import…
            <input
              type="file"
              accept={ACCEPT}
              multiple
              onChange={(e) => {
                const files = e.currentTarget.files;
                if (files) void importFiles(Array.from(files));
                e.currentTarget.value = '';
              }}
            />
          </label>
          <label className="project-check">
            <input type="checkbox" checked={includeDataset} onChange={(e) => setIncludeDataset(e.currentTarget.checked)} />
            Include the dataset file in exports
          </label>
        </div>
      </header>
      <p className="projects-drop-hint" aria-hidden={!dragging}>
        Drop a {BUNDLE_EXTENSION} or project .json file to import it
      </p>
      {projects.length === 0 ? (
        <p className="project-muted">No projects yet.</p>
      ) : (
        <ul className="project-grid" aria-label="Projects">
          {projects.map((p) => (
            <ProjectCard key={p.id} project={p} isOpen={p.id === currentId} commands={commands} />
          ))}
        </ul>
      )}
    </section>
  );
}
