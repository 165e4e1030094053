/**
 * Test-only: a stand-in `keras` package (Python) that records what model.py builds instead of
 * building it, so the tests can run build_model() on machines without Keras and check every
 * layer's class, arguments, name and inputs against the graph. Its layers also take
 * set_weights() with the shapes the registry says, for testing load_weights.py.
 */
export const KERAS_STUB_INIT = String.raw`import json

CALLS = []
WEIGHT_SHAPES = {}


class KerasTensor:
    def __init__(self, layer):
        self.layer = layer


class Weight:
    def __init__(self, shape):
        self.shape = tuple(shape)


class Recorded:
    """A layer, initializer or regularizer: its class and the arguments it was made with."""

    def __init__(self, family, class_name, args, kwargs):
        self.family = family
        self.class_name = class_name
        self.args = args
        self.kwargs = kwargs
        self.name = kwargs.get("name")
        self.inbound = None
        self.assigned = None
        self.call_kwargs = {}

    def __call__(self, inputs, *more, **call_kwargs):
        if self.inbound is not None:
            raise RuntimeError(f"layer {self.name!r} called twice")
        tensors = inputs if isinstance(inputs, list) else [inputs]
        # MultiHeadAttention(query, value, key=...): a value that is the query itself is
        # self-attention, one edge in the graph.
        tensors = tensors + [t for t in more if t is not inputs]
        tensors = tensors + [v for v in call_kwargs.values() if isinstance(v, KerasTensor)]
        self.inbound = [t.layer.name for t in tensors]
        self.call_kwargs = {k: v for k, v in call_kwargs.items() if not isinstance(v, KerasTensor)}
        CALLS.append(self)
        return KerasTensor(self)

    @property
    def weights(self):
        return [Weight(s) for s in WEIGHT_SHAPES.get(self.name, [])]

    def set_weights(self, arrays):
        self.assigned = [list(a.shape) for a in arrays]


class Family:
    def __init__(self, family):
        self.family = family

    def __getattr__(self, class_name):
        if class_name.startswith("__"):
            raise AttributeError(class_name)
        return lambda *args, **kwargs: Recorded(self.family, class_name, args, kwargs)


layers = Family("layers")
initializers = Family("initializers")
regularizers = Family("regularizers")

# model.py imports keras_hub (PositionEmbedding, TokenAndPositionEmbedding) after keras.
import sys as _sys
import types as _types

_keras_hub = _types.ModuleType("keras_hub")
_keras_hub.layers = Family("keras_hub.layers")
_sys.modules.setdefault("keras_hub", _keras_hub)


class ops:
    @staticmethod
    def clip(x, low, high):
        return x


class saving:
    @staticmethod
    def register_keras_serializable(package=None):
        return lambda function: function


def Input(shape=None, batch_size=None, dtype=None, name=None):
    layer = Recorded("layers", "InputLayer", (), {"shape": shape, "batch_size": batch_size, "dtype": dtype, "name": name})
    layer.inbound = []
    CALLS.append(layer)
    return KerasTensor(layer)


class Model:
    def __init__(self, inputs, outputs, name):
        self.inputs = inputs
        self.outputs = outputs
        self.name = name
        self.layers = list(CALLS)

    def get_layer(self, name):
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(f"No such layer: {name}")


def plain(value):
    """The recorded arguments as JSON-able data."""
    if isinstance(value, Recorded):
        return {"class": value.class_name, "args": plain(list(value.args)), "kwargs": plain(value.kwargs)}
    if isinstance(value, KerasTensor):
        return value.layer.name
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if callable(value):
        return "function:" + value.__name__
    return value


def describe(model):
    as_list = lambda x: x if isinstance(x, list) else [x]
    return {
        "name": model.name,
        "inputs": [t.layer.name for t in as_list(model.inputs)],
        "outputs": [t.layer.name for t in as_list(model.outputs)],
        "single_input": not isinstance(model.inputs, list),
        "layers": [
            {
                "class": l.class_name,
                "family": l.family,
                "name": l.name,
                "inbound": l.inbound,
                "kwargs": plain(l.kwargs),
                "call_kwargs": plain(l.call_kwargs),
            }
            for l in model.layers
        ],
    }
`;
