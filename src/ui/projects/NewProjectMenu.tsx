import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { projectTemplates, subscribeProjectTemplates } from '../../store/persistence/templates';
import { createProject } from './scenario-templates';

/** "New project": blank, or from one of the registered templates. */
export function NewProjectMenu() {
  const templates = useSyncExternalStore(subscribeProjectTemplates, projectTemplates, projectTemplates);
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !menu.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  const create = (templateId: string | null) => {
    setOpen(false);
    void createProject(templateId);
  };
  return (
    <div className="project-new" ref={menu}>
      <button type="button" className="project-primary" onClick={() => create(null)}>
        New blank project
      </button>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} disabled={templates.length === 0}>
        From a template ▾
      </button>
      {open && (
        <ul className="project-template-menu" role="menu">
          {templates.map((t) => (
            <li key={t.id} role="none">
              <button type="button" role="menuitem" onClick={() => create(t.id)}>
                <b>{t.title}</b>
                <span className="project-template-task">{t.task}</span>
                <span className="project-muted">{t.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
