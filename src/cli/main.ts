import { parseArgs } from 'node:util';
import { runData } from './data';
import { DATA_OPTIONS, DATA_OPTIONS_HELP, readDataOptions } from './data-options';
import { readFormats } from './bundle';
import { runExport } from './export';
import { loadModelFile } from './load';
import { summaryJson, summaryTable } from './summary';
import { TRAIN_HELP } from './train-help';
import { analyzeGraph } from '../model/analyze';
import { GAN_TEMPLATES } from '../model/gan-template';
import { templates } from '../model/templates';

const HELP: Record<string, string> = {
  main: `layerloom — check, summarise and export Layerloom models from the command line

Usage: layerloom <command> [options]

Commands:
  summary <model.json|project.json>    Keras-style summary table (--json for JSON)
  validate <project.json|model.json>   List validation errors with layer names
  export <model.json|project.json> --out DIR [--format F]
                                       Write the app's export as a folder: tfjs/, keras/, web/, metadata.json
  data <file.csv|images.zip|dir>       Inferred schema, task and problems of a dataset
  train --model M --data D [--label C] Train on a CSV, an image folder or a ZIP; score it on the test split
  train --template NAME --data D       The same with a template sized to the data
  templates                            Template names and the data each fits (--json for JSON)

Run 'layerloom <command> --help' for a command's options.`,
  summary: `Usage: layerloom summary <model.json|project.json> [--json]

Prints each layer's name, type, output shape and parameter count. The last line is
'Total params: N'. With --json, prints one JSON object with total_params,
trainable_params, non_trainable_params and a per-layer list.`,
  validate: `Usage: layerloom validate <project.json|model.json> [--json]

Checks the graph: shapes, connections, params. Exits 0 when it is valid, 1 otherwise.`,
  data: `Usage: layerloom data <file.csv|images.zip|folder> [--json] [--label COL] [reading options]

For a CSV: prints each column's inferred type (numeric, categorical, boolean, date, text), role
(feature, label, ignore), missing count and a short statistic, then the task (binary, multiclass,
regression), the row count, the model input width and the problems found, each with the option
that fixes it. --label picks the label column (default: one named label/target/class, else the
last usable column). With --json, prints one JSON object with the schema (min, max and mean of
every numeric column) and the first 20 records. For images: the classes and their counts.
Exits 0 when the dataset can be used for training, 1 otherwise.

${DATA_OPTIONS_HELP}`,
  export: `Usage: layerloom export <model.json|project.json> --out DIR [--format LIST] [--fresh]

Writes what the app's Deploy export holds, as a folder:
  DIR/metadata.json   inputs, outputs and their meaning (also DIR/tfjs/metadata.json)
  DIR/tfjs/           model.json + weights for tf.loadLayersModel: one weights.bin up to 4 MB,
                      else 4 MB shards group1-shard1ofN.bin…
  DIR/keras/          a Keras 3 project: model.py, load_weights.py (numpy), predict.py
  DIR/web/            a standalone try-it page with a local tf.min.js
  DIR/onnx/model.onnx the model in ONNX (opset 13)
  DIR/pytorch/        a PyTorch project: model.py (nn.Module), weights.npz, predict.py
  DIR/README.md       what each folder holds and how to load it
--format picks folders: a comma-separated list of tfjs, onnx, pytorch, keras, web, or all
(the default: every format; with all, onnx or pytorch is left out with a warning when the
model has a layer it cannot express, while naming it makes that an error). Every file is read back and checked (size, SHA-256,
the tfjs weights value for value) before success is reported.
Weights come from the files the model.json names; one that is missing or does not match
is an error. A project, or a model.json without a weightsManifest, starts from freshly
initialised weights; --fresh does so on purpose and ignores the model's weight files.`,
  train: TRAIN_HELP,
  templates: `Usage: layerloom templates [--json]

Lists the templates 'layerloom train --template NAME' builds: each name, the data it fits
(table, image, text, text-lm for one text to continue, mixed for a table whose text or id
columns feed Inputs of their own: --text-columns, --id-columns) and what it is. With --json, one JSON
array of {name, data, title, task, description}.`,
};

