"""`backmap export` through the real entry point: formats, files, split and mistakes."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import MAPS, run_cli


def test_svg_to_file_has_every_node(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    result = run_cli(
        "export", "--map", str(MAPS / "ideal-group.yaml"), "-o", str(out), "--today", "2026-11-22"
    )
    assert result.code == 0, result.err
    ids = {el.get("id") for el in ET.parse(out).iter()}
    assert {"happy", "off-hours", "mlops-vendor"} <= ids


def test_markdown_to_stdout_is_deterministic() -> None:
    args = ("export", "--map", str(MAPS / "org"), "-f", "md", "--today", "2026-11-22")
    first, second = run_cli(*args), run_cli(*args)
    assert first.code == 0 and first.out == second.out
    assert "Greenbasket" in first.out


def test_split_writes_one_file_per_outcome(tmp_path: Path) -> None:
    out = tmp_path / "split"
    result = run_cli("export", "--map", str(MAPS / "org"), "--split", "-o", str(out))
    assert result.code == 0, result.err
    names = sorted(p.name for p in out.iterdir())
    assert "index.html" in names and sum(n.startswith("outcome-") for n in names) == 3


def test_mistakes_exit_2() -> None:
    bad_ext = run_cli("export", "--map", str(MAPS / "org"), "-o", "map.txt")
    assert bad_ext.code == 2 and "cannot tell the format" in bad_ext.err
    bad_focus = run_cli("export", "--map", str(MAPS / "org"), "-f", "dot", "--focus", "nope")
    assert bad_focus.code == 2 and "Traceback" not in bad_focus.err
    bad_link = run_cli(
        "export",
        "--map",
        str(MAPS / "org"),
        "-f",
        "svg",
        "--link-template",
        "javascript:alert({id})",
    )
    assert bad_link.code == 2
    split_stdout = run_cli("export", "--map", str(MAPS / "org"), "--split")
    assert split_stdout.code == 2 and "folder" in split_stdout.err


def test_unwritable_output_is_explained(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "map.svg"
    result = run_cli("export", "--map", str(MAPS / "org"), "-o", str(missing))
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith(f"backmap: error: cannot write {missing}: No such file")
    a_file = tmp_path / "taken"
    a_file.write_text("keep me")
    split = run_cli("export", "--map", str(MAPS / "org"), "--split", "-o", str(a_file))
    assert split.code == 2 and "Traceback" not in split.err and "nothing written" in split.err
    assert a_file.read_text() == "keep me"
