import type { ComponentType } from 'react';
import { DataPage } from '../ui/pages/DataPage';
import { ProjectsPage } from '../ui/projects/ProjectsPage';
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
}

/** Every page of the app in tab order; each gets a tab. */
export const PAGES: readonly PageDef[] = [
  { id: 'projects', label: 'Projects', component: ProjectsPage },
  { id: 'pipeline', label: 'Pipeline', component: PipelinePage },
  { id: 'data', label: 'Data', component: DataPage },
  { id: 'model', label: 'Model', component: ModelPage },
  { id: 'train', label: 'Train', component: TrainPage },
  { id: 'evaluate', label: 'Evaluate', component: EvaluatePage },
  { id: 'deploy', label: 'Deploy', component: DeployPage },
];

export const DEFAULT_PAGE_ID = 'model';
