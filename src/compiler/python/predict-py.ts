import { PREDICT_TEXT_PY } from './predict-text-py';

/**
 * predict.py: builds the model, loads the weights and predicts on one example, preparing it
 * with preprocess.py when metadata.json describes the dataset's transform (and tokenizer.py for text).
 */
export const PREDICT_PY = String.raw`"""Predicts with the exported model on one example.

    python predict.py                         # an example made up from the model's input shapes
    python predict.py --record '{"age": 42}'  # one raw record (tabular data; missing columns are filled)
    python predict.py --csv data.csv --row 3  # a row of a CSV file with the training columns, read like the training file
    python predict.py --image photo.png       # an image (needs Pillow)
    python predict.py --text "a review"       # a text (text models; --text - reads standard input)
    python predict.py --generate "Once" --length 200 --temperature 0.8 --seed 1   # language models
"""
import argparse
import csv
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def read_metadata():
    path = os.path.join(HERE, "metadata.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        metadata = json.load(f)
    return metadata if isinstance(metadata, dict) else {}


def transform_of(metadata):
    transform = metadata.get("transform", metadata)
    return transform if isinstance(transform, dict) and "kind" in transform else None


def class_names_of(metadata, transform):
    names = metadata.get("classNames")
    if names is None and transform and isinstance(transform.get("label"), dict):
        names = transform["label"].get("classNames")
    return names if isinstance(names, list) else None


def reading_of(metadata):
    """How the training CSV was read (metadata.json's "csv"): files given to --csv are read the same way."""
    reading = metadata.get("csv")
    reading = reading if isinstance(reading, dict) else {}
    return {
        "delimiter": reading.get("delimiter", ","),
        "encoding": reading.get("encoding", "utf-8"),
        "header": reading.get("header", True),
    }


def parts_of(metadata):
    """The parts of a prepared row (metadata.json's "inputs") when the dataset feeds several Inputs, else None."""
    parts = metadata.get("inputs")
    return parts if isinstance(parts, list) and parts else None


# TextDecoder names (what Layerloom records) that Python spells differently.
_CODECS = {"utf-8": "utf-8-sig", "utf8": "utf-8-sig", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}


def _records(f, delimiter):
    if delimiter == "whitespace":
        return (line.split() for line in f)
    return csv.reader(f, delimiter=delimiter)


def read_csv_row(path, row, reading, transform):
    """Data row number row of the CSV (0 = the first record after the header; blank lines do not count),
    read with the training file's delimiter, encoding and header. Refuses a file whose columns do
    not hold the model's features, instead of filling every feature with its training value."""
    delimiter, header = reading["delimiter"], reading["header"]
    codec = _CODECS.get(str(reading["encoding"]).lower(), reading["encoding"])
    features = transform["features"]
    shown = "whitespace" if delimiter == "whitespace" else repr(delimiter)
    with open(path, newline="", encoding=codec) as f:
        records = (r for r in _records(f, delimiter) if r)
        names = next(records, None) if header else None
        if header:
            if names is None:
                sys.exit(f"{path} is empty")
            names = [n.strip() for n in names]
            missing = [feat["name"] for feat in features if feat["name"] not in names]
            if missing:
                sys.exit(
                    f"{path} has no column {', '.join(repr(m) for m in missing[:5])}"
                    f"{' and more' if len(missing) > 5 else ''}, which the model needs. Read with the training "
                    f"file's delimiter {shown} and {reading['encoding']}, its header gives {len(names)} "
                    f"column(s): {names[:8]}. Give a file with the training columns, separated the same way."
                )
        needed = max(feat["source"] for feat in features) + 1
        for i, record in enumerate(records):
            if i != row:
                continue
            if names is not None:
                return dict(zip(names, record))
            if len(record) < needed:
                sys.exit(
                    f"Data row {row} of {path} has {len(record)} field(s) read with the delimiter {shown}, "
                    f"but the model's features need {needed}; give a file with the training columns, separated the same way."
                )
            return record
    sys.exit(f"{path} has no data row {row}")


def check_record(record, transform):
    """A --record must name at least one feature: one that names none would be every training fill value."""
    if isinstance(record, dict):
        names = [feat["name"] for feat in transform["features"]]
        if not any(n in record for n in names):
            sys.exit(f"--record names none of the model's feature columns ({', '.join(names[:8])}); check the column names")
        absent = [n for n in names if n not in record]
        if absent:
            print(f"Not in the record, so filled with their training values: {', '.join(absent)}", file=sys.stderr)
    return record


def input_name(tensor):
    """The Input layer's name of a model input (Keras names the tensor after it, maybe with a ':0' suffix)."""
    return str(getattr(tensor, "name", "")).split(":")[0]


def made_up_inputs(model):
    """Stand-in inputs when no data is given: random floats, or zeros for integer (token id) inputs."""
    rng = np.random.default_rng(0)
    inputs = []
    for tensor in model.inputs:
        # One sample, unless the model fixes its batch size (stateful RNNs).
        shape = [tensor.shape[0] or 1] + [d if d is not None else 1 for d in tensor.shape[1:]]
        if "int" in str(tensor.dtype):
            inputs.append(np.zeros(shape, dtype="int32"))
        else:
            inputs.append(rng.standard_normal(shape).astype("float32"))
    return inputs


def example_inputs(model, transform, args, reading=None, parts=None):
    import preprocess

    kind = transform.get("kind") if transform else None
    # A dataset of several parts (mixed inputs, recommendation): one row, cut into each Input's slice.
    single = len(model.inputs) == 1 and not parts
    text = getattr(args, "text", None)
    if text is not None and kind != "text":
        sys.exit(f"--text is for text models; metadata.json describes {kind or 'no'} preprocessing")
    if kind == "text" and single and not (args.record or args.csv or args.image):
        if text is None:
            print("No --text given: predicting on an empty text (see --help).")
        return text_inputs(transform, text or "", model.inputs[0].dtype)
    if kind == "tabular" and (single or parts):
        if args.record is not None:
            record = check_record(json.loads(args.record), transform)
        elif args.csv is not None:
            record = read_csv_row(args.csv, args.row, reading or reading_of({}), transform)
        else:
            print("No --record or --csv given: every column is missing, so each gets its training fill value.")
            record = {}
        row = preprocess.prepare_tabular(transform, record)[None, :]
        if parts:
            return preprocess.split_parts(parts, row, [input_name(t) for t in model.inputs])
        return [row]
    if kind == "image" and single and args.image is not None:
        return [preprocess.prepare_image(transform, args.image)[None, ...].astype("float32")]
    if args.record or args.csv or args.image:
        sys.exit("metadata.json does not describe how to prepare that input for this model")
    print("Predicting on a made-up example (see --help for real data).")
    return made_up_inputs(model)


def describe(prediction, class_names):
    row = np.asarray(prediction)[0]
    print("output:", np.array2string(row, precision=4, suppress_small=True))
    if not class_names or row.ndim != 1:
        return
    if row.shape[0] == len(class_names) and row.shape[0] > 1:
        best = int(np.argmax(row))
        print(f"class: {class_names[best]} ({row[best]:.4f})")
    elif row.shape[0] == 1 and len(class_names) == 2:
        print(f"class: {class_names[int(row[0] >= 0.5)]} (p = {row[0]:.4f})")

${PREDICT_TEXT_PY}

def main():
    parser = argparse.ArgumentParser(description="Predict with the exported model on one example.")
    parser.add_argument("--record", help="one raw record as JSON: an object by column name, or a list in file order")
    parser.add_argument("--csv", help="a CSV file with the training columns (the label may be missing), "
                        "separated and encoded like the training file (metadata.json's csv)")
    parser.add_argument("--row", type=int, default=0, help="which data row of --csv to use (0 = first)")
    parser.add_argument("--image", help="an image file (png, jpg, ...) for image models")
    parser.add_argument("--weights", nargs="+", default=None,
                        help="the weights files in manifest order (default: the files the manifest names, next to it)")
    parser.add_argument("--manifest", default=os.path.join(HERE, "weights_manifest.json"),
                        help="weights_manifest.json, or the model.json exported with the weights")
    add_text_arguments(parser)
    args = parser.parse_args()

    sys.path.insert(0, HERE)
    from load_weights import load_weights, weight_files
    from model import build_model

    model = build_model()
    files = args.weights or weight_files(args.manifest)
    if any(os.path.exists(f) for f in files):
        load_weights(model, args.manifest, files)  # a missing shard is an error, not untrained weights
    else:
        print(f"No {', '.join(files)}: predicting with untrained weights.", file=sys.stderr)
    metadata = read_metadata()
    transform = transform_of(metadata)
    if args.generate is not None:
        if not is_text(transform):
            sys.exit("--generate is for language models; metadata.json describes no tokenizer")
        generate_text(lambda x: model.predict(x, verbose=0), transform, args, model.inputs[0].dtype)
        return
    inputs = example_inputs(model, transform, args, reading_of(metadata), parts_of(metadata))
    predictions = model.predict(inputs[0] if len(inputs) == 1 else inputs, verbose=0)
    outputs = predictions if isinstance(predictions, (list, tuple)) else [predictions]
    describe_outputs([np.asarray(o) for o in outputs], metadata, transform, inputs)


if __name__ == "__main__":
    main()
`;
