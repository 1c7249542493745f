"""The editor's base for merging, as its files were loaded, made from the disk's version."""

from __future__ import annotations

from pathlib import Path

from backmap import edits, mapmerge, store

MAP = """\
backmap: 1
title: Team
nodes:
  - id: calm
    kind: goal
    title: Calm weeks
  - id: rota  # the rota
    kind: initiative
    title: Shared rota
    supports: [calm]
"""


def test_the_base_comes_from_the_disk_version_without_changing_it(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(MAP)
    mine = store.load(path)
    path.write_text(MAP.replace("Shared rota", "Weekly rota"))  # another edit, on disk
    disk = store.load(path)
    base = mapmerge.loaded(mine, disk)
    assert base.node("rota").title == "Shared rota" and disk.node("rota").title == "Weekly rota"
    edits.change(base, "calm", title="Calm months").apply(base)
    assert disk.node("calm").title == "Calm weeks"
    assert store.dumps(mapmerge.loaded(mine), path) == store.dumps(
        mapmerge.loaded(mine, disk), path
    )
