#!/usr/bin/env python3
"""CPU by thread group of a fleet-test run, and optionally the engine's threads given priority.

Run it beside the fleet test's long form, from the start (the knee must be measured the same way):

    tools/load/run.sh fleet -DargLine=-Xlog:gc:file=/tmp/fleet-gc.log &
    sudo tools/load/engine-priority.py --nice -10 --out /tmp/fleet-cpu.jsonl   # or --nice 0
    tools/load/engine-priority.py --report /tmp/fleet-cpu.jsonl

It finds the test JVM (the Surefire fork, which holds local mode and the sender; `--pid` when more
than one build runs) and the replicas (its child processes), and follows that JVM until it ends.
With a `--nice` other than 0 it sets, every second, local mode's threads (the engine, its gateway,
the stand-in REST API, the JVM's own) to that value and the sender's (`fleet-*`) and every replica
thread to 0: threads inherit the value of the thread that starts them. A negative value needs root.
`--nice 0`, the default, only records.

Why: in production the engine runs on brokers of its own. Here it shares two cores with the sender
(EventBridge's stand-in) and the replicas, and under overload it loses CPU to their answers of 429.
Priority is the nearest this machine comes to separate hosts; docs/benchmarks.md has what it
changed. Every 5 s the cumulative CPU ticks per thread group are appended to `--out`.
"""
import argparse
import collections
import json
import os
import re
import time

GROUPS = [("fleet-", "sender"), ("zb-actors", "engine"), ("grpc", "gateway (gRPC)"),
          ("http-nio", "stand-in REST API"), ("GC Thread", "GC"), ("G1", "GC"), ("VM Thread", "GC"),
          ("C1", "JIT"), ("C2", "JIT"), ("rocksdb", "RocksDB")]


def test_jvms():
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            argv = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        # Surefire starts the fork through `sh -c`, whose command line names the booter too.
        if argv[0].endswith(b"java") and any(b"surefirebooter" in a for a in argv):
            found.append(int(pid))
    return found


def process_ticks(pid, children=False):
    """utime + stime of the whole process, its ended threads included; or, with children, the
    cutime + cstime of the children it has reaped."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[13]) + int(fields[14]) if children else int(fields[11]) + int(fields[12])


def children(parent):
    kids = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open(f"/proc/{pid}/stat").read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            kids.append(int(pid))
    return kids


def threads(pid):
    """(tid, name, utime + stime in clock ticks) of each thread of pid."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return
    for tid in tids:
        try:
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat.rsplit(")", 1)[1].split()
        yield int(tid), name, int(fields[11]) + int(fields[12])


def group(process, name):
    if process != "local mode":
        return "replicas"
    return next((label for prefix, label in GROUPS if name.startswith(prefix)), "local mode, other")


def fleet_jvm(pid):
    """The fleet's test JVM: --pid checked, or the only Surefire fork, waited for."""
    if pid:
        if pid not in test_jvms():
            raise SystemExit(f"{pid} is not a running Surefire fork")
        return pid
    while True:
        jvms = test_jvms()
        if len(jvms) > 1:
            raise SystemExit(f"more than one test JVM ({jvms}): name the fleet's with --pid")
        if jvms:
            return jvms[0]
        time.sleep(1)


def watch(nice, out, pid):
    if nice < 0 and os.geteuid() != 0:
        raise SystemExit("a negative --nice needs root")
    jvm = fleet_jvm(pid)
    tick = 0
    with open(out, "a") as log:
        # Until the fleet's JVM ends; another build's fork that starts meanwhile is not touched.
        while os.path.isdir(f"/proc/{jvm}"):
            replicas = children(jvm)
            ticks = collections.Counter()
            for process, p in [("local mode", jvm)] + [("replica", r) for r in replicas]:
                for tid, name, cpu in threads(p):
                    ticks[group(process, name)] += cpu
                    if nice != 0:
                        # Every pass: a thread may be named after it was first seen, and a new
                        # one inherits its creator's value.
                        wanted = nice if process == "local mode" and not name.startswith("fleet-") else 0
                        try:
                            if os.getpriority(os.PRIO_PROCESS, tid) != wanted:
                                os.setpriority(os.PRIO_PROCESS, tid, wanted)
                        except ProcessLookupError:
                            pass  # ended already
            tick += 1
            if tick % 5 == 0:
                log.write(json.dumps({
                    "time": time.time(), "clk_tck": os.sysconf("SC_CLK_TCK"), "cpus": os.cpu_count(),
                    "threads": ticks,
                    # The test JVM's own time, and its children's: the live replicas' plus, in the
                    # JVM's cutime and cstime, those it has reaped (killed or stopped).
                    "processes": {"test JVM": process_ticks(jvm),
                                  "replicas": sum(process_ticks(r) for r in replicas)
                                  + process_ticks(jvm, children=True)}}) + "\n")
                log.flush()
            time.sleep(1)


def report(path, every):
    records = [json.loads(line) for line in open(path)]

    def shares(before, after, key):
        seconds = after["time"] - before["time"]
        hz = after["clk_tck"] * after["cpus"]
        # A thread that ended takes its ticks with it; such a window reads low (at worst 0) for its
        # group. The processes' totals keep them, but a restarted replica is a new process.
        return {g: max(0, after[key][g] - before[key].get(g, 0)) / seconds / hz for g in after[key]}

    for before, after in zip(records[::every], records[every::every]):
        processes = shares(before, after, "processes")
        by_thread = shares(before, after, "threads")
        print(time.strftime("%H:%M:%S", time.localtime(after["time"])),
              f"JVMs {100 * sum(processes.values()):5.1f} % of the machine",
              f"(test JVM {100 * processes['test JVM']:4.1f}, replicas {100 * processes['replicas']:4.1f});",
              "by thread:",
              "  ".join(f"{g} {100 * v:4.1f}" for g, v in sorted(by_thread.items(), key=lambda i: -i[1])))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nice", type=int, default=0, help="local mode's threads (default 0: measure only)")
    parser.add_argument("--out", default="/tmp/fleet-cpu.jsonl")
    parser.add_argument("--pid", type=int, help="the fleet's test JVM, when more than one build runs")
    parser.add_argument("--report", metavar="JSONL", help="print the shares of a recording and exit")
    parser.add_argument("--every", type=int, default=6, help="records per line of the report (5 s each)")
    args = parser.parse_args()
    if args.report:
        report(args.report, args.every)
    else:
        watch(args.nice, args.out, args.pid)
