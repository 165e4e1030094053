import { LOSS_NAMES, OPTIMIZER_NAMES } from '../training/config';
import { DATA_OPTIONS_HELP } from './data-options';

/** Kept apart from train.ts so `layerloom --help` does not load tfjs. */
export const TRAIN_HELP = `Usage: layerloom train --model <model.json|project.json> --data <file.csv> --label <column> [options]

Trains the model on the data and scores it on the held-out test split.

Options:
  --epochs N          epochs to train (default 20)
  --batch N           batch size (default 32)
  --optimizer NAME    ${OPTIMIZER_NAMES.join(', ')} (default adam)
  --lr X              learning rate (default: the optimizer's own, 0.001 for adam)
  --loss NAME         ${LOSS_NAMES.join(', ')} (default: chosen from the task)
  --seed N            seed for initial weights, shuffling, dropout and the data split (default 42)
  --backend NAME      wasm or cpu (default wasm)
  --out DIR           write DIR/model.json, its weight files and DIR/metrics.json (read back and checked)
  --fresh             start from fresh weights drawn from --seed, ignoring the model's weight files
  --json              print the result as JSON on the last line

Prints one line per epoch. A model.json continues from the weight files its weightsManifest
names; one that is missing, unreadable, the wrong size or holds NaN/Infinity is an error
(--fresh starts over on purpose). A project, or a model.json without a weightsManifest,
starts from initial weights drawn from --seed.

${DATA_OPTIONS_HELP}`;
