import { LOSS_NAMES, OPTIMIZER_NAMES } from '../training/config';
import { DATA_OPTIONS_HELP } from './data-options';

/** Kept apart from train.ts so `layerloom --help` does not load tfjs. */
export const TRAIN_HELP = `Usage: layerloom train --model <model.json|project.json> --data <file.csv|folder|images.zip> [--label <column>] [options]
       layerloom train --template NAME --data … [--label <column>] [options]

Trains the model on the data and scores it on the held-out test split (70/15/15, stratified
for classification, drawn from --seed). --data is a CSV (--label names the column to predict)
or an image dataset: a folder or ZIP of class folders, or of images with a labels CSV, read with
the app's limits and decoded in Node (PNG and JPEG). Text: a CSV with a text column (read as
text when the model takes token ids, an int32 Input, or the template is a text one), a folder
of .txt files in class folders, or one .txt to continue (language modelling: contiguous
90/5/5 parts; the JSON line then has test.loss in nats per token, perplexity, bitsPerChar,
the unigram and bigram baselines on the same chunk and a 200-character sample).

--template NAME builds a template instead of reading a model (names: layerloom templates),
sized to the data: the Input takes the sample shape, embeddings the vocabulary and sequence
length, the output layer the classes.

Options:
  --epochs N          epochs to train (default 20)
  --batch N           batch size (default 32)
  --optimizer NAME    ${OPTIMIZER_NAMES.join(', ')} (default adam)
  --lr X              learning rate (default: the optimizer's own, 0.001 for adam)
  --loss NAME         ${LOSS_NAMES.join(', ')} (default: chosen from the task)
  --seed N            seed for initial weights, shuffling, dropout and the data split (default 42)
  --backend NAME      wasm or cpu (default wasm)
  --image-size N      images are resized to N × N (default: the size they share, else the largest
                      side up to 64)
  --channels 1|3      grayscale or RGB (default: 1 when every image file is gray, else 3)
  --tokenizer KIND    text: char, word or bpe (default: word for classification, char for a .txt)
  --vocab N           text: vocabulary size, [PAD] and [UNK] included (default 10000 word, 2000 bpe)
  --seq-len N         text: tokens per sample (default: the 95th percentile of training lengths;
                      64 for a .txt)
  --out DIR           write the app's export of the trained model, read back and checked:
                      DIR/tfjs/, onnx/, pytorch/, keras/, web/, README.md, metrics.json and
                      DIR/metadata.json (preprocessing, class names in order, the run's settings
                      and test scores, how the CSV was read, the split with its seed and test rows)
  --format LIST       the folders --out writes, as for layerloom export (default all)
  --fresh             start from fresh weights drawn from --seed, ignoring the model's weight files
  --json              print the result as JSON on the last line

Prints one line per epoch. A model.json continues from the weight files its weightsManifest
names; one that is missing, unreadable, the wrong size or holds NaN/Infinity is an error
(--fresh starts over on purpose). A project, or a model.json without a weightsManifest,
starts from initial weights drawn from --seed.

${DATA_OPTIONS_HELP}`;
