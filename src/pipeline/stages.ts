import type { ConfigByKind, DecisionRule, Pipeline, PipelineEdge, Position, Stage, StageKind, StageOf } from './types';

// Stage defaults and lookups: the default pipeline and how to find a stage in one.

/** Longest stage name, in characters. */
export const NAME_MAX = 80;

export const DEFAULT_RULE: DecisionRule = { metric: 'accuracy', op: '>=', threshold: 0.9 };

export function defaultConfig<K extends StageKind>(kind: K): ConfigByKind[K] {
  const configs: { [P in StageKind]: () => ConfigByKind[P] } = {
    scenario: () => ({ taskType: 'classification', description: '', requirement: '', rule: DEFAULT_RULE }),
    hpsearch: () => ({
      mode: 'grid',
      params: [{ name: 'learningRate', values: [0.0003, 0.001, 0.003] }],
      maxTrials: 6,
      seed: 1,
    }),
    notes: () => ({ text: '' }),
    data: () => ({}),
    model: () => ({}),
    train: () => ({}),
    evaluate: () => ({}),
    deploy: () => ({}),
    optimize: () => ({}),
    preprocess: () => ({}),
    augment: () => ({}),
  };
  return configs[kind]();
}

export function makeStage<K extends StageKind>(kind: K, id: string, name: string, position: Position): StageOf<K> {
  return { id, kind, name, position, config: defaultConfig(kind) };
}

export const edgeId = (source: string, target: string) => `${source}->${target}`;
export const edge = (source: string, target: string): PipelineEdge => ({ id: edgeId(source, target), source, target });

/** Scenario → Data → Model → Train → Evaluate ◇ yes → Deploy, no → Optimize ↺ Model / Train. */
export function defaultPipeline(): Pipeline {
  const stages: Stage[] = [
    makeStage('scenario', 'scenario', 'Scenario', { x: 0, y: 80 }),
    makeStage('data', 'data', 'Data', { x: 260, y: 80 }),
    makeStage('model', 'model', 'Model', { x: 520, y: 80 }),
    makeStage('train', 'train', 'Train', { x: 780, y: 80 }),
    makeStage('evaluate', 'evaluate', 'Evaluate', { x: 1050, y: 64 }),
    makeStage('deploy', 'deploy', 'Deploy', { x: 1270, y: 80 }),
    makeStage('optimize', 'optimize', 'Optimize', { x: 780, y: 300 }),
  ];
  const edges = [
    edge('scenario', 'data'),
    edge('data', 'model'),
    edge('model', 'train'),
    edge('train', 'evaluate'),
    edge('evaluate', 'deploy'),
    edge('evaluate', 'optimize'),
    edge('optimize', 'model'),
    edge('optimize', 'train'),
  ];
  return { stages, edges };
}

export function stageById(p: Pipeline, id: string): Stage | undefined {
  return p.stages.find((s) => s.id === id);
}

export function stageOfKind<K extends StageKind>(p: Pipeline, kind: K): StageOf<K> | undefined {
  return p.stages.find((s): s is Extract<Stage, { kind: K }> => s.kind === kind) as StageOf<K> | undefined;
}

export function pipelineRule(p: Pipeline): DecisionRule {
  return stageOfKind(p, 'scenario')?.config.rule ?? DEFAULT_RULE;
}
