"""Time `backmap report` on a generated map whose initiatives have 12 monthly check-ins.

    python benchmarks/report.py                  # 10k nodes, 3 runs
    python benchmarks/report.py --sizes 1000,10000 --runs 5

Prints the whole-process time against the 5 s target, then where the time goes in one run
(load, reading check-ins, computing, drawing the charts, writing Markdown).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

# Run as `python benchmarks/report.py`: this folder is sys.path[0].
from foundation import bench_process, markdown
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


def phases(path: Path, folder: Path) -> list[tuple[str, float]]:
    """Seconds for each step of one report, in this process."""
    from backmap import checkins, store
    from backmap.graph import build
    from backmap.review.compute import compute
    from backmap.review.markdown import to_markdown

    marks = [("start", time.perf_counter())]
    ws = store.load(path)
    marks.append(("load", time.perf_counter()))
    histories = {n.id: checkins.of_node(n) for n in ws.nodes() if n.checkins}
    marks.append(("read check-ins", time.perf_counter()))
    report = compute(build(ws), histories, title=path.stem, today=TODAY)
    marks.append(("compute", time.perf_counter()))
    from backmap.review.charts import render

    marks.append(("import matplotlib", time.perf_counter()))
    charts = render(report)
    marks.append((f"draw {len(charts)} charts (SVG + PNG)", time.perf_counter()))
    (folder / "report.md").write_text(to_markdown(report, {c.name for c in charts}))
    marks.append(("Markdown", time.perf_counter()))
    return [(name, marks[i + 1][1] - marks[i][1]) for i, (name, _) in enumerate(marks[1:])]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000", help="comma-separated node counts")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    options = parser.parse_args(argv)
    sizes = [int(s) for s in options.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = make_map(size, options.out)
            print(f"report {path}", file=sys.stderr)
            args = ["report", "--map", str(path), "-o", tmp, "--today", TODAY.isoformat()]
            rows.append(bench_process("report", args, size, options.runs, TARGET_S))
        print(markdown(rows))
        path = make_map(sizes[-1], options.out)
        print(f"\nWhere the time goes ({sizes[-1]:,} nodes, one run in this process):\n")
        print("| step | s |\n|---|---|")
        for name, seconds in phases(path, Path(tmp)):
            print(f"| {name} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
