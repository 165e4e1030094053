/**
 * Scenario templates: a business problem with everything needed to solve it already chosen (the
 * scenario text and success rule, a built-in dataset, a model that fits it, training settings), so
 * a new project from one runs its pipeline as is. Plain data plus pure builders; the UI registers
 * them as project templates (src/ui/projects/scenario-templates.ts).
 *
 * Every target was measured with the template's own settings (src/pipeline/scenarios.test.ts trains
 * the quick ones); each is set a little below what a run reaches, so a normal run meets it.
 */
import { buildGraph, type LayerDraft } from '../model/build';
import type { GanGraphs } from '../model/gan';
import type { Graph } from '../model/graph';
import type { GanSettings, ProjectDataSettings, ProjectTrainSettings } from '../model/project-schema';
import { templateGraph } from '../model/templates';
import type { ProjectSeed } from '../store/persistence/templates';
import { GAN_SCENARIO_TEMPLATES } from './scenarios-gan';
import { TEXT_SCENARIO_TEMPLATES } from './scenarios-text';
import { defaultPipeline } from './stages';
import type { Pipeline, ScenarioConfig, Stage } from './types';

export interface ScenarioTemplate {
  readonly id: string;
  /** Menu title; also the new project's name. */
  readonly title: string;
  /** One line for the menu. */
  readonly summary: string;
  /** A short tag for the menu, e.g. "Tabular · binary". */
  readonly task: string;
  readonly scenario: ScenarioConfig;
  /** A built-in of public/datasets/index.json. */
  readonly dataset: { readonly kind: 'builtin'; readonly id: string };
  /** As the Data page would save them after loading the built-in (and, for images, resizing it). */
  readonly data: ProjectDataSettings;
  readonly train: Partial<ProjectTrainSettings>;
  graph(): Graph;
  /** A model template of src/model/templates.ts whose pretrained weights the graph starts from. */
  readonly pretrained?: string;
  /** A GAN scenario's two networks (`graph` is then the generator) and their training settings. */
  gan?(): GanGraphs;
  readonly ganSettings?: Partial<GanSettings>;
}

const noCsv: ProjectDataSettings['csv'] = { columns: {} };
const csvLabel = (label: string, extra: Partial<ProjectDataSettings['csv']> = {}): ProjectDataSettings['csv'] => ({
  label,
  ...extra,
  columns: extra.columns ?? {},
});

const dense = (units: number, activation: string): LayerDraft => ({ type: 'Dense', params: { units, activation } });
const softmax = (classes: number) => dense(classes, 'softmax');
const conv = (filters: number): LayerDraft => ({
  type: 'Conv2D',
  params: { filters, kernel_size: [3, 3], padding: 'same', activation: 'relu' },
});
const pool: LayerDraft = { type: 'MaxPooling2D', params: { pool_size: [2, 2] } };

