/**
 * What "New project" can start from. Scenario templates (a pipeline, a dataset and a model
 * together) register here; until then the model templates of src/model/templates.ts are offered
 * as graph-only starting points.
 */
import type { Graph } from '../../model/graph';
import type {
  GanSettings,
  ProjectDataSettings,
  ProjectDatasetRef,
  ProjectTrainSettings,
} from '../../model/project-schema';
import { templateGraph, templates as modelTemplates } from '../../model/templates';

/** The content a template starts a project with; anything left out is as in a blank project. */
export interface ProjectSeed {
  readonly graph: Graph;
  readonly pipeline?: Readonly<Record<string, unknown>> | null;
  readonly dataset?: ProjectDatasetRef | null;
  readonly data?: ProjectDataSettings;
  readonly train?: Partial<ProjectTrainSettings>;
  /** A GAN project's two networks (`graph` is then the generator) and its settings. */
  readonly gan?: {
    readonly generator: Graph;
    readonly discriminator: Graph;
    readonly settings?: Partial<GanSettings>;
  };
}

export interface ProjectTemplate {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** A short tag for the card, e.g. "Tabular · binary". */
  readonly task: string;
  /** The name a new project from it gets. */
  readonly projectName?: string;
  build(): ProjectSeed;
}

const fromModelTemplates: readonly ProjectTemplate[] = modelTemplates.map((t) => ({
  id: `model:${t.id}`,
  title: t.title,
  description: t.description,
  task: t.task,
  build: () => ({ graph: templateGraph(t.id) }),
}));

let registry: readonly ProjectTemplate[] = fromModelTemplates;
const listeners = new Set<() => void>();

/** Replaces the offered templates (e.g. with the scenario templates); `keepModelTemplates` appends the graph-only ones. */
export function registerProjectTemplates(list: readonly ProjectTemplate[], { keepModelTemplates = false } = {}): void {
  const ids = new Set<string>();
  for (const t of list) {
    if (ids.has(t.id)) throw new Error(`Two project templates have the id "${t.id}"`);
    ids.add(t.id);
  }
  registry = keepModelTemplates ? [...list, ...fromModelTemplates.filter((t) => !ids.has(t.id))] : [...list];
  for (const l of listeners) l();
}

export function projectTemplates(): readonly ProjectTemplate[] {
  return registry;
}

/** For useSyncExternalStore in the UI. */
export function subscribeProjectTemplates(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
