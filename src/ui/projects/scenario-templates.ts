/**
 * The scenario templates of src/pipeline/scenarios.ts offered under "New project → From a
 * template", and what creating one takes beyond the project file: the pretrained weights of a
 * transfer-learning template, and landing on the Pipeline page, ready to run.
 */
import { fetchPublicFile, loadPretrainedTemplate } from '../../model/pretrained';
import type { LayerWeights } from '../../model/weights';
import { SCENARIO_TEMPLATES, scenarioSeed, scenarioTemplate, type ScenarioTemplate } from '../../pipeline/scenarios';
import { appStore } from '../../store/app-store';
import { registerProjectTemplates, type ProjectTemplate } from '../../store/persistence/templates';
import { projectsRuntime } from '../../session/projects-app';

function asProjectTemplate(t: ScenarioTemplate): ProjectTemplate {
  return {
    id: t.id,
    title: t.title,
    description: t.summary,
    task: t.task,
    projectName: t.title,
    build: () => scenarioSeed(t),
  };
}

/** Call once at app start: the menu then lists the scenarios (the Model page keeps its graph-only gallery). */
export function registerScenarioTemplates(): void {
  registerProjectTemplates(SCENARIO_TEMPLATES.map(asProjectTemplate));
}

const publicBase = () => new URL(import.meta.env.BASE_URL, location.href).href;

/** A model template's pretrained weights, or null after telling the user why they could not be loaded. */
async function loadPretrained(title: string, modelTemplateId: string): Promise<LayerWeights | null> {
  try {
    return (await loadPretrainedTemplate(modelTemplateId, fetchPublicFile(publicBase()))).weights;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    appStore.getState().setProjectNotice({
      kind: 'storage',
      text: `“${title}” was not created: its pretrained weights could not be loaded (${why}). Reload the page and try again.`,
    });
    return null;
  }
}

/**
 * A blank project (null) or one from a template. A scenario's pretrained weights are fetched
 * before the project exists, so a failed download leaves nothing half made; once created, the
 * project opens on the Pipeline page.
 */
export async function createProject(templateId: string | null): Promise<boolean> {
  const scenario = templateId === null ? undefined : scenarioTemplate(templateId);
  let weights: LayerWeights | null = null;
  if (scenario?.pretrained) {
    weights = await loadPretrained(scenario.title, scenario.pretrained);
    if (!weights) return false;
  }
  const created = await projectsRuntime().create(templateId);
  if (!created) return false;
  // Training and Evaluate start from these; autosave stores them with the project.
  if (weights) appStore.getState().setInitialWeights(weights, 'the pretrained backbone');
  if (scenario) window.location.hash = '#/pipeline';
  return true;
}
