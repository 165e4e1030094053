/**
 * The part of model.py every export shares: activations as tfjs computes them, Keras
 * initializers, the Layer base class (weights under their Keras names and shapes), and reading
 * and writing weights.npz. Written for torch 1.13 and 2.x alike: nothing newer than 1.13, no
 * torch.compile.
 */
export const RUNTIME_PY = String.raw`
def resolve_path(path):
    """A relative path is taken from this file's folder, not the working directory."""
    return path if os.path.isabs(path) else os.path.join(HERE, path)


def tfjs_hard_sigmoid(x):
    # TensorFlow.js keeps Keras 2's clip(0.2 * x + 0.5, 0, 1) (Keras 3 and torch use x / 6 + 0.5).
    return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)


ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": torch.relu,
    "relu6": lambda x: torch.clamp(x, 0.0, 6.0),
    "elu": F.elu,
    "selu": torch.selu,
    "sigmoid": torch.sigmoid,
    "hard_sigmoid": tfjs_hard_sigmoid,
    "tanh": torch.tanh,
    "softmax": lambda x: torch.softmax(x, -1),
    "softplus": F.softplus,
    "softsign": F.softsign,
    "swish": lambda x: x * torch.sigmoid(x),
    "mish": lambda x: x * torch.tanh(F.softplus(x)),
    "gelu": lambda x: 0.5 * x * (1.0 + torch.erf(x / math.sqrt(2.0))),
}


def fans(shape):
    """Keras's fan-in and fan-out of a weight in Keras layout ([..., in, out])."""
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = 1
    for size in shape[:-2]:
        receptive *= size
    return shape[-2] * receptive, shape[-1] * receptive


VARIANCE_SCALING = {
    "GlorotUniform": (1.0, "avg", "uniform"),
    "GlorotNormal": (1.0, "avg", "normal"),
    "HeUniform": (2.0, "in", "uniform"),
    "HeNormal": (2.0, "in", "normal"),
    "LecunUniform": (1.0, "in", "uniform"),
    "LecunNormal": (1.0, "in", "normal"),
}


@torch.no_grad()
def init_weight(tensor, how):
    """Fills a weight as the Keras initializer named "how" would (its default settings)."""
    if how == "Zeros":
        tensor.zero_()
    elif how == "Ones":
        tensor.fill_(1.0)
    elif how == "RandomUniform":
        tensor.uniform_(-0.05, 0.05)
    elif how == "RandomNormal":
        tensor.normal_(0.0, 0.05)
    elif how == "TruncatedNormal":
        nn.init.trunc_normal_(tensor, 0.0, 0.05, -0.1, 0.1)
    elif how == "Orthogonal" and tensor.dim() >= 2:
        flat = torch.empty(int(np.prod(tensor.shape[:-1])), tensor.shape[-1])
        nn.init.orthogonal_(flat)
        tensor.copy_(flat.reshape(tensor.shape))
    else:
        scale, mode, distribution = VARIANCE_SCALING.get(how, VARIANCE_SCALING["GlorotUniform"])
        fan_in, fan_out = fans(list(tensor.shape))
        n = (fan_in + fan_out) / 2.0 if mode == "avg" else fan_in
        if distribution == "uniform":
            limit = math.sqrt(3.0 * scale / max(1.0, n))
            tensor.uniform_(-limit, limit)
        else:
            std = math.sqrt(scale / max(1.0, n)) / 0.87962566103423978
            nn.init.trunc_normal_(tensor, 0.0, std, -2.0 * std, 2.0 * std)


def weight_attr(name):
    return name.replace("/", "__")


class Layer(nn.Module):
    """One Keras layer. Its weights keep their Keras names and shapes (tfjs layout), so
    tfjs_weights() and weights.npz need no conversion; forward() converts where torch needs it."""

    def __init__(self, name, key, weights=(), trainable=True):
        super().__init__()
        self.tfjs_name = name
        self.key = key
        # (name, shape, "param" or "buffer", initializer)
        self.weight_specs = tuple(weights)
        for wname, shape, kind, _ in self.weight_specs:
            value = torch.zeros(tuple(shape))
            if kind == "buffer":
                self.register_buffer(weight_attr(wname), value)
            else:
                self.register_parameter(weight_attr(wname), nn.Parameter(value, requires_grad=trainable))

    def w(self, name):
        return getattr(self, weight_attr(name))

    def npz_key(self, name):
        return self.key + "." + name.replace("/", ".")

    def reset_parameters(self):
        for wname, _, _, how in self.weight_specs:
            init_weight(self.w(wname), how)


def first_device(module):
    for tensor in module.parameters():
        return tensor.device
    for tensor in module.buffers():
        return tensor.device
    return torch.device("cpu")


def as_input(value, integer, device):
    """numpy or torch input → a tensor on the model's device; floats as float32, ids kept as given."""
    tensor = torch.as_tensor(value, device=device)
    return tensor if integer else tensor.float()
`;

