/**
 * The `text` preprocessing of metadata.json: src/data/text's `TextTransform` field for field (the
 * fitted tokenizer with its whole vocabulary and rules, the sequence length and truncation side, the
 * text column and the label's class names), so web/tokenize.js and tokenizer.py turn a raw string
 * into the ids the model was trained on. src/compiler may not import src/data, so the shape is
 * restated here; metadata-text.test.ts checks that a real TextTransform passes.
 */
import { z } from 'zod';

/** Limits as src/data/text sets them (MAX_SEQ_LEN, MAX_VOCAB_SIZE); a hostile file cannot go past them. */
export const TEXT_LIMITS = { seqLen: 4096, vocab: 100_000 } as const;

const PAD_TOKEN = '[PAD]';
const UNK_TOKEN = '[UNK]';

const token = z.string().max(10_000);
const id = z.number().int().min(0);
/** A Unicode general category as `\p{…}` and `unicodedata.category` both name it: 'L' or 'Lu'. */
const category = z.string().regex(/^[A-Z][a-z]?$/, "should be a Unicode general category such as 'L' or 'Zs'");
const categories = z.array(category).max(64);

const tokenizerBase = {
  format: z.literal('layerloom-tokenizer'),
  version: z.literal(1),
  normalize: z.literal('NFC'),
  lowercase: z.boolean(),
  padId: z.literal(0),
  unkId: z.literal(1),
  vocab: z
    .array(token)
    .min(3)
    .max(TEXT_LIMITS.vocab)
    .refine((v) => v[0] === PAD_TOKEN && v[1] === UNK_TOKEN, `should start with "${PAD_TOKEN}" and "${UNK_TOKEN}"`),
  space: categories,
};

export const tokenizerSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('char'), ...tokenizerBase }),
    z.object({
      kind: z.literal('word'),
      ...tokenizerBase,
      word: categories,
      punctuation: z.enum(['split', 'strip']),
      joiners: z.array(token.max(8)).max(64),
    }),
    z.object({
      kind: z.literal('bpe'),
      ...tokenizerBase,
      merges: z.array(z.tuple([id, id, id])).max(TEXT_LIMITS.vocab),
    }),
  ])
  .superRefine((t, ctx) => {
    if (t.kind !== 'bpe') return;
    // The encoder looks merged ids up in the vocabulary: an id past its end would decode to nothing.
    const size = t.vocab.length;
    const bad = t.merges.findIndex((m) => m.some((i) => i >= size));
    if (bad >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['merges', bad],
        message: `holds an id past the vocabulary's ${size} tokens`,
      });
    }
  });

export const textPreprocessingSchema = z.object({
  kind: z.literal('text'),
  version: z.literal(1),
  tokenizer: tokenizerSchema,
  /** Tokens per sample: longer texts lose tokens on `truncate`'s side, shorter ones are padded with padId at the end. */
  seqLen: z.number().int().min(1).max(TEXT_LIMITS.seqLen),
  /** 'start' keeps a long text's end, 'end' keeps its start. */
  truncate: z.enum(['start', 'end']),
  /** The CSV column the text was read from; null for text files and language modelling. */
  textColumn: z.string().max(10_000).nullable(),
  task: z.enum(['binary', 'multiclass', 'regression', 'next-token']),
  /** Classification: the label column (null for class folders) and the class names; null for next-token. */
  label: z.object({ column: z.string().max(10_000).nullable(), classNames: z.array(token).max(1_000_000) }).nullable(),
});

export type TokenizerJson = z.infer<typeof tokenizerSchema>;
export type TextPreprocessing = z.infer<typeof textPreprocessingSchema>;

/** What checkTextMetadata reads of the whole metadata (restated: metadata-schema.ts imports this file). */
export interface TextMetadata {
  readonly task: string | null;
  readonly classNames: readonly string[] | null;
  readonly inputs: readonly { readonly shape: readonly (number | null)[] }[];
  readonly outputs: readonly { readonly shape: readonly (number | null)[]; readonly meaning: string }[];
  readonly preprocessing: TextPreprocessing;
}

/**
 * The rules that tie a text preprocessing to the rest of metadata.json: the same task, the input
 * holds seqLen ids, classifiers repeat their class names, and a language model's classes are the
 * tokenizer's vocabulary, so `classNames` is null rather than a second copy of it.
 */
export function checkTextMetadata(m: TextMetadata, ctx: z.RefinementCtx): void {
  const pre = m.preprocessing;
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (pre.task !== m.task) issue(['preprocessing', 'task'], `should equal the top-level task (${m.task})`);
  const shape = m.inputs[0]?.shape ?? [];
  if (shape.length !== 1 || (shape[0] !== null && shape[0] !== pre.seqLen)) {
    issue(['inputs', 0, 'shape'], `should be [${pre.seqLen}]: one token id per position (preprocessing.seqLen)`);
  }
  if (pre.task === 'next-token') {
    if (pre.label !== null) issue(['preprocessing', 'label'], 'should be null for a next-token model');
    if (m.classNames !== null) {
      issue(['classNames'], 'should be null for a next-token model: its classes are preprocessing.tokenizer.vocab');
    }
    const vocab = pre.tokenizer.vocab.length;
    m.outputs.forEach((o, i) => {
      const ok = o.meaning === 'next-token-probabilities' && o.shape.length === 2 && o.shape[1] === vocab;
      if (!ok) {
        issue(
          ['outputs', i],
          `should be next-token-probabilities of shape [${pre.seqLen}, ${vocab}] (one per vocabulary token)`,
        );
      }
    });
    return;
  }
  if (pre.label === null) {
    issue(['preprocessing', 'label'], `should name the class names of this ${pre.task} model`);
  } else if (JSON.stringify(pre.label.classNames) !== JSON.stringify(m.classNames)) {
    issue(['preprocessing', 'label', 'classNames'], 'should equal the top-level classNames');
  }
}
