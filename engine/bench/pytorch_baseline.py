#!/usr/bin/python3
"""Plain-PyTorch baseline for rhmlab's TrainingBenchmark: the same hierarchical CNN written as reshape + matmul
(filter = stride = s, channels-last), ÷√fan-in, ReLU, mean-field readout (÷H), lr×H, SGD momentum 0.9, cross-entropy
on random tokens. Prints one line per configuration: `width L batch samples_per_s`.
Usage: pytorch_baseline.py THREADS "W,L,B,WARM,TIMED;..." """
import sys
import time

import torch
import torch.nn.functional as F


def step_fn(v, nc, s, L, H, B):
    d = s ** L
    g = torch.Generator().manual_seed(0)
    ws = []
    cin = v
    for _ in range(L):
        ws.append(torch.randn(s * cin, H, generator=g).requires_grad_())
        cin = H
    ro = torch.randn(H, nc, generator=g).requires_grad_()
    params = ws + [ro]
    opt = torch.optim.SGD(params, lr=0.1 * H, momentum=0.9)
    tokens = torch.randint(0, v, (4096, d), generator=g)
    labels = torch.randint(0, nc, (4096,), generator=g)
    table = torch.eye(v)

    def step(i):
        idx = torch.randint(0, 4096, (B,))
        x = table[tokens[idx]]  # [B, d, v] one-hot by gather
        pos = d
        for w in ws:
            pos //= s
            x = torch.relu((x.reshape(B * pos, -1) @ w) / (w.shape[0] ** 0.5)).reshape(B, pos, H)
        out = x.reshape(B, H) @ ro / H
        loss = F.cross_entropy(out, labels[idx])
        opt.zero_grad(set_to_none=False)
        loss.backward()
        opt.step()
    return step


def main():
    torch.set_num_threads(int(sys.argv[1]))
    for cfg in sys.argv[2].split(";"):
        H, L, B, warm, timed = (int(x) for x in cfg.split(","))
        step = step_fn(8, 8, 2, L, H, B)
        for i in range(warm):
            step(i)
        t0 = time.perf_counter()
        for i in range(timed):
            step(i)
        dt = time.perf_counter() - t0
        print(H, L, B, B * timed / dt, flush=True)


if __name__ == "__main__":
    main()
