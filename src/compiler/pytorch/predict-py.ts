import { PREDICT_PY as KERAS_PREDICT_PY } from '../python/predict-py';

/**
 * predict.py for the PyTorch model. The reading of metadata.json, the preparing of the example
 * (through preprocess.py, the same file the Keras project ships) and the printing of the result
 * are the Keras predict.py's own functions, copied out of its source here so the two cannot
 * drift; only main(), which builds the model, is PyTorch's.
 */

/** The functions predict.py shares with the Keras project's predict.py. */
export const SHARED_PREDICT_FUNCTIONS = [
  'read_metadata',
  'transform_of',
  'class_names_of',
  'read_csv_row',
  'made_up_inputs',
  'example_inputs',
  'describe',
] as const;

/** The top-level `def name(...)` blocks of a Python source, in the order asked for. */
export function pythonFunctions(source: string, names: readonly string[]): string {
  const lines = source.split('\n');
  return names
    .map((name) => {
      const start = lines.findIndex((l) => l.startsWith(`def ${name}(`));
      if (start < 0) throw new Error(`The Keras predict.py has no function ${name}()`);
      let end = start + 1;
      while (end < lines.length && (lines[end] === '' || /^\s/.test(lines[end] as string))) end++;
      return lines.slice(start, end).join('\n').trimEnd();
    })
    .join('\n\n\n');
}

const HEAD = String.raw`"""Predicts with the exported PyTorch model on one example.

    python predict.py                         # an example made up from the model's input shapes
    python predict.py --record '{"age": 42}'  # one raw record (tabular data; missing columns are filled)
    python predict.py --csv data.csv --row 3  # a row of a CSV file with the training columns
    python predict.py --image photo.png       # an image (needs Pillow)
"""
import argparse
import csv
import json
import os
import sys
from types import SimpleNamespace

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
`;

const MAIN = String.raw`
def main():
    parser = argparse.ArgumentParser(description="Predict with the exported PyTorch model on one example.")
    parser.add_argument("--record", help="one raw record as JSON: an object by column name, or a list in file order")
    parser.add_argument("--csv", help="a CSV file with the training columns (the label may be missing)")
    parser.add_argument("--row", type=int, default=0, help="which data row of --csv to use (0 = first)")
    parser.add_argument("--image", help="an image file (png, jpg, ...) for image models")
    parser.add_argument("--weights", default="weights.npz", help="the weights (.npz), relative to this folder")
    args = parser.parse_args()

    sys.path.insert(0, HERE)
    import torch
    from model import INPUT_DTYPES, INPUT_SHAPES, build_model, load_weights, resolve_path

    model = build_model()
    if os.path.exists(resolve_path(args.weights)):
        load_weights(model, args.weights)
    else:
        print(f"No {args.weights}: predicting with untrained weights.", file=sys.stderr)
    model.eval()
    metadata = read_metadata()
    transform = transform_of(metadata)
    # What the shared helpers read of a Keras model: its inputs' shapes and dtypes.
    spec = SimpleNamespace(inputs=[SimpleNamespace(shape=s, dtype=d) for s, d in zip(INPUT_SHAPES, INPUT_DTYPES)])
    inputs = example_inputs(spec, transform, args)
    with torch.no_grad():
        predictions = model(*[torch.as_tensor(np.asarray(x)) for x in inputs])
    outputs = predictions if isinstance(predictions, tuple) else (predictions,)
    for output in outputs:
        describe(output.numpy(), class_names_of(metadata, transform) if len(outputs) == 1 else None)


if __name__ == "__main__":
    main()
`;

export function predictPy(): string {
  return `${HEAD}\n\n${pythonFunctions(KERAS_PREDICT_PY, SHARED_PREDICT_FUNCTIONS)}\n\n${MAIN}`;
}
