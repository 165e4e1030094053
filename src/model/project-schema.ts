import { z } from 'zod';
import { DEFAULT_LEARNING_RATE, LOSS_NAMES, OPTIMIZER_NAMES } from './train-options';
import { count, finite, fraction } from './project-schema-base';
import { ganRunSchema, ganSettingsSchema } from './project-schema-gan';
import { jsonObjectSchema, runSchema, weightsRefSchema } from './project-schema-run';

export {
  ganSettingsSchema,
  ganRunSchema,
  ganWeightKey,
  type GanSettings,
  type GanRunRecord,
  type GanEpochRecord,
  type GanRunScores,
} from './project-schema-gan';
export { jsonObjectSchema, runSchema, weightsRefSchema } from './project-schema-run';

/**
 * Zod schemas for what we read from disk. Every file is untrusted until it passes these.
 * src/model imports nothing internal, so the enums of the data and training settings are
 * spelled out here; src/store/persistence assigns the parsed values to the app's own types,
 * which makes the compiler flag any drift.
 */

export const paramValueSchema = z.union([
  finite,
  z.string().max(10_000),
  z.boolean(),
  z.null(),
  z.array(finite).max(64),
  z.object({ l1: finite, l2: finite }).strict(),
]);

/** The longest layer name a project keeps; the importer shortens longer ones from files (import-names.ts). */
export const MAX_LAYER_NAME_CHARS = 200;

/**
 * The longest CSV column name a project keeps (as a column settings key or the label). A header
 * has no other bound than the parser's record size, so this is set generously; the CSV reader is
 * meant to refuse longer headers up front, and src/store/persistence/snapshot.ts leaves out the
 * settings of any longer column rather than fail the save.
 */
export const MAX_COLUMN_NAME_CHARS = 10_000;

export const nodeSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.string().min(1).max(100),
    name: z.string().min(1).max(MAX_LAYER_NAME_CHARS),
    params: z.record(z.string().max(100), paramValueSchema),
    position: z.object({ x: finite, y: finite }),
    /** Absent means trainable; false freezes the layer's weights (transfer learning). */
    trainable: z.boolean().optional(),
    /** Block nodes: the Keras name of each inner layer of this instance (LayerNode.blockNames). */
    blockNames: z.record(z.string().max(200), z.string().min(1).max(MAX_LAYER_NAME_CHARS)).optional(),
  })
  .strict();

export const edgeSchema = z
  .object({
    id: z.string().min(1).max(400),
    source: z.string().min(1).max(200),
    target: z.string().min(1).max(200),
  })
  .strict();

const layersSchema = z.object({
  nodes: z.array(nodeSchema).max(5_000),
  edges: z.array(edgeSchema).max(20_000),
});

/**
 * A block definition (BlockDefinition in graph.ts). Optional in the graph, so projects saved
 * before blocks existed read unchanged and need no migration; flattenGraph reports a definition
 * whose ports name missing layers.
 */
export const blockDefinitionSchema = z
  .object({
    name: z.string().min(1).max(200),
    graph: layersSchema.strict(),
    inputs: z.array(z.string().min(1).max(200)).max(64),
    output: z.string().min(1).max(200),
  })
  .strict();

export const graphSchema = layersSchema.extend({
  blocks: z
    .record(z.string().min(1).max(200), blockDefinitionSchema)
    .refine((b) => Object.keys(b).length <= 500, 'must hold at most 500 block definitions')
    .optional(),
});

/** Where the project's data comes from. The file itself lives beside the project (IndexedDB or the bundle). */
export const datasetRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), id: z.string().min(1).max(100) }).strict(),
  z
    .object({
      kind: z.literal('file'),
      name: z.string().min(1).max(300),
      size: count(Number.MAX_SAFE_INTEGER),
      /** 'text': one .txt file (language modelling); 'text-files': a ZIP or folder of .txt files in class folders. */
      type: z.enum(['csv', 'images', 'text', 'text-files']),
      /** True when the file travels with the project (IndexedDB, or inside a .layerloom bundle). */
      fileInBundle: z.boolean(),
    })
    .strict(),
]);

const missingPolicy = z.enum(['drop', 'mean', 'median', 'mode']);
const scaling = z.enum(['standardize', 'minmax', 'none']);
const splitRatios = z.object({ train: fraction, validation: fraction, test: fraction }).strict();
export const MAX_COLUMNS = 10_000;

