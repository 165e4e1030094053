import type { ProjectPlan } from './project-plan';
import { pyString, pyTuple } from './py-literal';

/**
 * load_weights.py: reads weights.bin through the tfjs weights manifest with numpy alone, and
 * sets each Keras layer's weights by name. It reads the weights_manifest.json written with the
 * project and also the app's TensorFlow.js model.json (whose `weightsManifest` is the same).
 */

const BODY = String.raw`
# numpy dtypes of the manifest's dtype names; TensorFlow.js writes little-endian.
_DTYPES = {
    "float32": "<f4",
    "int32": "<i4",
    "float16": "<f2",
    "int16": "<i2",
    "uint16": "<u2",
    "uint8": "u1",
    "bool": "?",
}


def _manifest(doc):
    """The weight groups and the layer names a manifest document names."""
    if isinstance(doc, list):
        return doc, []
    if isinstance(doc, dict) and isinstance(doc.get("weightsManifest"), list):
        topology = doc.get("modelTopology")
        config = topology.get("config", {}) if isinstance(topology, dict) else {}
        layers = config.get("layers", []) if isinstance(config, dict) else []
        names = [layer.get("name") for layer in layers if isinstance(layer, dict)]
        return doc["weightsManifest"], [n for n in names if isinstance(n, str)]
    raise ValueError(
        "The manifest file has no weightsManifest list; give weights_manifest.json "
        "or the model.json exported by Layerloom"
    )


def _layer_of(entry, known_layers):
    """The layer an entry belongs to. Entry names are '<layer>/<weight>', and both parts may hold '/'."""
    if isinstance(entry.get("layer"), str):
        return entry["layer"]
    name = entry["name"]
    owners = [layer for layer in known_layers if name.startswith(layer + "/")]
    if owners:
        return max(owners, key=len)
    return name.split("/", 1)[0]


def _decode(raw, entry):
    """The entry's bytes as a float32 array (dequantized when TensorFlow.js quantized it)."""
    quantization = entry.get("quantization")
    dtype = entry.get("dtype", "float32")
    if quantization:
        stored = np.frombuffer(raw, dtype=_DTYPES[quantization["dtype"]])
        if quantization["dtype"] == "float16":
            return stored.astype(np.float32)
        return (stored.astype(np.float32) * quantization["scale"] + quantization["min"]).astype(np.float32)
    if dtype not in _DTYPES:
        raise ValueError(f"Weight {entry['name']!r} has dtype {dtype!r}, which this reader does not know")
    return np.frombuffer(raw, dtype=_DTYPES[dtype]).copy()


def _byte_length(entry):
    quantization = entry.get("quantization")
    storage = quantization["dtype"] if quantization else entry.get("dtype", "float32")
    if storage not in _DTYPES:
        raise ValueError(f"Weight {entry['name']!r} is stored as {storage!r}, which this reader does not know")
    count = int(np.prod(entry["shape"], dtype=np.int64))
    return count * np.dtype(_DTYPES[storage]).itemsize


def _default_manifest(path_json):
    """weights_manifest.json next to this file, not in the working directory: the scripts are run from anywhere."""
    return os.path.join(HERE, "weights_manifest.json") if path_json is None else path_json


def read_weights(path_json=None, path_bin=None):
    """Reads the weights without Keras: {layer name: [numpy arrays in Keras order]}.

    path_json is weights_manifest.json or a TensorFlow.js model.json (default: the
    weights_manifest.json next to this file). path_bin is the weights file, or a list of
    shard files in manifest order; by default the files the manifest names, next to path_json.
    """
    path_json = _default_manifest(path_json)
    with open(path_json, encoding="utf-8") as f:
        groups, topology_layers = _manifest(json.load(f))
    if path_bin is None:
        path_bin = _named_files(path_json, groups)
    paths = [path_bin] if isinstance(path_bin, (str, os.PathLike)) else list(path_bin)
    data = b"".join(_read_bytes(p) for p in paths)
    known = set(WEIGHTED_LAYERS) | set(topology_layers)
    weights = {}
    offset = 0
    for group in groups:
        for entry in group.get("weights", []):
            length = _byte_length(entry)
            if offset + length > len(data):
                raise ValueError(
                    f"The weights file has {len(data)} bytes but weight {entry['name']!r} needs bytes up to "
                    f"{offset + length}; {_names(paths)} is truncated or belongs to another model"
                )
            values = _decode(data[offset:offset + length], entry).reshape(entry["shape"])
            offset += length
            if entry.get("group") == "optimizer":
                continue  # optimizer state TensorFlow.js may append after the model weights
            weights.setdefault(_layer_of(entry, known), []).append(values)
    if offset != len(data):
        raise ValueError(
            f"The weights file has {len(data)} bytes but the manifest describes {offset}; "
            f"the manifest and {_names(paths)} do not belong together"
        )
    return weights


def _names(paths):
    """The files, as a person reads them: 'weights.bin', or 'group1-shard1of3.bin ... group1-shard3of3.bin'."""
    names = [os.path.basename(p) for p in paths]
    return names[0] if len(names) == 1 else f"{names[0]} ... {names[-1]}"


def _named_files(path_json, groups):
    folder = os.path.dirname(os.path.abspath(path_json))
    return [os.path.join(folder, p) for g in groups for p in g.get("paths", [])]


def weight_files(path_json=None):
    """The weight files the manifest names, next to it, in order (weights.bin, or group1-shard1ofN.bin ...)."""
    path_json = _default_manifest(path_json)
    with open(path_json, encoding="utf-8") as f:
        groups, _ = _manifest(json.load(f))
    return _named_files(path_json, groups)


def _read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"No weights file at {path}; export the trained weights from Layerloom (weights.bin) next to this script"
        ) from None


def load_weights(model, path_json=None, path_bin=None):
    """Sets every layer's weights from the files, by layer name. Returns the model.

    By default it reads weights_manifest.json and the weights it names from this file's folder,
    so it works from any working directory (the export's snippet runs from the export root).
    """
    loaded = set()
    for layer_name, arrays in read_weights(path_json, path_bin).items():
        keras_name = KERAS_NAMES.get(layer_name, layer_name)
        try:
            layer = model.get_layer(keras_name)
        except ValueError:
            raise ValueError(
                f"The weights file has weights for layer {layer_name!r}, but the model has no layer "
                f"named {keras_name!r}; were the weights exported from another model?"
            ) from None
        expected = [tuple(w.shape) for w in layer.weights]
        given = [tuple(a.shape) for a in arrays]
        if expected != given:
            raise ValueError(
                f"Layer {keras_name!r} needs weights of shapes {expected} but the file has {given}; "
                "export the weights again from the same model"
            )
        layer.set_weights(arrays)
        loaded.add(keras_name)
    missing = [layer.name for layer in model.layers if layer.weights and layer.name not in loaded]
    if missing:
        print(f"Warning: no weights in the file for {missing}; they keep their initial values", file=sys.stderr)
    return model


if __name__ == "__main__":
    # python load_weights.py [weights_manifest.json|model.json] [weights files...]: lists the weights (numpy only).
    arguments = sys.argv[1:]
    found = read_weights(arguments[0], arguments[1:] or None) if arguments else read_weights()
    for layer_name, arrays in found.items():
        print(layer_name, [a.shape for a in arrays])
`;

export function loadWeightsPy(plan: ProjectPlan): string {
  const renamed = plan.nodes.filter((p) => p.kerasName !== p.node.name);
  const keras = renamed.map((p) => `    ${pyString(p.node.name)}: ${pyString(p.kerasName)},`);
  const weighted = plan.nodes.filter((p) => p.weights.length > 0).map((p) => pyString(p.node.name));
  return [
    '"""Reads the trained weights (weights.bin + manifest) with numpy and sets them on the Keras model.',
    '',
    'read_weights() needs only numpy; load_weights(model) sets them on a model from model.py.',
    '"""',
    'import json',
    'import os',
    'import sys',
    '',
    'import numpy as np',
    '',
    'HERE = os.path.dirname(os.path.abspath(__file__))',
    '',
    '# Layers whose Keras name differs from the name in Layerloom (Keras 3 refuses "/").',
    keras.length > 0 ? `KERAS_NAMES = {\n${keras.join('\n')}\n}` : 'KERAS_NAMES = {}',
    '',
    '# Layers that have weights, as Layerloom names them.',
    `WEIGHTED_LAYERS = ${pyTuple(weighted)}`,
    BODY,
  ].join('\n');
}
