import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What a project is made of, read through the read-only `window.__layerloom` hook as plain JSON,
 * so two states compare with one `toEqual` and a difference shows which part moved.
 */
export interface ProjectState {
  readonly name: string;
  readonly graph: unknown;
  readonly pipeline: unknown;
  readonly runs: unknown;
  /** Layer → [weight name, shape, values], layers sorted by name. */
  readonly weights: unknown;
}

export function projectState(page: Page): Promise<ProjectState> {
  return page.evaluate(() => {
    type Weights = Record<string, { name: string; shape: number[]; values: Float32Array }[]> | null;
    const hook = (window as unknown as { __layerloom?: { getState(): Record<string, unknown> } }).__layerloom;
    if (!hook) throw new Error('window.__layerloom is missing: the app exposes it only under webdriver');
    const s = hook.getState();
    const plain = (w: Weights) =>
      Object.entries(w ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([layer, list]) => [layer, list.map((x) => [x.name, x.shape, Array.from(x.values)])]);
    // Every run's weights, by run name (ids are new after an import), and the model's own.
    const runs = s.runs as { id: string; name: string }[];
    const byRun = s.runWeights as Record<string, Weights>;
    const weights = { runs: runs.map((r) => [r.name, plain(byRun[r.id] ?? null)]), opened: plain(s.initialWeights as Weights) };
    // Through JSON so typed arrays, undefined and NaN compare the way a saved file would hold them.
    return JSON.parse(
      JSON.stringify({ name: s.projectName, graph: s.graph, pipeline: s.pipeline, runs: s.runs, weights }),
    ) as ProjectState;
  });
}

/** The open project's name, as the top bar and the Projects page show it. */
export function openProjectName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __layerloom: { getState(): { projectName: string } } }).__layerloom;
    return hook.getState().projectName;
  });
}

/** Graph nodes by name, for the Model page checks. */
export function nodeNames(state: ProjectState): string[] {
  return (state.graph as { nodes: { name: string }[] }).nodes.map((n) => n.name);
}

/** Stage names of the pipeline. */
export function stageNames(state: ProjectState): string[] {
  return (state.pipeline as { stages: { name: string }[] }).stages.map((s) => s.name);
}

/** Page object for #/projects: every method is a click or a typed name. */
export class ProjectsPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('link', { name: 'Projects', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: 'Projects', exact: true })).toBeVisible();
  }

  card(name: string): Locator {
    return this.page.getByTestId('project-card').filter({ has: this.page.getByRole('button', { name, exact: true }) });
  }

  async rename(from: string, to: string) {
    await this.page.getByRole('button', { name: `Rename ${from}`, exact: true }).click();
    const field = this.page.getByLabel(`New name for ${from}`, { exact: true });
    await field.fill(to);
    await field.press('Enter');
    await expect(this.card(to)).toBeVisible();
  }

  /** Clicks Export and saves the downloaded file at `path`; returns its suggested name. */
  async exportTo(name: string, path: string): Promise<string> {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: `Export ${name}`, exact: true }).click();
    const download = await downloading;
    await download.saveAs(path);
    return download.suggestedFilename();
  }

  async remove(name: string) {
    await this.page.getByRole('button', { name: `Delete ${name}`, exact: true }).click();
    await this.page
      .getByRole('alertdialog', { name: `Delete ${name}?` })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await expect(this.page.getByTestId('project-undo')).toContainText(`Deleted “${name}”.`);
    await expect(this.card(name)).toHaveCount(0);
  }

  async importFile(path: string) {
    await this.page.getByLabel('Import…').setInputFiles(path);
  }
}
