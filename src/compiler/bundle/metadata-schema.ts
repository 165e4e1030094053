/**
 * The schema of an export's `metadata.json`: what the model takes and gives, and the preprocessing
 * statistics learned on the training split, so any consumer (the standalone page, a Node script, a
 * Python notebook) can prepare a raw record exactly as training did.
 *
 * The tabular and image parts mirror src/data's `TabularTransform` and `ImageTransform` field for
 * field (src/compiler may not import src/data, so they are restated here; a test checks that the
 * two stay assignable). Unknown keys are dropped, so a newer minor addition does not break readers.
 */
import { z } from 'zod';
import { checkGanMetadata, ganGeneratorSchema } from './metadata-gan';
import { TEXT_LIMITS, checkTextMetadata, textPreprocessingSchema, tokenizerSchema } from './metadata-text';

export {
  TEXT_LIMITS,
  textPreprocessingSchema,
  tokenizerSchema,
  type TextPreprocessing,
  type TokenizerJson,
} from './metadata-text';

export const METADATA_FORMAT = 'layerloom-model-metadata';
export const METADATA_VERSION = 1;

/** Upper bounds that keep a hostile file from costing much memory or time. */
export const METADATA_LIMITS = {
  bytes: 16 * 1024 * 1024,
  depth: 24,
  text: 10_000,
  list: 1_000_000,
} as const;

const text = z.string().max(METADATA_LIMITS.text);
const name = text.min(1);
const count = z.number().int().min(0);
const finite = z.number().finite();
const list = <T extends z.ZodType>(item: T) => z.array(item).max(METADATA_LIMITS.list);
const dim = z.number().int().positive().nullable();

export const numericScaleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('standardize'), mean: finite, std: finite.refine((v) => v !== 0, 'std must not be 0') }),
  z.object({ kind: z.literal('minmax'), min: finite, max: finite }).refine((s) => s.max !== s.min, {
    message: 'max must differ from min',
    path: ['max'],
  }),
  z.object({ kind: z.literal('none') }),
]);

const featureBase = {
  name: text,
  source: count,
  offset: count,
  width: z.number().int().positive(),
  missing: z.enum(['drop', 'mean', 'median', 'mode']),
};

export const featureSchema = z.discriminatedUnion('type', [
  z.object({
    ...featureBase,
    type: z.enum(['numeric', 'date']),
    fill: finite,
    scale: numericScaleSchema,
    decimalComma: z.literal(true).optional(),
    thousands: z.literal(true).optional(),
  }),
  z.object({
    ...featureBase,
    type: z.literal('boolean'),
    names: z.tuple([text, text]),
    fill: z.union([z.literal(0), z.literal(1)]),
  }),
  z.object({
    ...featureBase,
    type: z.literal('categorical'),
    categories: list(text),
    other: z.boolean(),
    fill: text,
    key: z.enum(['text', 'number']),
    seen: count,
  }),
  // A text column with an Input of its own: `width` token ids (width = its sequence length).
  z.object({
    ...featureBase,
    type: z.literal('text'),
    width: z.number().int().min(1).max(TEXT_LIMITS.seqLen),
    tokenizer: tokenizerSchema,
    truncate: z.enum(['start', 'end']),
  }),
  // An id column with an Input of its own: values[i] is index i + 1; missing or unseen is 0.
  z.object({
    ...featureBase,
    type: z.literal('id'),
    values: list(text),
    key: z.enum(['text', 'number']),
  }),
]);

export const labelSchema = z.discriminatedUnion('task', [
  z.object({
    name: text,
    source: count,
    task: z.enum(['binary', 'multiclass']),
    classNames: list(text),
    key: z.enum(['text', 'number', 'boolean']),
  }),
  // Regression targets are not scaled in training: the model predicts the value itself.
  z.object({ name: text, source: count, task: z.literal('regression'), mean: finite, std: finite }),
]);

export const tabularPreprocessingSchema = z
  .object({
    kind: z.literal('tabular'),
    version: z.literal(1),
    width: z.number().int().positive(),
    columns: list(text),
    features: list(featureSchema).min(1),
    featureNames: list(text),
    label: labelSchema,
    missingTokens: list(text),
  })
  .superRefine((t, ctx) => {
    // The page and the snippets index with these numbers: they must tile [0, width) exactly.
    let next = 0;
    t.features.forEach((f, i) => {
      const expected =
        f.type === 'categorical' ? f.categories.length + (f.other ? 1 : 0) : f.type === 'text' ? f.width : 1;
      if (f.width !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'width'],
          message: `should be ${expected} for this ${f.type} feature`,
        });
      }
      if (f.offset !== next) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'offset'],
          message: `should be ${next}, where the previous feature ends`,
        });
      }
      if (f.source >= t.columns.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'source'],
          message: `is past the ${t.columns.length} columns`,
        });
      }
      next = f.offset + f.width;
    });
    if (next !== t.width)
      ctx.addIssue({ code: 'custom', path: ['width'], message: `should be ${next}, the sum of the feature widths` });
    if (t.featureNames.length !== t.width) {
      ctx.addIssue({ code: 'custom', path: ['featureNames'], message: `should list ${t.width} names, one per input` });
    }
  });

