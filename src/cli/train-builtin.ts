/**
 * `--data <built-in id>` (e.g. `iris`, `fashion-mnist`, `austen-novels`, `austen-text`): the datasets
 * the app ships in public/datasets, read from this checkout and prepared as the Data page does.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ExportDataSource } from '../compiler/bundle/metadata-schema';
import { parseCsv } from '../data/csv/parse';
import {
  builtinCsvText,
  corpusRatios,
  listBuiltins,
  loadImageBuiltin,
  loadTextBuiltin,
  type BuiltinInfo,
  type BuiltinTokenizer,
} from '../data/builtins';
import { isDataError } from '../data/errors';
import { DEFAULT_SPLIT } from '../data/split';
import { prepareTabular } from '../data/tabular';
import { LM_DEFAULT_SPLIT, prepareLanguageModel, prepareTextTable } from '../data/text';
import type { PreparedDataset } from '../data/types';
import { withFixHint } from './data-options';
import { textOptions, type TextChoices } from './train-text';

const DATASETS_DIR = fileURLToPath(new URL('../../public/datasets/', import.meta.url));
const readBuiltin = (name: string) => readFile(`${DATASETS_DIR}${name}`).then((b) => new Uint8Array(b));

/** The built-ins of this checkout; none when public/datasets cannot be read. */
export async function builtinList(): Promise<readonly BuiltinInfo[]> {
  try {
    return await listBuiltins(readBuiltin);
  } catch {
    return [];
  }
}

function source(info: BuiltinInfo, dataset: PreparedDataset, seed: number): ExportDataSource {
  const lm = dataset.task === 'next-token';
  const byColumn = !lm && info.kind !== 'image' && info.splitColumn !== null;
  const n = dataset.train.n + dataset.validation.n + dataset.test.n || 1;
  return {
    file: `builtin:${info.id}`,
    csv: null,
    split: {
      rule: byColumn ? 'column' : lm ? 'contiguous' : dataset.task === 'regression' ? 'shuffle' : 'stratified',
      ratios: byColumn
        ? { train: dataset.train.n / n, validation: dataset.validation.n / n, test: dataset.test.n / n }
        : {
            ...(lm && info.kind === 'text' && info.corpus
              ? corpusRatios(info.corpus.splits)
              : lm
                ? LM_DEFAULT_SPLIT
                : DEFAULT_SPLIT),
          },
      seed: byColumn ? null : seed,
      testRows: null,
    },
  };
}

async function prepare(
  info: BuiltinInfo,
  label: string | undefined,
  seed: number,
  text: TextChoices,
): Promise<PreparedDataset> {
  if (info.kind === 'image') return loadImageBuiltin(info.id, readBuiltin, { seed });
  if (info.kind === 'tabular') {
    const csv = await builtinCsvText(info.id, readBuiltin);
    // The built-in's roles: ignore for ignoreColumns, id for idColumns (movie-ratings: user_id, item_id).
    return prepareTabular(await parseCsv(csv.text), {
      label: label ?? csv.labelColumn,
      seed,
      name: info.title,
      columns: csv.columnRoles,
      // movie-ratings: the rows its anchor was scored on.
      splitColumn: csv.splitColumn,
    }).dataset;
  }
  const loaded = await loadTextBuiltin(info.id, readBuiltin);
  const choices = withBuiltinTokenizer(text, info.tokenizer);
  if (info.corpus) {
    return prepareLanguageModel(loaded.text, {
      ...textOptions(choices, seed, info.title, 'char'),
      split: corpusRatios(info.corpus.splits),
    }).dataset;
  }
  return prepareTextTable(await parseCsv(loaded.text), {
    ...textOptions(choices, seed, info.title, 'word'),
    ...(info.textColumn ? { textColumn: info.textColumn } : {}),
    ...((label ?? info.labelColumn) ? { labelColumn: label ?? info.labelColumn! } : {}),
    splitColumn: info.splitColumn,
  }).dataset;
}

/**
 * The built-in's own tokenizer (word-language: subwords) where the command names none; its sizes
 * too, unless the command names another kind or its own sizes.
 */
export function withBuiltinTokenizer(text: TextChoices, own: BuiltinTokenizer | null): TextChoices {
  if (!own || (text.tokenizer && text.tokenizer !== own.kind)) return text;
  return {
    tokenizer: own.kind,
    ...((text.vocab ?? own.vocabSize) !== undefined ? { vocab: text.vocab ?? own.vocabSize } : {}),
    ...((text.seqLen ?? own.seqLen) !== undefined ? { seqLen: text.seqLen ?? own.seqLen } : {}),
  };
}

export async function loadBuiltinData(
  info: BuiltinInfo,
  label: string | undefined,
  seed: number,
  text: TextChoices,
): Promise<{ dataset: PreparedDataset; source: ExportDataSource }> {
  try {
    const dataset = await prepare(info, label, seed, text);
    return { dataset, source: source(info, dataset, seed) };
  } catch (err) {
    if (isDataError(err)) throw new Error(`builtin ${info.id}: ${withFixHint(err.message, err.fix)}`);
    throw err;
  }
}
