/**
 * train.py, first half (the second is train-run-py.ts; index.ts joins them): trains the exported PyTorch model (model.py, from src/compiler/pytorch) on the user's
 * own table with DistributedDataParallel, as the Layerloom run did (train_spec.json), and writes the
 * result in TensorFlow.js layers format. The exact parts live in train_lib.py (train-lib-py.ts);
 * the raw record → input step is preprocess.py (src/compiler/python/preprocess-py.ts).
 */
export const TRAIN_PY_DATA = String.raw`"""Trains the exported model on your own data with PyTorch DistributedDataParallel.

    python3 train.py --data your.csv                          # one process
    python3 train.py --data your.csv --nproc 2                # 2 processes on this machine
    torchrun --nproc_per_node=2 train.py --data your.csv      # torchrun (add --nnodes, --node_rank,
                                                              # --rdzv_endpoint for several machines)

gloo on CPU, nccl on CUDA (one GPU per process). The preprocessing, split, optimizer, loss, learning
rate, batch size and schedule are the Layerloom run's (train_spec.json). Writes OUT/model.json and
OUT/weights.bin (TensorFlow.js layers format: Layerloom's Import and tf.loadLayersModel read them),
OUT/weights.npz (model.load_model reads it) and OUT/metadata.json, and prints the test scores as one
JSON line at the end. Debian's torch 1.13 torchrun fails under Python 3.11 (AttributeError in elastic's
to_map); use --nproc there.
"""
import argparse
import copy
import csv
import json
import math
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402
from torch.nn.parallel import DistributedDataParallel  # noqa: E402

import preprocess  # noqa: E402
import train_lib as lib  # noqa: E402


def read_spec():
    with open(os.path.join(HERE, "train_spec.json"), encoding="utf-8") as f:
        return json.load(f)


def pick_delimiter(line, columns):
    fields = lambda d: next(csv.reader([line], delimiter=d))  # noqa: E731
    return max(",;\t|", key=lambda d: sum(c in columns for c in fields(d)))


def read_records(path, transform):
    """The file's data rows as lists in the training file's column order (None where a column is absent)."""
    columns = transform["columns"]
    with open(path, newline="", encoding="utf-8-sig") as f:
        delimiter = pick_delimiter(f.readline(), columns)
        f.seek(0)
        reader = csv.reader(f, delimiter=delimiter)
        header = [h.strip() for h in next(reader, [])]
        where = {name: i for i, name in reversed(list(enumerate(header)))}
        needed = [f["name"] for f in transform["features"]] + [transform["label"]["name"]]
        absent = [name for name in needed if name not in where]
        if absent:
            sys.exit(f"{path} has no column {', '.join(map(repr, absent))}; its columns are {', '.join(header)}")
        at = [where.get(name) for name in columns]
        records = []
        for row in reader:
            if row and any(cell.strip() for cell in row):
                records.append([row[i] if i is not None and i < len(row) else None for i in at])
    return records


def label_index(label, cell, missing):
    """The class index (or target value) of a label cell, as src/data/tabular-label.ts reads it; None if unusable."""
    if cell is None or cell.strip() == "" or cell.strip().lower() in missing:
        return None
    if label["task"] == "regression":
        value = preprocess.to_number(cell)
        return None if math.isnan(value) else value
    if label["key"] == "boolean":
        name = cell.strip().lower() if not math.isnan(preprocess.to_boolean(cell)) else None
    elif label["key"] == "number":
        value = preprocess.to_number(cell)
        name = None if math.isnan(value) else preprocess.js_number_text(value)
    else:
        name = cell
    names = label["classNames"]
    return names.index(name) if name in names else None


def dropped(feature, cell, missing):
    """Whether a row is left out for a missing value in a column set to 'drop'."""
    if feature["missing"] != "drop":
        return False
    if cell is None or cell.strip() == "" or cell.strip().lower() in missing:
        return True
    if feature["type"] == "numeric":
        return math.isnan(preprocess.to_number(cell))
    return feature["type"] == "date" and math.isnan(preprocess.to_days(cell))


def recorded_split(metadata):
    split = metadata.get("split") or (metadata.get("run") or {}).get("split") or {}
    return split if isinstance(split, dict) else {}


def prepare(path, spec, say):
    """Rows kept, labels, inputs and the three splits (data-row positions), as the app made them."""
    metadata = spec["metadata"]
    transform = metadata["preprocessing"]
    label = transform["label"]
    missing = {t.strip().lower() for t in transform.get("missingTokens", [])}
    records = read_records(path, transform)
    kept, y = [], []
    for i, record in enumerate(records):
        target = label_index(label, record[label["source"]], missing)
        if target is None or any(dropped(f, record[f["source"]], missing) for f in transform["features"]):
            continue
        kept.append(i)
        y.append(target)
    if len(kept) < 2:
        sys.exit(f"{path}: only {len(kept)} usable rows (with a label the model knows); training needs at least 2")
    split = recorded_split(metadata)
    rows = split.get("rows", split)
    if all(isinstance(rows.get(k), list) for k in ("train", "validation", "test")) and all(
        0 <= r < len(records) for k in ("train", "validation", "test") for r in rows[k]
    ):
        position = {row: p for p, row in enumerate(kept)}
        try:
            parts = [[position[r] for r in rows[k]] for k in ("train", "validation", "test")]
        except KeyError:
            sys.exit(f"metadata.json's split names a row of {path} that has no usable label or value")
        say("split: the rows recorded in metadata.json")
    else:
        seed = split.get("seed", ((metadata.get("run") or {}).get("data") or {}).get("splitSeed"))
        seed = 42 if seed is None else int(seed)
        ratios = split.get("ratios") or {"train": 0.7, "validation": 0.15, "test": 0.15}
        rng = lib.mulberry32(seed)
        classes = label["task"] != "regression"
        parts = lib.stratified_split(y, ratios, rng) if classes else lib.shuffle_split(len(kept), ratios, rng)
        say(f"split: {'stratified' if classes else 'shuffled'}, seed {seed}, ratios {ratios}")
    x = np.stack([preprocess.prepare_tabular(transform, records[i]) for i in kept]).astype(np.float32)
    y = np.asarray(y, dtype=np.float32)
    return x, y, [np.asarray(p, dtype=np.int64) for p in parts]


def output_of(result):
    return result[0] if isinstance(result, (tuple, list)) else result


def all_sum(values, device):
    t = torch.tensor([float(v) for v in values], dtype=torch.float64, device=device)
    dist.all_reduce(t)
    return t.tolist()


def evaluate(model, x, y, rows, plan, device, rank, world):
    """Loss and metrics over a split; each process scores every world-th row, the sums are added up."""
    mine = rows[rank::world]
    loss_sum, sums = 0.0, [0.0] * (4 if plan["task"] == "regression" else 1)
    model.eval()
    with torch.no_grad():
        for start in range(0, len(mine), 1024):
            b = mine[start : start + 1024]
            xb, yb = torch.from_numpy(x[b]).to(device), torch.from_numpy(y[b]).to(device)
            probs = output_of(model(xb))
            target = lib.targets_for(plan["loss"], yb, probs.shape[-1])
            loss_sum += lib.sample_losses(plan["loss"], target, probs).double().sum().item()
            sums = [s + float(v) for s, v in zip(sums, lib.metric_sums(plan["task"], plan["loss"], probs, yb))]
    model.train()
    loss_sum, n, *sums = all_sum([loss_sum, len(mine)] + sums, device)
    return lib.scores(plan["task"], loss_sum, sums, int(n))
`;
