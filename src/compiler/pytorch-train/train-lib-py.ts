/**
 * train_lib.py: the parts of train.py that must equal the app's own code, each ported line for line
 * from the TypeScript named beside it, so the tests can hold the two side by side: the seeded split
 * (src/data/random.ts mulberry32, src/data/split.ts), the optimizers (tfjs-core's update rules,
 * epsilon included), the losses and metrics on probabilities (src/training/losses.ts, metrics.ts),
 * the schedules and monitors (src/training/schedule.ts, monitor.ts, early-stopping.ts) and the
 * dataset fingerprint (src/session/dataset-info.ts).
 */
export const TRAIN_LIB_PY = String.raw`"""What train.py must do exactly as Layerloom does: split, optimizers, losses, schedules."""
import math

import numpy as np
import torch

M32 = 0xFFFFFFFF


def mulberry32(seed):
    """src/data/random.ts: a stream of floats in [0, 1), the same numbers as the app's for a seed."""
    state = [seed & M32]

    def imul(a, b):
        return (a * b) & M32

    def next_float():
        state[0] = (state[0] + 0x6D2B79F5) & M32
        t = state[0]
        t = imul(t ^ (t >> 15), t | 1)
        t = (t ^ ((t + imul(t ^ (t >> 7), t | 61)) & M32)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296

    return next_float


SHUFFLE_SALT = 0x85EBCA6B  # src/data/random.ts STREAM_SALT.shuffle


def rng_for(seed, salt):
    """src/data/random.ts rngFor: the seed mixed with a stream's salt (murmur3's finaliser)."""
    h = (seed ^ salt) & M32
    h = ((h ^ (h >> 16)) * 0x85EBCA6B) & M32
    h = ((h ^ (h >> 13)) * 0xC2B2AE35) & M32
    return mulberry32((h ^ (h >> 16)) & M32)


def shuffled_indices(n, rng):
    return np.asarray(shuffle_in_place(list(range(n)), rng), dtype=np.int64)


def shuffle_in_place(items, rng):
    for i in range(len(items) - 1, 0, -1):
        j = math.floor(rng() * (i + 1))
        items[i], items[j] = items[j], items[i]
    return items


def normalize_ratios(ratios):
    train, validation, test = (float(ratios[k]) for k in ("train", "validation", "test"))
    if any(not math.isfinite(p) or p < 0 for p in (train, validation, test)) or not train > 0:
        raise ValueError(f"bad split ratios {ratios}: train must be above 0, none negative")
    total = train + validation + test
    return train / total, validation / total, test / total


def js_round(x):
    """JavaScript's Math.round: halves go up."""
    return math.floor(x + 0.5)


def split_counts(n, ratios):
    _, r_validation, r_test = normalize_ratios(ratios)
    test = js_round(n * r_test)
    validation = js_round(n * (r_test + r_validation)) - test
    if n > 0 and n - test - validation < 1:
        if validation >= test and validation > 0:
            validation -= 1
        else:
            test -= 1
    return n - test - validation, validation, test


def stratified_split(labels, ratios, rng):
    """Positions per split (train, validation, test), as src/data/split.ts stratifiedSplitIndices."""
    distinct = sorted(set(labels))
    class_of = {label: k for k, label in enumerate(distinct)}
    members = [[] for _ in distinct]
    for i, label in enumerate(labels):
        members[class_of[label]].append(i)
    train, validation, test = [], [], []
    for group in members:  # ascending label order, so the random stream is used the same way
        n_train, n_validation, n_test = split_counts(len(group), ratios)
        shuffle_in_place(group, rng)
        test += group[:n_test]
        validation += group[n_test : n_test + n_validation]
        train += group[n_test + n_validation :]
    return shuffle_in_place(train, rng), shuffle_in_place(validation, rng), shuffle_in_place(test, rng)


def shuffle_split(n, ratios, rng):
    order = shuffle_in_place(list(range(n)), rng)
    _, n_validation, n_test = split_counts(n, ratios)
    return order[n_test + n_validation :], order[n_test : n_test + n_validation], order[:n_test]


def fingerprint(arrays, sizes):
    """src/session/dataset-info.ts: FNV-1a over evenly spaced float32 words of the splits' arrays."""
    h = 0x811C9DC5
    for a in arrays:
        words = np.ascontiguousarray(a, dtype="<f4").reshape(-1).view("<u4")
        step = max(1, len(words) // (1 << 18))
        for w in [len(words)] + words[::step].tolist():
            h = ((h ^ w) * 0x01000193) & M32
    return f"{h:08x}-{'/'.join(str(s) for s in sizes)}"


class TfjsOptimizer(torch.optim.Optimizer):
    """tfjs-core's optimizers, update rule for update rule (src/training/optimizers.ts makes them)."""

    NAMES = ("sgd", "momentum", "adagrad", "adadelta", "adam", "adamax", "rmsprop")

    def __init__(self, params, settings):
        if settings["name"] not in self.NAMES:
            raise ValueError(f"unknown optimizer {settings['name']!r}; train.py knows {', '.join(self.NAMES)}")
        super().__init__(params, {"lr": float(settings["learningRate"])})
        self.settings = settings
        self.iterations = 0
        self.acc_beta1 = np.float32(1.0)
        self.acc_beta2 = np.float32(1.0)

    @torch.no_grad()
    def step(self, closure=None):
        s = self.settings
        name = s["name"]
        if name in ("adam", "adamax"):
            self.acc_beta1 = np.float32(self.acc_beta1 * np.float32(s["beta1"]))
            self.acc_beta2 = np.float32(self.acc_beta2 * np.float32(s["beta2"]))
        for group in self.param_groups:
            lr = group["lr"]
            for p in group["params"]:
                if p.grad is not None:
                    self._update(name, s, lr, p, p.grad, self.state[p])
        self.iterations += 1

    def _update(self, name, s, lr, p, g, state):
        if not state:
            fill = s.get("initialAccumulatorValue", 0.0) if name == "adagrad" else 0.0
            state.update(a=torch.full_like(p, fill), b=torch.zeros_like(p), c=torch.zeros_like(p))
        a, b, c = state["a"], state["b"], state["c"]
        if name == "sgd":
            p.add_(g, alpha=-lr)
        elif name == "momentum":
            a.mul_(s["momentum"]).add_(g)
            p.add_(g + a * s["momentum"] if s["nesterov"] else a, alpha=-lr)
        elif name == "adagrad":
            a.add_(g * g)
            p.add_(g / torch.sqrt(a + 1e-7), alpha=-lr)
        elif name == "adadelta":
            rho, eps = s["rho"], s["epsilon"]
            # As tfjs writes it: the step divides by the accumulated squares from before this gradient.
            update = torch.sqrt(b + eps) / torch.sqrt(a + eps) * g
            a.mul_(rho).add_(g * g, alpha=1 - rho)
            b.mul_(rho).add_(update * update, alpha=1 - rho)
            p.add_(update, alpha=-lr)
        elif name == "adam":
            a.mul_(s["beta1"]).add_(g, alpha=1 - s["beta1"])
            b.mul_(s["beta2"]).add_(g * g, alpha=1 - s["beta2"])
            m_hat = a / float(1 - self.acc_beta1)
            v_hat = b / float(1 - self.acc_beta2)
            p.add_(m_hat / (torch.sqrt(v_hat) + s["epsilon"]), alpha=-lr)
        elif name == "adamax":
            step_lr = -lr / (self.iterations * s["decay"] + 1)
            a.mul_(s["beta1"]).add_(g, alpha=1 - s["beta1"])
            torch.maximum(b * s["beta2"], g.abs(), out=b)
            p.add_(a / (b + s["epsilon"]), alpha=step_lr / float(1 - self.acc_beta1))
        elif name == "rmsprop":
            rho, eps = s["rho"], s["epsilon"]
            a.mul_(rho).add_(g * g, alpha=1 - rho)
            if s["centered"]:
                c.mul_(rho).add_(g, alpha=1 - rho)
                # As tfjs writes it: sqrt(ms - (mg² + eps)).
                denominator = torch.sqrt(a - (c * c + eps))
            else:
                denominator = torch.sqrt(a + eps)
            b.mul_(s["momentum"]).add_(g * lr / denominator)
            p.sub_(b)


EPSILON = 1e-7  # tfjs-layers' epsilon() on float32 backends
LOSSES = ("categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy", "mse", "mae", "huber", "hinge")


def _per_sample(values):
    return values.flatten(start_dim=1).mean(dim=1) if values.dim() > 1 else values


def targets_for(loss, y, units):
    """src/training/losses.ts encodeLabels: class indices, one-hot for several units, else a column."""
    if loss == "sparse_categorical_crossentropy":
        return y.long()
    if units == 1:
        return y.float().reshape(-1, 1)
    return torch.nn.functional.one_hot(y.long(), units).float()


def sample_losses(loss, target, probs):
    """One loss per sample, as tfjs computes it on the model's probabilities or values."""
    if loss in ("categorical_crossentropy", "sparse_categorical_crossentropy"):
        if loss == "sparse_categorical_crossentropy":
            target = torch.nn.functional.one_hot(target.reshape(-1), probs.shape[-1]).float()
        p = torch.clamp(probs / probs.sum(dim=-1, keepdim=True), EPSILON, 1 - EPSILON)
        return _per_sample(-(target * torch.log(p)).sum(dim=-1, keepdim=True))
    if loss == "binary_crossentropy":
        p = torch.clamp(probs, EPSILON, 1 - EPSILON)
        logits = torch.log(p / (1 - p))
        return _per_sample(torch.nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="none"))
    error = probs - target.reshape(probs.shape)
    if loss == "mse":
        return _per_sample(error * error)
    if loss == "mae":
        return _per_sample(error.abs())
    if loss == "huber":
        quadratic = torch.clamp(error.abs(), max=1.0)
        return _per_sample(0.5 * quadratic * quadratic + (error.abs() - quadratic))
    if loss == "hinge":
        signed = 2 * target.reshape(probs.shape) - 1
        return _per_sample(torch.relu(1 - signed * probs))
    raise ValueError(f"unknown loss {loss!r}; train.py knows {', '.join(LOSSES)}")


def metric_sums(task, loss, probs, y):
    """Sums that add up over batches and processes: [right] for classification, else [|e|, e², y, y²]."""
    if task == "regression":
        e = probs.reshape(-1).double() - y.double()
        yd = y.double()
        return [e.abs().sum(), (e * e).sum(), yd.sum(), (yd * yd).sum()]
    if probs.shape[-1] == 1:
        predicted = (probs.reshape(-1) > (0.0 if loss == "hinge" else 0.5)).long()
    else:
        predicted = probs.argmax(dim=-1)
    return [(predicted == torch.round(y).long()).double().sum()]


def scores(task, loss_sum, sums, n):
    """src/training/metrics.ts from the summed parts."""
    if n == 0:
        return {"loss": 0.0, **({"accuracy": 0.0} if task != "regression" else {"mae": 0.0, "mse": 0.0, "r2": 0.0})}
    if task != "regression":
        return {"loss": loss_sum / n, "accuracy": sums[0] / n}
    abs_sum, sq_sum, y_sum, y_sq = sums
    total = y_sq - y_sum * y_sum / n
    r2 = (1.0 if sq_sum == 0 else 0.0) if total <= 0 else 1 - sq_sum / total
    return {"loss": loss_sum / n, "mae": abs_sum / n, "mse": sq_sum / n, "r2": r2}


def resolve_monitor(monitor, metric, has_validation):
    """src/training/monitor.ts resolveMonitor (the warning is printed by the caller)."""
    base = monitor[4:] if monitor.startswith("val_") else monitor
    resolved = monitor
    if base not in ("loss", metric):
        resolved = f"val_{metric}" if monitor.startswith("val_") else metric
    if resolved.startswith("val_") and not has_validation:
        resolved = resolved[4:]
    return resolved


def improves(monitor, value, best, min_delta):
    if best is None:
        return True
    return value > best + min_delta if monitor.endswith("accuracy") else value < best - min_delta


def scheduled_lr(schedule, base_lr, epoch_index):
    if schedule["kind"] == "step":
        return base_lr * schedule["factor"] ** (epoch_index // schedule["everyEpochs"])
    if schedule["kind"] == "exponential":
        return base_lr * schedule["decayRate"] ** epoch_index
    return base_lr


def plateau_step(schedule, monitor, state, value, lr):
    """src/training/schedule.ts plateauStep: the rate for the next epoch."""
    if value is None:
        return lr
    if state["cooldown"] > 0:
        state["cooldown"] -= 1
    if improves(monitor, value, state["best"], schedule["minDelta"]):
        state["best"], state["wait"] = value, 0
        return lr
    if state["cooldown"] > 0:
        return lr
    state["wait"] += 1
    if state["wait"] < schedule["patience"] or lr <= schedule["minLr"]:
        return lr
    state["wait"], state["cooldown"] = 0, schedule["cooldown"]
    return max(lr * schedule["factor"], schedule["minLr"])
`;
