#!/usr/bin/env python3
"""Round-robin benchmark: each round runs every command once, in turn; prints medians of
wall time, CPU time (user + system) and peak resident memory (the kernel's ru_maxrss).

Usage: bench/round-robin.py ROUNDS CMD... (each CMD one shell-quoted string, run from the
current folder; a leading NAME=VALUE sets an environment variable for it)."""
import os, sys, time, statistics, subprocess, shlex
rounds = int(sys.argv[1]); cmds = sys.argv[2:]
wall = {c: [] for c in cmds}; cpu = {c: [] for c in cmds}; peak = {c: [] for c in cmds}
def run(c):
    words = shlex.split(c); env = dict(os.environ)
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        k, v = words.pop(0).split("=", 1); env[k] = v
    t = time.perf_counter()
    p = subprocess.Popen(words, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"failed ({status}): {c}")
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024
for c in cmds: run(c); run(c)  # warm-up
for r in range(rounds):
    for c in cmds:
        w, u, m = run(c); wall[c].append(w); cpu[c].append(u); peak[c].append(m)
for c in cmds:
    print(f"{statistics.median(wall[c]):.3f} s wall  {statistics.median(cpu[c]):.3f} s cpu  "
          f"min {min(wall[c]):.3f}  peak {statistics.median(peak[c]):.0f} MiB "
          f"(max {max(peak[c]):.0f})  {c}")
