"""Time `backmap report` on a generated map whose initiatives have 12 monthly check-ins.

    python benchmarks/report.py                  # 10k nodes, 3 runs
    python benchmarks/report.py --sizes 1000,10000 --runs 5
    python benchmarks/report.py --git            # the map in git, one commit a month

With --git the map is committed once a month with that month's check-ins (12 revisions), so
the report rolls each past date up on the map of its commit, as in a real workspace.

Prints the whole-process time against the 5 s target (wall and CPU: on a shared machine the
CPU time is the one to read; it counts the helper process and git too), then where the CPU
time goes in one run, step by step in one process. Run it with this checkout's code first on
the path: `PYTHONPATH=src python benchmarks/report.py`.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

# Run as `python benchmarks/report.py`: this folder is sys.path[0].
from generate import DEFAULT_OUT, METRIC_KEYS, NODE_KEYS, Node, _flow, generate, scalar

TARGET_S = 5.0
MONTHS = 12
TODAY = date(2026, 12, 3)
HEALTH_WEIGHTS = {"on-track": 0.7, "at-risk": 0.2, "off-track": 0.1}


def month_ends(count: int, last: date) -> list[date]:
    """The last `count` month ends up to `last`, oldest first."""
    ends = [last]
    while len(ends) < count:
        ends.append(ends[-1].replace(day=1) - timedelta(days=1))
    return ends[::-1]


def add_checkins(nodes: list[Node], seed: int) -> None:
    """Give every initiative 12 monthly check-ins; its progress and metric follow the last."""
    rng = random.Random(seed)
    days = month_ends(MONTHS, date(2026, 11, 30))
    for node in nodes:
        if node["kind"] != "initiative":
            continue
        start = rng.randrange(0, 40)
        end = min(100, start + rng.randrange(0, 70))
        metric = node.get("metric")
        lines = []
        for i, day in enumerate(days):
            progress = round(start + (end - start) * i / (MONTHS - 1))
            parts = [day.isoformat(), f"progress={progress}"]
            if metric is not None:
                base, target = metric["baseline"], metric["target"]
                reading = base + (target - base) * i / MONTHS + rng.uniform(-1, 1)
                metric["current"] = round(reading, 1)
                parts.append(f"current={metric['current']}")
            health = rng.choices(list(HEALTH_WEIGHTS), weights=list(HEALTH_WEIGHTS.values()))[0]
            parts.append(f"health={health}")
            if health != "on-track" and rng.random() < 0.3:
                parts.append('note="waiting on another team"')
            lines.append(" ".join(parts))
        node["progress"] = end
        node["checkins"] = lines


def dumps(nodes: Sequence[Node], title: str) -> str:
    """generate.dumps, plus each node's check-ins as a literal block."""
    lines = ["backmap: 1", f"title: {scalar(title)}", "nodes:"]
    for node in nodes:
        lead = "  - "
        for key in (*NODE_KEYS, "checkins"):
            if key not in node:
                continue
            value = node[key]
            if key == "metric":
                lines.append(f"{lead}metric:")
                lines += [f"      {k}: {scalar(value[k])}" for k in METRIC_KEYS if k in value]
            elif key == "checkins":
                lines.append(f"{lead}checkins: |")
                lines += [f"      {line}" for line in value]
            elif isinstance(value, list):
                lines.append(f"{lead}{key}: {_flow(value)}")
            else:
                lines.append(f"{lead}{key}: {scalar(value)}")
            lead = "    "
    return "\n".join(lines) + "\n"


def make_map(size: int, out: Path, seed: int = 0) -> Path:
    path = out / f"report-{size}.yaml"
    if not path.exists():
        nodes = generate(size, seed)
        add_checkins(nodes, seed)
        out.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(nodes, f"Synthetic map {size} with check-ins"), encoding="utf-8")
    return path


