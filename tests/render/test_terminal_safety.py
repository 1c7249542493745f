"""Terminal escapes in map text and arguments: refused at load and on input, escaped on output.

The corpus is TERMINAL_REFUSED and TERMINAL_ALLOWED in conftest.py, next to the markup one.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backmap import cli

from .conftest import TERMINAL_ALLOWED, TERMINAL_REFUSED

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
LINE = re.compile(r"^.+\.yaml:\d+:\d+: error: \S.*$")


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (json's escapes are YAML's)."""
    return json.dumps(text)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def map_with(tmp_path: Path, field: str, payload: str) -> Path:
    path = tmp_path / "map.yaml"
    owner = quoted(payload) if field == "owner" else "dana"
    title = quoted(payload) if field == "title" else "Reduce stress"
    tags = f"[{quoted(payload)}]" if field == "tags" else "[team]"
    path.write_text(
        "backmap: 1\ntitle: Map\nnodes:\n"
        "  - id: happy\n    kind: outcome\n    title: Employees are happy\n"
        f"  - id: calm\n    kind: goal\n    title: {title}\n    supports: [happy]\n"
        f"    owner: {owner}\n    tags: {tags}\n"
    )
    return path


@pytest.mark.parametrize("field", ["title", "owner", "tags"])
@pytest.mark.parametrize("payload", TERMINAL_REFUSED)
def test_escapes_in_a_map_are_refused_at_their_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, payload: str
) -> None:
    path = map_with(tmp_path, field, payload)
    code, out, err = run(capsys, "tree", "--map", str(path))
    assert code == 2
    [line, _summary] = err.splitlines()
    assert LINE.match(line) and "contains the control character" in line
    assert line.startswith(f"{path}:{ {'title': 9, 'owner': 11, 'tags': 12}[field] }:")
    assert not RAW.search(out + err)


@pytest.mark.parametrize("payload", TERMINAL_REFUSED)
def test_escapes_typed_on_the_command_line_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: str
) -> None:
    path = map_with(tmp_path, "title", "Reduce stress")
    before = path.read_bytes()
    for args in (
        ["add", "initiative", payload, "--supports", "calm"],
        ["set", "calm", "--owner", payload],
        ["fit", payload, "--attach", "calm", "--yes"],
    ):
        code, out, err = run(capsys, *args, "--map", str(path))
        assert code == 2, err
        assert not RAW.search(out + err)
    assert path.read_bytes() == before


@pytest.mark.parametrize("field", ["title", "owner", "tags"])
@pytest.mark.parametrize("payload", TERMINAL_ALLOWED)
def test_text_the_map_may_hold_reaches_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, payload: str
) -> None:
    path = map_with(tmp_path, field, payload)
    # People and tags are one line: a line break there is a load error, itself escaped.
    refused = field != "title" and any(c in payload for c in "\n\r\u2028\u2029")
    for command in (["tree"], ["status"], ["check", "--fail-on", "error"], ["fit", "calm down"]):
        code, out, err = run(capsys, *command, "--map", str(path))
        assert code == 2 if refused else code in (0, 1), err
        assert not RAW.search(out + err), command
    code, out, _ = run(capsys, "tree", "--map", str(path))
    if field == "title":
        assert RAW.sub(lambda m: f"\\u{ord(m[0]):04x}", payload) in out


@pytest.mark.parametrize("payload", TERMINAL_ALLOWED)
def test_exports_keep_allowed_text_and_stay_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: str
) -> None:
    path = map_with(tmp_path, "title", payload)
    out_json, out_svg = tmp_path / "m.json", tmp_path / "m.svg"
    assert run(capsys, "export", "-f", "json", "-o", str(out_json), "--map", str(path))[0] == 0
    titles = [n["title"] for n in json.loads(out_json.read_text())["nodes"]]
    assert payload in titles
    args = ["export", "-f", "svg", "--engine", "pure", "-o", str(out_svg), "--map", str(path)]
    assert run(capsys, *args)[0] == 0
    ET.fromstring(out_svg.read_bytes())