/** The functions after the Model class: the interface train.py and predict.py use. */
export const INTERFACE_PY = String.raw`
def build_model():
    """A fresh model with newly initialised weights (Keras initializers), in training mode."""
    return Model()


def _unwrap(model):
    # DistributedDataParallel and DataParallel keep the model in .module.
    return getattr(model, "module", model)


def load_weights(model, path="weights.npz"):
    """Copies the arrays of an .npz file (keys as in save_weights) into the model."""
    model = _unwrap(model)
    with np.load(resolve_path(path), allow_pickle=False) as data:
        for layer in model.layers:
            for wname, shape, _, _ in layer.weight_specs:
                key = layer.npz_key(wname)
                if key not in data.files:
                    raise KeyError(f"{path} has no array {key!r} (weight {layer.tfjs_name}/{wname})")
                value = data[key]
                if tuple(value.shape) != tuple(shape):
                    raise ValueError(
                        f"{path}: {key!r} has shape {tuple(value.shape)}, but {layer.tfjs_name}/{wname} needs {tuple(shape)}"
                    )
                with torch.no_grad():
                    layer.w(wname).copy_(torch.from_numpy(value.astype(np.float32)))
    return model


def save_weights(model, path="weights.npz"):
    """Writes the weights as an .npz file that load_weights() reads (no pickle)."""
    model = _unwrap(model)
    arrays = {}
    for layer in model.layers:
        for wname, _, _, _ in layer.weight_specs:
            arrays[layer.npz_key(wname)] = layer.w(wname).detach().cpu().numpy().astype(np.float32)
    np.savez(resolve_path(path), **arrays)


def load_model(path=None):
    """The model with the trained weights (weights.npz beside this file by default), in eval mode."""
    model = build_model()
    load_weights(model, "weights.npz" if path is None else path)
    return model.eval()


def regularization_loss(model):
    """What the layers' L1/L2 regularizers add to the training loss in Keras and tfjs:
    sum of l1 * |w| + l2 * w^2 over the regularized weights (0.0 when there are none)."""
    model = _unwrap(model)
    total = 0.0
    for layer in model.layers:
        for wname, _, _, _ in layer.weight_specs:
            l1, l2 = REGULARIZERS.get((layer.tfjs_name, wname), (0.0, 0.0))
            if l1:
                total = total + l1 * layer.w(wname).abs().sum()
            if l2:
                total = total + l2 * layer.w(wname).pow(2).sum()
    return total


def tfjs_weights(model):
    """[(name, array)] in the order, names and shapes of the TensorFlow.js weights manifest
    ("dense_1/kernel", Keras layout), for writing a trained model back as model.json + weights.bin."""
    model = _unwrap(model)
    out = []
    for layer in model.layers:
        for wname, _, _, _ in layer.weight_specs:
            value = layer.w(wname).detach().cpu().numpy().astype(np.float32)
            out.append((layer.tfjs_name + "/" + wname, value))
    return out
`;
