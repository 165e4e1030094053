import type { StateCreator } from 'zustand';
import type { DataProblem } from '../data/errors';
import type { BuiltinInfo } from '../data/builtins';
import type { ImageScanSummary, SkippedFile, SplitCounts } from '../data/images';
import type { PreparedDataset } from '../data/types';
import type { CsvSettings, CsvView, Progress, SchemaView, TextPreview, TextSettings } from '../worker/data-protocol';
import type { AppState } from './types';

/** A mismatch between the dataset and a layer, pinned to that layer's node. */
export interface BindingProblem {
  readonly nodeId: string;
  readonly message: string;
}

export interface ThumbnailUrls {
  readonly label: string;
  readonly images: readonly { readonly path: string; readonly url: string }[];
}

/** Everything the Data page shows while a dataset is read, inspected and prepared. */
export interface DataPageState {
  readonly busy: boolean;
  readonly progress: Progress | null;
  /** performance.now() when the running task began, for the ETA. */
  readonly startedAt: number;
  /** Seconds from the start to the last progress report. */
  readonly elapsedS: number;
  /** 'text': a .txt file, .txt files in class folders or a text corpus (a CSV used as text stays 'csv'). */
  readonly source: 'csv' | 'images' | 'builtin-images' | 'text' | null;
  readonly fileName: string | null;
  readonly csv: CsvView | null;
  readonly schema: SchemaView | null;
  readonly settings: CsvSettings;
  readonly images: ImageScanSummary | null;
  /** How text becomes token ids (saved with the project); {} is the defaults. */
  readonly textSettings: TextSettings;
  /** What the prepared text dataset looks like: tokens, lengths, coverage. */
  readonly text: TextPreview | null;
  readonly thumbnails: readonly ThumbnailUrls[];
  /** Fatal problem of the last task (the core's message verbatim), if it failed. */
  readonly error: DataProblem | null;
  /** Warnings and notes from preparing the dataset. */
  readonly problems: readonly DataProblem[];
  readonly skipped: readonly SkippedFile[];
  readonly split: readonly SplitCounts[] | null;
  readonly builtins: readonly BuiltinInfo[] | null;
  readonly builtinsError: string | null;
  /** What binding the dataset changed in the model (e.g. the Input shape), undoable. */
  readonly bindingNotice: string | null;
}

export const EMPTY_SETTINGS: CsvSettings = { columns: {} };

export const initialDataPage: DataPageState = {
  busy: false,
  progress: null,
  startedAt: 0,
  elapsedS: 0,
  source: null,
  fileName: null,
  csv: null,
  schema: null,
  settings: EMPTY_SETTINGS,
  images: null,
  textSettings: {},
  text: null,
  thumbnails: [],
  error: null,
  problems: [],
  skipped: [],
  split: null,
  builtins: null,
  builtinsError: null,
  bindingNotice: null,
};

/**
 * The dataset the project works on. `dataset` is what training consumes; the Data page adds
 * its own fields (parse progress, schema, preview) around it.
 */
export interface DataSlice {
  dataset: PreparedDataset | null;
  setDataset(dataset: PreparedDataset | null): void;
  dataPage: DataPageState;
  patchDataPage(patch: Partial<DataPageState>): void;
  /** Mismatches between the dataset and the model, for the graph to show on the nodes. */
  bindingProblems: readonly BindingProblem[];
  setBindingProblems(problems: readonly BindingProblem[]): void;
}

export const createDataSlice: StateCreator<AppState, [], [], DataSlice> = (set, get) => ({
  dataset: null,
  setDataset(dataset) {
    set({ dataset });
  },
  dataPage: initialDataPage,
  patchDataPage(patch) {
    set({ dataPage: { ...get().dataPage, ...patch } });
  },
  bindingProblems: [],
  setBindingProblems(bindingProblems) {
    set({ bindingProblems });
  },
});