def make_repo(size: int, out: Path, seed: int = 0) -> Path:
    """A git repository whose map is committed at each month end with the check-ins so far."""
    folder = out / f"report-git-{size}"
    path = folder / "map.yaml"
    if path.exists():
        return path
    nodes = generate(size, seed)
    add_checkins(nodes, seed)
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    for month, day in enumerate(month_ends(MONTHS, date(2026, 11, 30)), 1):
        then = [dict(n) for n in nodes]
        for node in then:
            if "checkins" in node:
                node["checkins"] = node["checkins"][:month]
                node["progress"] = int(node["checkins"][-1].split("progress=")[1].split()[0])
        path.write_text(dumps(then, f"Synthetic map {size} in git"), encoding="utf-8")
        stamp = f"{day.isoformat()}T17:00:00+00:00"
        env = {
            "GIT_AUTHOR_NAME": "b",
            "GIT_AUTHOR_EMAIL": "b@example.com",
            "GIT_COMMITTER_NAME": "b",
            "GIT_COMMITTER_EMAIL": "b@example.com",
            "GIT_AUTHOR_DATE": stamp,
            "GIT_COMMITTER_DATE": stamp,
            "PATH": os.environ.get("PATH", ""),
        }
        for args in (["add", "map.yaml"], ["commit", "-qm", day.isoformat()]):
            subprocess.run(["git", *args], cwd=folder, check=True, env=env)
    return path


def timed(args: Sequence[str], runs: int) -> tuple[float, float, float]:
    """(best wall s, median wall s, median CPU s) of whole `python -m backmap` processes.

    The CPU time (user + system of the process) is what the wall time is on an idle machine;
    on a shared one the wall time also counts the waiting.
    """
    walls, cpus = [], []
    command = [sys.executable, "-m", "backmap", *args]
    subprocess.run(command, check=True, capture_output=True)  # warm caches and .pyc files
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), statistics.median(walls), statistics.median(cpus)


def phases(path: Path, folder: Path) -> list[tuple[str, float]]:
    """CPU seconds of each step of one report, in this process and in the order `report`
    takes them; the past revisions' shapes are worked out here too (`report` hands them to a
    helper process, which works while this one draws the metric and health charts)."""
    from backmap import checkins, store
    from backmap.cli.report_past import past_of
    from backmap.graph import build
    from backmap.review.compute import begin, past_days
    from backmap.review.markdown import to_markdown

    clock = time.process_time  # CPU seconds: steady on a shared machine
    marks = [("start", clock())]
    ws = store.load(path)
    marks.append(("load", clock()))
    histories = {n.id: checkins.of_node(n) for n in ws.nodes() if n.checkins}
    marks.append(("read check-ins", clock()))
    graph = build(ws)
    days = past_days(histories, TODAY, None)
    past = past_of(ws, days)
    report, finish = begin(graph, histories, title=path.stem, today=TODAY, past=past)
    marks.append(("compute on today's map", clock()))
    import matplotlib.backends.backend_agg
    import matplotlib.backends.backend_svg
    import matplotlib.figure  # noqa: F401

    from backmap.review.charts import render_present, render_progress

    marks.append(("import matplotlib", clock()))
    charts = render_present(report)
    marks.append((f"draw {len(charts)} metric and health charts (SVG + PNG)", clock()))
    if past is not None:
        past(days[-1])  # the oldest day asks for every shape: the helper's work
        marks.append(("the past revisions' shapes (the helper's work)", clock()))
    finish()
    marks.append(("roll up the past" + (" (and load revisions)" if past else ""), clock()))
    drawn = render_progress(report)
    marks.append((f"draw {len(drawn)} progress charts (SVG + PNG)", clock()))
    (folder / "report.md").write_text(to_markdown(report, {c.name for c in charts + drawn}))
    marks.append(("Markdown", clock()))
    return [(name, marks[i + 1][1] - marks[i][1]) for i, (name, _) in enumerate(marks[1:])]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated node counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--git", action="store_true", help="the map in git, a commit a month")
    options = parser.parse_args(argv)
    sizes = [int(s) for s in options.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        print("| nodes | runs | best wall s | median wall s | median CPU s | target s |")
        print("|---|---|---|---|---|---|")
        for size in sizes:
            make = make_repo if options.git else make_map
            path = make(size, options.out)
            print(f"report {path}", file=sys.stderr)
            args = ["report", "--map", str(path), "-o", tmp, "--today", TODAY.isoformat()]
            best, median, cpu = timed(args, options.runs)
            row = [f"{size:,}", str(options.runs), f"{best:.2f}", f"{median:.2f}", f"{cpu:.2f}"]
            print("| " + " | ".join([*row, f"{TARGET_S:.1f}"]) + " |")
        path = (make_repo if options.git else make_map)(sizes[-1], options.out)
        print(f"\nWhere the time goes ({sizes[-1]:,} nodes, one run in this process):\n")
        print("| step | CPU s |\n|---|---|")
        for name, seconds in phases(path, Path(tmp)):
            print(f"| {name} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
