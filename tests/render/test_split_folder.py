"""`export --split` writes into a folder: never one named like a file, and never left stale."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

MAP = """\
backmap: 1
title: Split
nodes:
  - id: alpha
    kind: outcome
    title: Alpha
  - id: beta
    kind: outcome
    title: Beta
  - id: ga
    kind: goal
    title: Goal A
    supports: [alpha]
"""


def _map(folder: Path) -> Path:
    path = folder / "backmap.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_a_split_into_a_folder_named_like_a_file_is_refused(tmp_path: Path) -> None:
    source = _map(tmp_path)
    done = run_cli("export", "--map", str(source), "--split", "-o", "a.svg", cwd=tmp_path)
    assert done.code == 2
    assert "a.svg" in done.err and "folder" in done.err and "-o a/ -f svg" in done.err
    assert "Traceback" not in done.err
    assert not (tmp_path / "a.svg").exists()
    # A trailing slash says it is meant as a folder.
    done = run_cli("export", "--map", str(source), "--split", "-o", "a.svg/", cwd=tmp_path)
    assert done.code == 0, done.err
    assert (tmp_path / "a.svg" / "outcome-alpha.svg").is_file()


def test_a_new_split_removes_the_files_only_the_last_one_wrote(tmp_path: Path) -> None:
    source = _map(tmp_path)
    out = tmp_path / "out"
    assert run_cli("export", "--map", str(source), "--split", "-o", str(out)).code == 0
    assert run_cli("export", "--map", str(source), "--split", "-f", "md", "-o", str(out)).code == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "outcome-zeta.svg").write_text("mine too", encoding="utf-8")
    assert run_cli("rename", "--map", str(source), "alpha", "first").code == 0

    done = run_cli("export", "--map", str(source), "--split", "-o", str(out))
    assert done.code == 0, done.err
    names = {p.name for p in out.iterdir()}
    assert "outcome-first.svg" in names and "outcome-alpha.svg" not in names
    assert "removed outcome-alpha.svg" in done.err
    # Never anything the split did not write: the user's files, the other format's split.
    assert {"notes.txt", "outcome-zeta.svg", "outcome-alpha.md", "index.md"} <= names
    assert (out / ".backmap-export").is_file()


def test_a_listed_file_changed_since_or_outside_the_folder_is_kept(tmp_path: Path) -> None:
    source = _map(tmp_path)
    out = tmp_path / "out"
    assert run_cli("export", "--map", str(source), "--split", "-o", str(out)).code == 0
    (out / "outcome-beta.svg").write_text("edited by hand", encoding="utf-8")
    outside = tmp_path / "precious.txt"
    outside.write_text("keep", encoding="utf-8")
    manifest = out / ".backmap-export"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    digest = next(line for line in lines if line.endswith("index.html")).split("\t")[1]
    lines += [f"svg\t{digest}\t../precious.txt", f"svg\t{digest}\t/tmp"]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    source.write_text(MAP.split("  - id: beta")[0], encoding="utf-8")  # beta is gone

    done = run_cli("export", "--map", str(source), "--split", "-o", str(out))
    assert done.code == 0, done.err
    assert (out / "outcome-beta.svg").read_text(encoding="utf-8") == "edited by hand"
    assert "kept outcome-beta.svg" in done.err and "changed since" in done.err
    assert outside.read_text(encoding="utf-8") == "keep"
