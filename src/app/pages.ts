import type { ComponentType } from 'react';
import { DataPage } from '../ui/pages/DataPage';
import { ProjectsPage } from '../ui/projects/ProjectsPage';
import { StartPage } from '../ui/pages/StartPage';
import { DeployPage } from '../ui/pages/DeployPage';
import { EvaluatePage } from '../ui/pages/EvaluatePage';
import { ModelPage } from '../ui/pages/ModelPage';
import { PipelinePage } from '../ui/pages/PipelinePage';
import { TrainPage } from '../ui/pages/TrainPage';

export interface PageDef {
  /** URL hash segment: `#/model`. */
  readonly id: string;
  readonly label: string;
  readonly component: ComponentType;
  /** false: no tab (the start view is reached from the logo, and on a first visit). */
  readonly tab?: boolean;
}

/** Every page of the app in tab order; each gets a tab unless it says otherwise. */
export const PAGES: readonly PageDef[] = [
  { id: 'start', label: 'Start', component: StartPage, tab: false },
  { id: 'projects', label: 'Projects', component: ProjectsPage },
  { id: 'pipeline', label: 'Pipeline', component: PipelinePage },
  { id: 'data', label: 'Data', component: DataPage },
  { id: 'model', label: 'Model', component: ModelPage },
  { id: 'train', label: 'Train', component: TrainPage },
  { id: 'evaluate', label: 'Evaluate', component: EvaluatePage },
  { id: 'deploy', label: 'Deploy', component: DeployPage },
];

/** A returning user's page when the URL names none, and the page an unknown URL shows (see ui/projects/landing.ts). */
export const DEFAULT_PAGE_ID = 'model';
