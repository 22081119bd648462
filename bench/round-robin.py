#!/usr/bin/env python3
"""Round-robin benchmark: each round runs every command once, in turn; prints medians."""
import os, sys, time, statistics, subprocess, shlex
rounds = int(sys.argv[1]); cmds = sys.argv[2:]
wall = {c: [] for c in cmds}; cpu = {c: [] for c in cmds}
def run(c):
    t = time.perf_counter()
    p = subprocess.Popen(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime
for c in cmds: run(c); run(c)  # warm-up
for r in range(rounds):
    for c in cmds:
        w, u = run(c); wall[c].append(w); cpu[c].append(u)
for c in cmds:
    print(f"{statistics.median(wall[c]):.3f} s wall  {statistics.median(cpu[c]):.3f} s cpu  min {min(wall[c]):.3f}  {c}")