export const SCENARIO_TEMPLATES: readonly ScenarioTemplate[] = [
  {
    id: 'scenario:fashion-photos',
    title: 'Clothing photo classifier (Fashion-MNIST)',
    summary: 'Sort 28×28 product photos into ten kinds of article with a small CNN.',
    task: 'Images 28×28 · 10 classes',
    scenario: {
      taskType: 'classification',
      description:
        'An online shop receives thousands of product photos a day from its sellers and files each one under a category by hand. A model that reads a 28×28 grayscale photo and names the kind of article (T-shirt, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag or ankle boot) would pre-fill the category, leaving people to check only the uncertain ones. This template trains a small convolutional network on 10,000 Fashion-MNIST photos (15% of them kept aside to validate) and scores it on 2,000 it has never seen.',
      requirement: 'Pre-fill the right category for at least 85 in 100 new product photos.',
      rule: { metric: 'accuracy', op: '>=', threshold: 0.85 },
    },
    dataset: { kind: 'builtin', id: 'fashion-mnist' },
    data: { csv: noCsv, images: null },
    train: { optimizer: 'adam', learningRate: 0.002, batchSize: 32, epochs: 3 },
    graph: () =>
      buildGraph([
        { type: 'Input', params: { shape: [28, 28, 1] } },
        conv(16),
        pool,
        conv(32),
        pool,
        { type: 'Flatten' },
        dense(64, 'relu'),
        softmax(10),
      ]),
  },
  {
    id: 'scenario:digits',
    title: 'Handwritten digits (8×8)',
    summary: 'Read scanned 8×8 digits with a small CNN; trains in seconds.',
    task: 'Images 8×8 · 10 classes',
    scenario: {
      taskType: 'classification',
      description:
        'A records office digitises paper forms whose boxes hold one digit each. The scanner cuts every box to an 8×8 grayscale thumbnail with 17 grey levels. A model that names the digit in each thumbnail lets the forms be typed in automatically, with people correcting only the doubtful boxes. This template trains a small convolutional network on 1,797 thumbnails (70% to train, 15% to validate, 15% to test).',
      requirement: 'Read at least 9 in 10 digits right, so most forms need no retyping.',
      rule: { metric: 'accuracy', op: '>=', threshold: 0.9 },
    },
    dataset: { kind: 'builtin', id: 'digits' },
    data: { csv: noCsv, images: null },
    train: { optimizer: 'adam', learningRate: 0.003, batchSize: 32, epochs: 10 },
    graph: () =>
      buildGraph([
        { type: 'Input', params: { shape: [8, 8, 1] } },
        conv(16),
        pool,
        { type: 'Flatten' },
        dense(64, 'relu'),
        softmax(10),
      ]),
  },
  {
    id: 'scenario:iris',
    title: 'Iris species from measurements',
    summary: 'Tell three iris species apart from four flower measurements.',
    task: 'Tabular · multiclass',
    scenario: {
      taskType: 'classification',
      description:
        'A botanical garden’s volunteers measure the sepals and petals of wild irises in centimetres but cannot always tell Iris setosa, versicolor and virginica apart in the field. A model that names the species from the four measurements lets them log finds without an expert on site. This template trains a small neural network (one hidden layer) on Fisher’s 150 flowers; the measurements are standardised on the training split.',
      requirement: 'Name the right species for at least 9 in 10 flowers.',
      rule: { metric: 'accuracy', op: '>=', threshold: 0.9 },
    },
    dataset: { kind: 'builtin', id: 'iris' },
    data: { csv: csvLabel('species'), images: null },
    train: { optimizer: 'adam', learningRate: 0.01, batchSize: 16, epochs: 40 },
    graph: () => buildGraph([{ type: 'Input', params: { shape: [4] } }, dense(16, 'relu'), softmax(3)]),
  },
  {
    id: 'scenario:risk-screening',
    title: 'Risk screening: which cases need a specialist?',
    summary: 'Flag high-risk cases for review (breast biopsy data, yes/no).',
    task: 'Tabular · binary',
    scenario: {
      taskType: 'classification',
      description:
        'A screening service must decide, for every incoming case, whether it goes to a specialist straight away. Each case comes with 30 numbers measured from a biopsy image (size, texture and shape of the cell nuclei). A model that says malignant or benign from those numbers sorts the queue so the risky cases are seen first; it is a yes/no risk score of the same kind as credit or churn risk. This template trains a small neural network with one sigmoid output on 569 cases from the Wisconsin diagnostic study.',
      requirement: 'Classify at least 93 in 100 cases correctly before the model may sort the queue.',
      rule: { metric: 'accuracy', op: '>=', threshold: 0.93 },
    },
    dataset: { kind: 'builtin', id: 'breast-cancer' },
    data: { csv: csvLabel('diagnosis'), images: null },
    train: { optimizer: 'adam', learningRate: 0.003, batchSize: 32, epochs: 20 },
    graph: () => buildGraph([{ type: 'Input', params: { shape: [30] } }, dense(16, 'relu'), dense(1, 'sigmoid')]),
  },
  {
    id: 'scenario:penguin-mass',
    title: 'Penguin body mass (regression)',
    summary: 'Estimate a penguin’s weight in grams from its species, island, beak and flippers.',
    task: 'Tabular · regression',
    scenario: {
      taskType: 'regression',
      description:
        'Field teams in the Palmer Archipelago measure penguins’ beaks and flippers with callipers, but weighing a struggling bird on a scale is slow and stressful for it. A model that estimates body mass in grams from the species, island, sex and the three length measurements would let the teams skip the scale. This template predicts the body_mass_g column (a number, so it is a regression) of 342 penguins with a small neural network; species, island and sex are one-hot encoded, and a few missing values are filled in.',
      requirement: 'Estimate body mass within 300 g on average, close enough to track the colony’s condition.',
      rule: { metric: 'mae', op: '<=', threshold: 300 },
    },
    dataset: { kind: 'builtin', id: 'penguins' },
    data: { csv: csvLabel('body_mass_g', { task: 'regression' }), images: null },
    train: { optimizer: 'adam', learningRate: 0.1, batchSize: 16, epochs: 60 },
    graph: () => buildGraph([{ type: 'Input', params: { shape: [11] } }, dense(16, 'relu'), dense(1, 'linear')]),
  },
  {
    id: 'scenario:weather-forecast',
    title: 'Tomorrow’s temperature (time series, GRU)',
    summary: 'Forecast the day’s maximum temperature from the week before with a recurrent network.',
    task: 'Time series · regression',
    scenario: {
      taskType: 'regression',
      description:
        'A garden centre in Seattle plans staff and watering a day ahead and wants its own forecast of the day’s maximum temperature. Each example is one day: the inputs are the previous 7 days of maximum and minimum temperature (°C), precipitation (mm) and wind, oldest day first, and the target is that day’s maximum. The model reshapes the 28 inputs into 7 time steps of 4 readings and reads them in order with a GRU, a recurrent layer that carries a memory from one day to the next. Data: NOAA daily records for 2012–2015.',
      requirement: 'Forecast the maximum temperature within 2.5 °C on average.',
      rule: { metric: 'mae', op: '<=', threshold: 2.5 },
    },
    dataset: { kind: 'builtin', id: 'seattle-weather-windows' },
    data: { csv: csvLabel('temp_max', { columns: { date: { role: 'ignore' } } }), images: null },
    train: { optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 30 },
    graph: () =>
      buildGraph([
        { type: 'Input', params: { shape: [28] } },
        { type: 'Reshape', name: 'days', params: { target_shape: [7, 4] } },
        { type: 'GRU', params: { units: 16 } },
        dense(1, 'linear'),
      ]),
  },
  {
    id: 'scenario:transfer-digits',
    title: 'Transfer learning: reuse a pretrained backbone',
    summary: 'A CNN pretrained on clothing photos, frozen, learns to read digits with a new head.',
    task: 'Images 28×28 · pretrained · 10 classes',
    pretrained: 'transfer-fashion',
    scenario: {
      taskType: 'classification',
      description:
        'Training a convolutional network from scratch needs many images and time. Transfer learning reuses one trained elsewhere: this template starts from a small CNN pretrained on 10,000 Fashion-MNIST clothing photos, freezes it (🔒) and trains only a new softmax head on the 8×8 digit thumbnails, scaled up to the 28×28 the backbone expects. The frozen layers already detect strokes and edges, so a few epochs are enough, and training is fast because only the head learns.',
      requirement: 'Reach at least 85 in 100 digits right in 3 epochs, without training the backbone.',
      rule: { metric: 'accuracy', op: '>=', threshold: 0.85 },
    },
    dataset: { kind: 'builtin', id: 'digits' },
    data: { csv: noCsv, images: { width: 28, height: 28, channels: 1, fit: 'stretch' } },
    train: { optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs: 3 },
    graph: () => templateGraph('transfer-fashion'),
  },
  ...TEXT_SCENARIO_TEMPLATES,
  ...GAN_SCENARIO_TEMPLATES,
];

/** The default pipeline (Scenario → … → Deploy / Optimize) with the template's scenario filled in. */
export function scenarioPipeline(template: ScenarioTemplate): Pipeline {
  const base = defaultPipeline();
  const stages = base.stages.map((s): Stage => (s.kind === 'scenario' ? { ...s, config: template.scenario } : s));
  return { ...base, stages };
}

/** What a new project from the template starts with. */
export function scenarioSeed(template: ScenarioTemplate): ProjectSeed {
  const gan = template.gan?.();
  return {
    graph: gan?.generator ?? template.graph(),
    ...(gan
      ? { gan: { generator: gan.generator, discriminator: gan.discriminator, settings: template.ganSettings ?? {} } }
      : {}),
    // The project file holds the pipeline as plain JSON; readPipeline checks it again on open.
    pipeline: scenarioPipeline(template) as unknown as Readonly<Record<string, unknown>>,
    dataset: template.dataset,
    data: template.data,
    train: template.train,
  };
}

export function scenarioTemplate(id: string): ScenarioTemplate | undefined {
  return SCENARIO_TEMPLATES.find((t) => t.id === id);
}
