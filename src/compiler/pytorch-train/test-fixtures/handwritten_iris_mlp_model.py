"""TEST FIXTURE ONLY, written by hand: stands in for the model.py that src/compiler/pytorch generates,
for the iris MLP of ddp.test.ts (Input [4] -> Dense 16 relu -> Dense 3 softmax), with that exporter's
interface: Model, build_model, load_model, load_weights, tfjs_weights, INPUT_NAMES, OUTPUT_NAMES."""
import os

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
INPUT_NAMES = ["input"]
OUTPUT_NAMES = ["dense_1"]
LAYERS = [("dense", 4, 16, torch.relu), ("dense_1", 16, 3, lambda x: torch.softmax(x, dim=-1))]


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(i, o) for _, i, o, _ in LAYERS)
        for layer in self.layers:  # Keras's defaults: Glorot-uniform kernels, zero biases
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)

    def forward(self, *inputs):
        x = inputs[0]
        for layer, (_, _, _, activation) in zip(self.layers, LAYERS):
            x = activation(layer(x))
        return x


def build_model():
    return Model()


def tfjs_weights(model):
    out = []
    for layer, (name, _, _, _) in zip(model.layers, LAYERS):
        out.append((f"{name}/kernel", layer.weight.detach().cpu().numpy().T.copy()))
        out.append((f"{name}/bias", layer.bias.detach().cpu().numpy().copy()))
    return out


def load_weights(model, path):
    arrays = np.load(path)
    with torch.no_grad():
        for layer, (name, _, _, _) in zip(model.layers, LAYERS):
            layer.weight.copy_(torch.from_numpy(arrays[f"{name}/kernel"].T.copy()))
            layer.bias.copy_(torch.from_numpy(arrays[f"{name}/bias"]))
    return model


def load_model(path=None):
    model = build_model()
    load_weights(model, path or os.path.join(HERE, "weights.npz"))
    return model.eval()
