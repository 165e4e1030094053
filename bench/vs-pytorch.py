# PyTorch side of `npm run bench -- vs-pytorch`: models A and B of ../shared/perf-baseline.md,
# batch 64, Adam (lr 0.001), softmax cross-entropy, median of 3 timed epochs of 2,048 samples
# after a warm-up epoch. Run by /usr/bin/python3 (Debian's python3-torch); prints one JSON line.
# Usage: vs-pytorch.py THREADS [A,B]
import json
import statistics
import sys
import time

import torch
from torch import nn

ROWS = 2048
BATCH = 64
TIMED_EPOCHS = 3


def model(name):
    if name == 'A':
        return nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
    # Keras 'valid' padding: 28 → 26 → 13 → 11 → 5; 5·5·64 = 1600 features.
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10),
    )


def data(name, gen):
    shape = (ROWS, 64) if name == 'A' else (ROWS, 1, 28, 28)
    x = torch.rand(shape, generator=gen) * 2 - 1
    y = torch.randint(0, 10, (ROWS,), generator=gen)
    return x, y


def measure(name):
    gen = torch.Generator().manual_seed(1)
    torch.manual_seed(1)
    net = model(name)
    # The last Linear gives logits; CrossEntropyLoss is softmax + categorical cross-entropy in one.
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(net.parameters(), lr=0.001)
    x, y = data(name, gen)
    rates = []
    for epoch in range(1 + TIMED_EPOCHS):
        started = time.perf_counter()
        order = torch.randperm(ROWS, generator=gen)
        for i in range(0, ROWS, BATCH):
            idx = order[i:i + BATCH]
            opt.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            loss.item()  # the app reads each batch's loss back too
        if epoch > 0:
            rates.append(ROWS / (time.perf_counter() - started))
    return statistics.median(rates)


def main():
    threads = int(sys.argv[1])
    names = sys.argv[2].split(',') if len(sys.argv) > 2 else ['A', 'B']
    torch.set_num_threads(threads)
    out = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'samplesPerSec': {}}
    for name in names:
        out['samplesPerSec'][name] = measure(name)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
