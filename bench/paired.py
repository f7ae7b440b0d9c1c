#!/usr/bin/env python3
"""Two commands timed in pairs, each pair in turn A then B and B then A.

    bench/paired.py RUNS 'command A' 'command B'

A command may begin with NAME=VALUE words, set in its environment only
(as a shell would), so that a switch read from the environment costs no
extra process.

On a shared machine whose speed drifts by more than the difference being
measured, separate runs of hyperfine can disagree on which of two commands
is faster. Timed in pairs, the drift falls on both commands of a pair
alike, and the median of the pairs' differences, with the number of pairs
each one won, says which is faster and by how much. Wall time is measured
around each process; CPU time (user + system) comes from wait4. Prints one
line for each command and one for the differences (A - B).
"""
import os
import shlex
import statistics
import sys
import time


def split(command):
    """The command's words and its environment (leading NAME=VALUE words)."""
    words, env = shlex.split(command), dict(os.environ)
    while words and "=" in words[0] and words[0].split("=", 1)[0].isidentifier():
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    return words, env


def run(command):
    argv, env = command
    t0 = time.perf_counter_ns()
    pid = os.posix_spawnp(argv[0], argv, env)
    _, status, usage = os.wait4(pid, 0)
    wall = (time.perf_counter_ns() - t0) / 1e6
    if status != 0:
        sys.exit(f"paired.py: {shlex.join(argv)} failed ({status})")
    return wall, (usage.ru_utime + usage.ru_stime) * 1e3


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    runs = int(sys.argv[1])
    a, b = split(sys.argv[2]), split(sys.argv[3])
    for _ in range(3):  # warm-up: the page cache, the dynamic linker's
        run(a)
        run(b)
    times = {"A": [], "B": []}
    for i in range(runs):
        for name in ("A", "B") if i % 2 == 0 else ("B", "A"):
            times[name].append(run(a if name == "A" else b))
    for name, command in (("A", sys.argv[2]), ("B", sys.argv[3])):
        t = times[name]
        print(f"{name}: {command}: wall median {statistics.median(x[0] for x in t):.2f} ms, "
              f"CPU median {statistics.median(x[1] for x in t):.2f} ms")
    wall = [x[0] - y[0] for x, y in zip(times["A"], times["B"])]
    cpu = [x[1] - y[1] for x, y in zip(times["A"], times["B"])]
    print(f"A - B over {runs} pairs: wall median {statistics.median(wall):+.2f} ms "
          f"(A faster in {sum(d < 0 for d in wall)}, B in {sum(d > 0 for d in wall)}), "
          f"CPU median {statistics.median(cpu):+.2f} ms")


if __name__ == "__main__":
    main()
