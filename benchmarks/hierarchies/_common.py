"""What the hierarchy converters share: reading a file of a fetched git mirror, writing the JSON."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any


def head(repo: Path) -> str:
    """The commit the mirror's HEAD points at (recorded in each converted file)."""
    return git(repo, "rev-parse", "HEAD").strip()


def git(repo: Path, *args: str) -> str:
    """Run git in a bare mirror or a working copy and return its output."""
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def files(repo: Path, folder: str) -> list[str]:
    """Paths of the files under `folder` at HEAD, sorted."""
    return sorted(git(repo, "ls-tree", "-r", "--name-only", "HEAD", folder).split())


def show(repo: Path, path: str) -> str:
    """The text of one file at HEAD."""
    return git(repo, "show", f"HEAD:{path}")


def node(
    nid: str, level: int, title: str, parents: list[str], description: str = ""
) -> dict[str, Any]:
    """One node in the shared shape; an empty description is left out."""
    out: dict[str, Any] = {"id": nid, "level": level, "title": " ".join(title.split())}
    if description.strip():
        out["description"] = description.strip()
    out["parents"] = parents
    return out


def write(
    path: Path, source: str, licence: str, levels: list[str], nodes: list[dict[str, Any]]
) -> None:
    """Write one hierarchy in the shape of shared/data: one node a line, so diffs stay readable."""
    head_text = json.dumps(
        {"source": source, "licence": licence, "levels": levels}, ensure_ascii=False
    )
    rows = ",\n".join(json.dumps(n, ensure_ascii=False) for n in nodes)
    path.write_text(head_text[:-1] + ', "nodes": [\n' + rows + "\n]}\n", encoding="utf-8")
    counts = [sum(n["level"] == i for n in nodes) for i in range(len(levels))]
    shape = " / ".join(f"{c} {name}" for c, name in zip(counts, levels, strict=True))
    print(f"{path.name}: {shape}")