/** BT.601 luma weights: what a 1-channel image input is made with. */
export const GRAYSCALE_WEIGHTS = [0.299, 0.587, 0.114] as const;

export const imagePreprocessingSchema = z
  .object({
    kind: z.literal('image'),
    width: z.number().int().min(1).max(4096),
    height: z.number().int().min(1).max(4096),
    channels: z.union([z.literal(1), z.literal(3)]),
    scale: z.literal('0-1'),
    channelOrder: z.literal('RGB'),
    fit: z.enum(['stretch', 'center-crop']),
    /** Spelled out for readers outside Layerloom; implied by `channels`. */
    grayscale: z.literal('bt601-luma').nullable(),
    alpha: z.literal('composite-on-black'),
  })
  .refine((t) => (t.channels === 1) === (t.grayscale !== null), {
    message: 'should be "bt601-luma" for 1 channel and null for 3',
    path: ['grayscale'],
  });

export const inputSpecSchema = z.object({
  name: text,
  /** One sample's shape, without the batch dimension; null is a free dimension. */
  shape: z.array(dim).max(8),
  dtype: z.enum(['float32', 'int32']),
  /** One name per input value (tabular models), else null. */
  featureNames: list(text).nullable(),
  /**
   * Set when the dataset feeds several Inputs (mixed inputs, recommendation): what this Input's
   * part holds (`text` token ids, `features`, or one `id` index), the CSV columns it reads, where
   * its values start in the preprocessed row (preprocessing.width values long), and for text and
   * id parts the Embedding input size they need.
   */
  role: z.enum(['text', 'features', 'id']).optional(),
  columns: list(text).optional(),
  offset: count.optional(),
  vocabulary: count.optional(),
});

/**
 * - class-probabilities: one probability per class name, in order (softmax);
 * - binary-probability: one unit, the probability of the second class name (sigmoid);
 * - value: the predicted number (regression);
 * - next-token-probabilities: [seqLen, vocabulary] for a language model: at each position, the
 *   probability of every token id (preprocessing.tokenizer.vocab, in order) coming next; a window
 *   shorter than seqLen is padded at the end and read at its last real position;
 * - raw: the model's output as is (no dataset was bound).
 */
export const outputSpecSchema = z.object({
  name: text,
  shape: z.array(dim).max(8),
  meaning: z.enum(['class-probabilities', 'binary-probability', 'next-token-probabilities', 'value', 'raw']),
});

/** The training run whose weights were exported, so its scores can be checked against the files. */
export const exportRunSchema = z
  .object({
    /** The run id in the project ("opened" for the weights the model came with). */
    id: z.string().max(100),
    name: text,
    /** The training settings as the trainer took them (optimizer, loss, batch size, epochs, seed…). */
    settings: z.record(z.string().max(100), z.unknown()).nullable(),
    epochs: z.number().int().min(0),
    /** Held-out test scores of these weights, as the app measured them. */
    test: z.record(z.string().max(40), z.number().nullable()).nullable(),
    /** The dataset's fingerprint (a hash of the three splits and their sizes) and split seed. */
    data: z.object({ name: text, fingerprint: z.string().max(64), splitSeed: z.number().int().nullable() }).nullable(),
  })
  .strict();

/** How the training file was read, so a reader parses it (and new files like it) the same way. */
export const csvReadingSchema = z
  .object({
    /** One character, or "whitespace" (fields separated by runs of spaces and tabs). */
    delimiter: z.string().min(1).max(10),
    /** The text encoding, as TextDecoder and Python name it (utf-8, windows-1252, utf-16le…). */
    encoding: z.string().min(1).max(40),
    /** Whether the first record holds the column names. */
    header: z.boolean(),
  })
  .strict();