export const columnSettingsSchema = z
  .object({
    type: z.enum(['numeric', 'categorical', 'boolean', 'date', 'text']).optional(),
    role: z.enum(['feature', 'label', 'ignore', 'text', 'id']).optional(),
    missing: missingPolicy.optional(),
    scaling: scaling.optional(),
    maxCategories: z.number().int().min(1).max(100_000).optional(),
    numberFormat: z.enum(['plain', 'thousands', 'decimal-comma']).optional(),
  })
  .strict();

/** How the CSV file is read (CsvReadSettings in src/worker/data-protocol.ts). */
export const csvReadSchema = z
  .object({
    encoding: z.string().max(40).optional(),
    delimiter: z.string().max(10).optional(),
    header: z.union([z.boolean(), z.literal('auto')]).optional(),
    skipBadRows: z.boolean().optional(),
  })
  .strict();

/** The Data page's CSV choices (CsvSettings in src/worker/data-protocol.ts). */
export const csvSettingsSchema = z
  .object({
    label: z.string().max(MAX_COLUMN_NAME_CHARS).nullable().optional(),
    task: z.enum(['binary', 'multiclass', 'regression']).optional(),
    columns: z
      .record(z.string().max(MAX_COLUMN_NAME_CHARS), columnSettingsSchema)
      .refine((c) => Object.keys(c).length <= MAX_COLUMNS, `must list at most ${MAX_COLUMNS} columns`),
    missing: missingPolicy.optional(),
    scaling: scaling.optional(),
    maxCategories: z.number().int().min(1).max(100_000).optional(),
    split: splitRatios.optional(),
    splitColumn: z.string().max(MAX_COLUMN_NAME_CHARS).optional(),
    read: csvReadSchema.optional(),
  })
  .strict();

/** How an image folder becomes tensors (ImageBuildOptions in src/worker/data-protocol.ts). */
export const imageSettingsSchema = z
  .object({
    width: z.number().int().min(1).max(4096),
    height: z.number().int().min(1).max(4096),
    channels: z.union([z.literal(1), z.literal(3)]),
    fit: z.enum(['stretch', 'center-crop']),
    ratios: splitRatios.optional(),
  })
  .strict();

/** How text becomes token ids (TextSettings in src/worker/data-protocol.ts); bounds as src/data/text checks them. */
export const textSettingsSchema = z
  .object({
    useText: z.boolean().optional(),
    textColumn: z.string().max(MAX_COLUMN_NAME_CHARS).optional(),
    tokenizer: z.enum(['char', 'word', 'bpe']).optional(),
    vocabSize: z.number().int().min(3).max(100_000).optional(),
    lowercase: z.boolean().optional(),
    punctuation: z.enum(['split', 'strip']).optional(),
    seqLen: z.number().int().min(1).max(4096).optional(),
    truncate: z.enum(['start', 'end']).optional(),
  })
  .strict();

export const dataSettingsSchema = z
  .object({
    csv: csvSettingsSchema.prefault({ columns: {} }),
    images: imageSettingsSchema.nullable().default(null),
    /** Left out (saved before text existed) or null: the defaults. */
    text: textSettingsSchema.nullable().optional(),
  })
  .strict();

/**
 * The Train page's form: TrainSettings (src/store/train-settings.ts) is this schema's type and
 * DEFAULT_TRAIN_SETTINGS its `parse({})`, so every field's default lives here. Every field has a
 * default, so a project saved before a field existed still loads. Ranges are sanity bounds; the
 * trainer validates the values again when a run starts (src/session/train-config.ts maps the form
 * onto a TrainConfig).
 */
