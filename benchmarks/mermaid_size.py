"""How big the Mermaid export of generated maps is, against Mermaid's limits (50,000
characters, 500 edges), with full and short labels, whole and split by outcome."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from backmap import store
from backmap.render.export import ExportOptions, export, export_split
from backmap.render.mermaid import size

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate, write_workspace

SIZES = (150, 400, 1000)
OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    print("| nodes | edges | full labels | --labels short | --split, largest file (full / short) |")
    print("| --- | --- | --- | --- | --- |")
    for n in SIZES:
        path = OUT / f"mermaid-{n}.yaml"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_workspace(generate(n, seed=0), path)
        ws = store.load(path)
        row = []
        for labels in ("full", "short"):
            options = ExportOptions(labels=labels, today=date(2027, 1, 15))
            whole = size(export(ws, "mermaid", options).decode())
            parts = export_split(ws, "mermaid", options)
            largest = max(len(d.decode()) for name, d in parts.items() if name.endswith(".mmd"))
            row.append((whole, largest))
        (full, full_split), (short, short_split) = row
        flag = " (too many edges)" if short.edges > 500 else ""
        print(
            f"| {n:,} | {full.edges:,} | {full.chars:,} | {short.chars:,}{flag} | "
            f"{full_split:,} / {short_split:,} |"
        )


if __name__ == "__main__":
    main()