class UsageError extends Error {}

function listTemplates(json: boolean, out: (line: string) => void): number {
  const rows = [...templates, ...GAN_TEMPLATES].map((t) => ({
    name: t.id,
    data: [...t.data],
    title: t.title,
    task: t.task,
    description: t.description,
  }));
  if (json) {
    out(JSON.stringify(rows));
    return 0;
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  const dataWidth = Math.max(...rows.map((r) => r.data.join(', ').length));
  for (const r of rows)
    out(`${r.name.padEnd(width)}  ${r.data.join(', ').padEnd(dataWidth)}  ${r.title}: ${r.description}`);
  return 0;
}

function need(file: string | undefined, command: string): string {
  if (!file) throw new UsageError(`layerloom ${command} needs a file.\n\n${HELP[command]}`);
  return file;
}

export async function main(
  argv: string[],
  out: (line: string) => void = (s) => void process.stdout.write(`${s}\n`),
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    out(HELP.main!);
    return command ? 0 : 1;
  }
  if (!(command in HELP) || command === 'main') throw new UsageError(`Unknown command '${command}'.\n\n${HELP.main}`);
  // Loaded on demand: tfjs and the training core are heavy for the other commands.
  if (command === 'train') return (await import('./train')).runTrain(rest, out);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        out: { type: 'string' },
        label: { type: 'string' },
        ...DATA_OPTIONS,
        fresh: { type: 'boolean' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${HELP[command]}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(HELP[command]!);
    return 0;
  }
  if (command === 'templates') return listTemplates(values.json ?? false, out);
  const file = need(positionals[0], command);

  if (command === 'data') {
    let choices;
    try {
      choices = readDataOptions(values);
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\n\n${HELP.data}`);
    }
    return runData(file, { json: values.json ?? false, label: values.label, choices }, out);
  }

  if (command === 'export') {
    if (!values.out) throw new UsageError(`layerloom export needs --out DIR.\n\n${HELP.export}`);
    let choice;
    try {
      choice = readFormats(values.format);
    } catch (err) {
      throw new UsageError(`${(err as Error).message}\n\n${HELP.export}`);
    }
    const written = await runExport(file, values.out, { fresh: values.fresh ?? false, formats: choice });
    for (const w of written.warnings) process.stderr.write(`warning: ${w}\n`);
    out(`Wrote ${written.files.join(', ')} (${written.totalParams} params)`);
    return 0;
  }

  const loaded = await loadModelFile(file);
  for (const w of loaded.warnings) process.stderr.write(`warning: ${w}\n`);
  const analysis = analyzeGraph(loaded.graph);
  const summary = summaryJson(loaded.name, loaded.graph, analysis);
  if (command === 'summary') {
    out(values.json ? JSON.stringify(summary) : summaryTable(summary));
    return analysis.errors.length > 0 ? 1 : 0;
  }
  // validate
  if (values.json) out(JSON.stringify({ valid: analysis.errors.length === 0, errors: summary.errors }));
  else if (analysis.errors.length === 0)
    out(`${file}: valid — ${loaded.graph.nodes.length} layers, ${analysis.totals.total} params`);
  else {
    out(`${file}: ${analysis.errors.length} problem${analysis.errors.length === 1 ? '' : 's'}`);
    for (const e of summary.errors) out(`  ${e.layer ? `[${e.layer}] ` : ''}${e.message}`);
  }
  return analysis.errors.length === 0 ? 0 : 1;
}

/** Entry point used by bin/layerloom.mjs: never a stack trace, always a sentence and an exit code. */
export async function run(argv: string[]): Promise<void> {
  // `layerloom data big.csv | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    process.exitCode = await main(argv);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`layerloom: ${message}\n`);
    if (process.env.LAYERLOOM_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  }
}