export const trainSettingsSchema = z
  .object({
    optimizer: z.enum(OPTIMIZER_NAMES).default('adam'),
    /**
     * 0.01, ten times Adam's textbook rate (DEFAULT_LEARNING_RATE, which picking an optimizer
     * switches to): with early stopping below, it is what brings the starter model on every built-in
     * table to its scenario's target (src/pipeline/table-defaults.test.ts); 0.001 left the weather
     * forecast short and needed many more epochs elsewhere.
     */
    learningRate: z
      .number()
      .positive()
      .max(100)
      .default(DEFAULT_LEARNING_RATE.adam * 10),
    /** Momentum (SGD with momentum) and RMSProp's momentum. */
    momentum: fraction.default(0.9),
    /** Adam's and Adamax's moment decays. */
    beta1: fraction.default(0.9),
    beta2: fraction.default(0.999),
    /** RMSProp's and Adadelta's decay. */
    rho: fraction.default(0.9),
    loss: z.enum([...LOSS_NAMES, 'auto']).default('auto'),
    batchSize: z.number().int().min(1).max(65_536).default(32),
    /** An upper bound: early stopping (on by default) ends most runs well before it. */
    epochs: z.number().int().min(1).max(100_000).default(100),
    shuffle: z.boolean().default(true),
    /** null: a random seed each run (reported, so the run can be repeated). */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .nullable()
      .default(42),
    schedule: z.enum(['none', 'step', 'exponential', 'plateau']).default('none'),
    stepEvery: z.number().int().min(1).max(100_000).default(10),
    factor: fraction.default(0.5),
    decayRate: fraction.default(0.95),
    patience: count(100_000).default(3),
    /**
     * On by default: stop once validation loss has not improved for `earlyPatience` epochs and
     * restore the best epoch's weights (the trainer's restoreBestWeights, always on here).
     */
    earlyStopping: z.boolean().default(true),
    earlyPatience: count(100_000).default(10),
    /** BackendName in src/training/backend-trial.ts, or the automatic choice. */
    backend: z.enum(['webgpu', 'webgl', 'wasm', 'cpu', 'auto']).default('auto'),
    /**
     * On-the-fly augmentation of training images (image datasets only; tables never augment). Off
     * until asked for; the amounts match src/data/augment.ts's DEFAULT_AUGMENT (src/session/train-config.test.ts checks).
     */
    augment: z
      .object({
        enabled: z.boolean().default(false),
        flip: z.boolean().default(true),
        rotate: z.boolean().default(true),
        /** Largest rotation either way, in degrees. */
        maxRotationDeg: z.number().min(0).max(180).default(15),
        shift: z.boolean().default(true),
        /** Largest shift either way, as a fraction of the width and height. */
        maxShift: fraction.default(0.1),
        brightness: z.boolean().default(true),
        /** Largest offset added to every pixel (pixels are in [0, 1]). */
        maxBrightness: fraction.default(0.2),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Two linked graphs (src/model/gan.ts GanGraphs) and how they train. */
export const ganSchema = z
  .object({
    generator: graphSchema,
    discriminator: graphSchema,
    settings: ganSettingsSchema.prefault({}),
    /** Its training runs (absent in GAN projects saved before runs were kept). */
    runs: z.array(ganRunSchema).max(1_000).default([]),
  })
  .strict();

export const PROJECT_FORMAT = 'layerloom-project';
export const PROJECT_VERSION = 2;
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export const projectSchema = z
  .object({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(PROJECT_VERSION),
    id: z.string().regex(PROJECT_ID_PATTERN, 'must be 1–100 letters, digits, "-" or "_"'),
    name: z.string().min(1).max(200),
    createdAt: z.string().max(40),
    updatedAt: z.string().max(40),
    /** The scenario template the project started from, if any. */
    scenario: z.string().max(100).nullable().default(null),
    graph: graphSchema,
    /** The pipeline flowchart; validated by src/pipeline at the store layer (src/model cannot import it). */
    pipeline: jsonObjectSchema.nullable().default(null),
    dataset: datasetRefSchema.nullable().default(null),
    data: dataSettingsSchema.prefault({}),
    train: trainSettingsSchema.prefault({}),
    runs: z.array(runSchema).max(1_000).default([]),
    weights: weightsRefSchema.nullable().default(null),
    /**
     * A GAN project: its generator and discriminator (`graph` then holds a copy of the generator,
     * the network that exports). Absent in every other project, so older files read unchanged.
     */
    gan: ganSchema.optional(),
  })
  .strict();

export type Project = z.infer<typeof projectSchema>;
export type ProjectDatasetRef = z.infer<typeof datasetRefSchema>;
export type ProjectDataSettings = z.infer<typeof dataSettingsSchema>;
export type ProjectTrainSettings = z.infer<typeof trainSettingsSchema>;
export type ProjectRun = z.infer<typeof runSchema>;
export type ProjectWeightsRef = z.infer<typeof weightsRefSchema>;
export type ProjectGan = z.infer<typeof ganSchema>;
