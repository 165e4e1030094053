import type { StageKind } from './types';

/** Pages a stage can open (hash routes, see src/app/routing.ts). */
export type StagePage = 'data' | 'model' | 'train' | 'evaluate' | 'deploy';

export interface StageKindInfo {
  readonly label: string;
  /** One sentence for the palette and the side panel. */
  readonly blurb: string;
  /** Why a stage (given its current name) can't be removed; null for stages users may remove. */
  readonly keepReason: ((name: string) => string) | null;
  /** Offered in the palette of optional stages. */
  readonly optional: boolean;
  /** How many a pipeline may hold. */
  readonly max: number;
  /** The page that edits it, if any (others are edited in the side panel only). */
  readonly page: StagePage | null;
  /** Stage kinds it may lead to. */
  readonly leadsTo: readonly StageKind[];
  /** False for stages that never run (Notes). */
  readonly runs: boolean;
}

const REQUIRED = (name: string) =>
  `${name} is a required stage: every pipeline needs data, a model, training and an evaluation, so it can't be removed. Rename it or edit it instead.`;

export const STAGE_KINDS_INFO: Readonly<Record<StageKind, StageKindInfo>> = {
  scenario: {
    label: 'Scenario',
    blurb: 'The task, the business requirement and the success rule Evaluate checks.',
    keepReason: (name) =>
      `${name} holds the success rule that Evaluate checks, so it can't be removed. Edit its rule or text instead.`,
    optional: false,
    max: 1,
    page: null,
    leadsTo: ['data'],
    runs: false,
  },
  data: {
    label: 'Data',
    blurb: 'The dataset and its preprocessing.',
    keepReason: REQUIRED,
    optional: false,
    max: 1,
    page: 'data',
    leadsTo: ['preprocess', 'augment', 'model'],
    runs: true,
  },
  model: {
    label: 'Model',
    blurb: 'The layer graph.',
    keepReason: REQUIRED,
    optional: false,
    max: 1,
    page: 'model',
    leadsTo: ['hpsearch', 'train'],
    runs: true,
  },
  train: {
    label: 'Train',
    blurb: 'Hyperparameters and the training run.',
    keepReason: REQUIRED,
    optional: false,
    max: 1,
    page: 'train',
    leadsTo: ['evaluate'],
    runs: true,
  },
  evaluate: {
    label: 'Evaluate',
    blurb: 'Scores the model on the test split and checks the success rule.',
    keepReason: REQUIRED,
    optional: false,
    max: 1,
    page: 'evaluate',
    leadsTo: ['deploy', 'optimize'],
    runs: true,
  },
  deploy: {
    label: 'Deploy',
    blurb: 'Export the model once it meets the target.',
    keepReason: (name) =>
      `${name} is where a model that meets the target goes (the "yes" branch of Evaluate), so it can't be removed.`,
    optional: false,
    max: 1,
    page: 'deploy',
    leadsTo: [],
    runs: true,
  },
  optimize: {
    label: 'Optimize',
    blurb: 'Concrete suggestions when the target is missed; loops back to Model or Train.',
    keepReason: null,
    optional: true,
    max: 1,
    page: null,
    leadsTo: ['model', 'train'],
    runs: true,
  },
  preprocess: {
    label: 'Preprocess',
    blurb: 'Scaling, encoding and missing values (set on the Data page).',
    keepReason: null,
    optional: true,
    max: 1,
    page: 'data',
    leadsTo: ['augment', 'model'],
    runs: true,
  },
  augment: {
    label: 'Augment',
    blurb: 'Random flips, shifts and noise for training samples (set on the Data page).',
    keepReason: null,
    optional: true,
    max: 1,
    page: 'data',
    leadsTo: ['preprocess', 'model'],
    runs: true,
  },
  hpsearch: {
    label: 'Hyperparameter search',
    blurb: 'Grid or random search over learning rate, batch size, epochs and optimizer; trials run one after another.',
    keepReason: null,
    optional: true,
    max: 1,
    page: 'train',
    leadsTo: ['train'],
    runs: true,
  },
  notes: {
    label: 'Notes',
    blurb: 'Free text for decisions, sources and to-dos. Not part of the run.',
    keepReason: null,
    optional: true,
    max: 20,
    page: null,
    leadsTo: [],
    runs: false,
  },
};

export const PALETTE_KINDS: readonly StageKind[] = (Object.keys(STAGE_KINDS_INFO) as StageKind[]).filter(
  (k) => STAGE_KINDS_INFO[k].optional,
);

/** Kinds every pipeline holds exactly once. */
export const FIXED_KINDS: readonly StageKind[] = (Object.keys(STAGE_KINDS_INFO) as StageKind[]).filter(
  (k) => !STAGE_KINDS_INFO[k].optional,
);

export function kindLabel(kind: StageKind): string {
  return STAGE_KINDS_INFO[kind].label;
}