/** The train/validation/test split, so the reported test scores can be checked from the files. */
export const dataSplitSchema = z
  .object({
    /**
     * stratified: each class cut by the ratios on its own (classification); shuffle: one seeded shuffle, then cut
     * (regression); contiguous: a language model's text cut in order into train, validation and test parts;
     * column: each row's part named by a column of the file (a built-in's `split`, the rows its baseline was scored
     * on), with the ratios it gives.
     */
    rule: z.enum(['stratified', 'shuffle', 'contiguous', 'column']),
    ratios: z.object({ train: finite, validation: finite, test: finite }).strict(),
    /** The seed of Layerloom's split (mulberry32); null when not known. */
    seed: z.number().int().nullable(),
    /**
     * The test rows as data-row indices of the training file, in the order the test split holds them:
     * 0 is the first record after the header; blank lines and skipped bad rows are not counted.
     * null when not known (the app does not keep the split's rows).
     */
    testRows: list(count).nullable(),
  })
  .strict();

/** Where the training data came from and how it was read and split. */
export const dataSourceSchema = z
  .object({
    /** The training file's name (no folders), or null. */
    file: text.nullable(),
    /** For a CSV; null for image sets and built-ins. */
    csv: csvReadingSchema.nullable(),
    split: dataSplitSchema.nullable(),
  })
  .strict();

export const metadataSchema = z
  .object({
    format: z.literal(METADATA_FORMAT),
    version: z.literal(METADATA_VERSION),
    modelName: name,
    generatedBy: text,
    task: z.enum(['binary', 'multiclass', 'regression', 'next-token']).nullable(),
    classNames: list(text).nullable(),
    dataset: z.object({ name: text, kind: z.enum(['tabular', 'image', 'text']) }).nullable(),
    inputs: z.array(inputSpecSchema).min(1).max(64),
    outputs: z.array(outputSpecSchema).min(1).max(64),
    preprocessing: z
      .discriminatedUnion('kind', [tabularPreprocessingSchema, imagePreprocessingSchema, textPreprocessingSchema])
      .nullable(),
    /** Absent in files from before runs were named. */
    run: exportRunSchema.optional(),
    /** Absent in files from before the data's reading and split were recorded. */
    data: dataSourceSchema.optional(),
    /** Present when the model is a GAN's generator (metadata-gan.ts). */
    gan: ganGeneratorSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.gan) checkGanMetadata({ ...m, gan: m.gan }, ctx);
    const classification = m.task === 'binary' || m.task === 'multiclass';
    if (classification && (m.classNames === null || m.classNames.length < 2)) {
      ctx.addIssue({
        code: 'custom',
        path: ['classNames'],
        message: `a ${m.task} model needs at least two class names`,
      });
    }
    const label = m.preprocessing?.kind === 'tabular' ? m.preprocessing.label : null;
    if (label && label.task !== m.task) {
      ctx.addIssue({
        code: 'custom',
        path: ['preprocessing', 'label', 'task'],
        message: `should equal the top-level task (${m.task})`,
      });
    }
    if (label && label.task !== 'regression' && JSON.stringify(label.classNames) !== JSON.stringify(m.classNames)) {
      ctx.addIssue({
        code: 'custom',
        path: ['preprocessing', 'label', 'classNames'],
        message: 'should equal the top-level classNames',
      });
    }
    if (m.preprocessing?.kind === 'text') checkTextMetadata({ ...m, preprocessing: m.preprocessing }, ctx);
    m.outputs.forEach((o, i) => {
      const units = o.shape.at(-1);
      if (o.meaning === 'class-probabilities' && units !== m.classNames?.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['outputs', i, 'shape'],
          message: 'should end in one unit per class name',
        });
      }
      if (o.meaning === 'binary-probability' && (units !== 1 || m.classNames?.length !== 2)) {
        ctx.addIssue({ code: 'custom', path: ['outputs', i, 'shape'], message: 'should be [1], with two class names' });
      }
      if (o.meaning === 'next-token-probabilities' && m.preprocessing?.kind !== 'text') {
        ctx.addIssue({
          code: 'custom',
          path: ['outputs', i, 'meaning'],
          message: "needs a text preprocessing (the tokenizer's vocabulary names the tokens)",
        });
      }
    });
  });

export type ExportMetadata = z.infer<typeof metadataSchema>;
export type ExportRun = z.infer<typeof exportRunSchema>;
export type ExportDataSource = z.infer<typeof dataSourceSchema>;
export type CsvReading = z.infer<typeof csvReadingSchema>;
export type TabularPreprocessing = z.infer<typeof tabularPreprocessingSchema>;
export type ImagePreprocessing = z.infer<typeof imagePreprocessingSchema>;
export type ExportPreprocessing = NonNullable<ExportMetadata['preprocessing']>;
export type InputSpec = z.infer<typeof inputSpecSchema>;
export type OutputSpec = z.infer<typeof outputSpecSchema>;
export type OutputMeaning = OutputSpec['meaning'];
