"""Hostile input: control characters, huge numbers and misleading YAML get a placed, clear message.

Every case goes through the real loader and, where a person would see it, the real entry point:
exit code 2, one `file:line:col: error:` line per problem, never a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import run_cli, run_process

from backmap import cli, store

HEAD = "backmap: 1\ntitle: T\nnodes:\n"
NODE = "  - id: a\n    kind: outcome\n    title: A\n"
PROBLEM = re.compile(r"^.+\.yaml:\d+:\d+: error: \S.*$")


def problems(path: Path) -> list[tuple[int, int, str]]:
    with pytest.raises(store.LoadError) as caught:
        store.load(path)
    return [(p.line, p.col, p.message) for p in caught.value.problems]


def write(tmp_path: Path, text: str, name: str = "map.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def main_of(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- control characters in the file -----------------------------------------------------------

RAW = ["\x01", "\x1b", "\x7f", "\x9b", "\uffff"]


@pytest.mark.parametrize("char", RAW)
@pytest.mark.parametrize("comment", ["# the group's map\n", ""])
def test_raw_control_character_is_placed(tmp_path: Path, char: str, comment: str) -> None:
    """With or without a comment (the two parsing paths), the exact place of the character."""
    path = write(tmp_path, comment + HEAD + NODE.replace("title: A", f"title: A{char}b"))
    line = 6 + bool(comment)
    [(got_line, col, message)] = problems(path)
    assert (got_line, col) == (line, 13)
    assert f"U+{ord(char):04X}" in message
    assert "control character" in message


@pytest.mark.parametrize("escaped", [r"\x01", r"\e", r"\x7f", r"\x9b", r"\uffff", r"\0"])
def test_escaped_control_character_in_text_is_refused(tmp_path: Path, escaped: str) -> None:
    path = write(tmp_path, HEAD + NODE.replace("title: A", f'title: "A{escaped}b"'))
    [(line, col, message)] = problems(path)
    assert (line, col) == (6, 12)
    assert message.startswith("node `a`: `title` contains the control character U+")
    assert "at character 2" in message


@pytest.mark.parametrize(
    "field",
    ['    owner: "x\\a"\n', '    tags: ["x\\b"]\n', '    metric: {name: "n\\f"}\n'],
)
def test_every_text_field_refuses_control_characters(tmp_path: Path, field: str) -> None:
    path = write(tmp_path, HEAD + NODE + field)
    [(_, _, message)] = problems(path)
    assert "contains the control character" in message


def test_line_breaks_and_tabs_stay_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + NODE + '    description: "one\\ntwo\\tthree\\r\\n"\n')
    assert store.load(path).node("a").description == "one\ntwo\tthree\r\n"


@pytest.mark.parametrize(
    "field",
    ['    owner: "ana\\nraj"\n', '    sub_owner: "x\\ry"\n', '    tags: ["a\\u2028b"]\n'],
)
def test_people_and_tags_are_one_line(tmp_path: Path, field: str) -> None:
    """A line break in an owner would split every tree and status row that shows it."""
    path = write(tmp_path, HEAD + NODE + field)
    [(line, _, message)] = problems(path)
    assert line == 7
    assert message.endswith("must fit on one line: remove the line break"), message


def test_cli_control_character_file_exits_2_with_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "# c\n" + HEAD + NODE.replace("title: A", "title: A\x01b"))
    for command in (["check"], ["tree"], ["export", "-f", "svg", "-o", str(tmp_path / "m.svg")]):
        code, _out, err = main_of(capsys, *command, "--map", str(path))
        assert code == 2, err
        assert err.splitlines()[0].startswith(f"{path}:7:13: error: ")
        assert "Traceback" not in err


# --- control characters typed on the command line ---------------------------------------------

PAYLOAD = "\x1b]0;PWNED\x07\x1b[2J"


def small_map(tmp_path: Path) -> Path:
    return write(
        tmp_path, HEAD + NODE + "  - id: g\n    kind: goal\n    title: G\n    supports: [a]\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["add", "goal", PAYLOAD, "--supports", "a"],
        ["add", "goal", "Fine", "--owner", PAYLOAD],
        ["set", "g", "--title", PAYLOAD],
        ["set", "g", "--description", "ok\x00"],
        ["fit", PAYLOAD, "--attach", "g", "--yes"],
    ],
    ids=["add", "add-owner", "set-title", "set-description", "fit-attach"],
)
def test_typed_control_characters_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    path = small_map(tmp_path)
    before = path.read_bytes()
    code, out, err = main_of(capsys, *args, "--map", str(path))
    assert code == 2, err
    assert "control character" in err
    assert path.read_bytes() == before
    assert "\x1b" not in out + err and "\x07" not in out + err


def test_a_new_map_refuses_a_control_character_in_its_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.yaml"
    code, _, err = main_of(capsys, "new", str(path), "--title", PAYLOAD)
    assert code == 2
    assert err.startswith("backmap: error: `title` contains the control character U+001B")
    assert not path.exists()


# --- escapes never reach the terminal -----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["tree", "--root", PAYLOAD],
        ["status", "--root", PAYLOAD],
        ["add", "goal", "Fine", "--supports", PAYLOAD],
        ["link", "g", PAYLOAD],
        ["fit", PAYLOAD],
        ["check", "--select", PAYLOAD],
    ],
)
def test_arguments_echoed_back_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    path = small_map(tmp_path)
    code, out, err = main_of(capsys, *args, "--map", str(path))
    assert "\x1b" not in out + err and "\x07" not in out + err
    if code == 2:  # echoed, visibly escaped
        assert "\\u001b" in err or "\\x1b" in err


@pytest.mark.parametrize(
    "value", ['"goal\\nfake.yaml:1:1: error: x"', '"goal\\u2029x"', '"\\e[2J"']
)
def test_a_value_echoed_in_a_load_error_stays_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    path = write(tmp_path, HEAD + NODE.replace("kind: outcome", f"kind: {value}"))
    code, _, err = main_of(capsys, "check", "--map", str(path))
    assert code == 2
    [line, summary] = err.splitlines()
    assert PROBLEM.match(line), err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", err)
    assert summary == "1 problem in the map"


def test_allowed_separators_in_titles_are_escaped_on_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, HEAD + NODE.replace("title: A", 'title: "A\\u2029B\\u202ec"'))
    for command in ("tree", "status", "check"):
        code, out, err = main_of(capsys, command, "--map", str(path))
        assert code in (0, 1), err
        assert "\u2029" not in out and "\u202e" not in out
    code, out, _ = main_of(capsys, "tree", "--map", str(path))
    assert "A\\u2029B\\u202ec" in out


def test_the_real_process_escapes_too(tmp_path: Path) -> None:
    path = small_map(tmp_path)
    run = run_process("tree", "--root", PAYLOAD, "--map", str(path))
    assert run.code == 2
    assert "\x1b" not in run.err and "\\u001b]0;PWNED\\u0007" in run.err


# --- huge and non-finite numbers ----------------------------------------------------------------

BIG = "9" * 5000


@pytest.mark.parametrize(
    ("line", "where", "wanted"),
    [
        (f"    progress: {BIG}\n", (7, 15), "`progress` must be a number from 0 to 100"),
        (f"    progress: -{BIG}\n", (7, 15), "`progress` must be a number from 0 to 100"),
        ("    progress: .nan\n", (7, 15), "`progress` must be a number from 0 to 100"),
        (f"    metric: {{name: m, target: {BIG}}}\n", (7, 31), "`metric.target` must be"),
        ("    metric: {name: m, target: 1e309}\n", (7, 31), "`metric.target` must be"),
        ("    metric: {name: m, baseline: -1e309}\n", (7, 33), "`metric.baseline` must be"),
        ("    metric: {name: m, current: 1e300}\n", (7, 32), "`metric.current` must be"),
    ],
    ids=["progress", "-progress", "nan", "target", "1e309", "-1e309", "1e300"],
)
def test_huge_numbers_are_refused_with_their_place(
    tmp_path: Path, line: str, where: tuple[int, int], wanted: str
) -> None:
    path = write(tmp_path, HEAD + NODE + line)
    [(got_line, col, message)] = problems(path)
    assert (got_line, col) == where
    assert wanted in message
    assert len(message) < 200  # never the 5,000 digits


def test_huge_version_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, f"backmap: {BIG}\ntitle: T\nnodes: []\n")
    [(line, col, message)] = problems(path)
    assert (line, col) == (1, 10)
    assert message.startswith("unknown format version (a number of about 5000 digits): ")


def test_metric_bounds_leave_room_for_real_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + NODE + "    metric: {name: m, baseline: -2e12, target: 1e12}\n")
    assert store.load(path).node("a").metric is not None


@pytest.mark.parametrize("command", [["check"], ["status"], ["tree"], ["export", "-f", "md"]])
def test_huge_numbers_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = write(tmp_path, HEAD + NODE + f"    metric: {{name: m, target: {BIG}, current: 1}}\n")
    code, _, err = main_of(capsys, *command, "--map", str(path))
    assert code == 2
    assert err.startswith(f"{path}:7:31: error: node `a`: `metric.target` must be")


def test_set_progress_huge_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = small_map(tmp_path)
    code, _, err = main_of(capsys, "set", "g", "--progress", BIG, "--map", str(path))
    assert code == 2
    assert "progress" in err and len(err) < 400


# --- an internal error is not a finding -------------------------------------------------------


def crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """`backmap check` when loading fails with a bug: its exit code and what it printed."""
    import backmap.store

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something broke")

    path = small_map(tmp_path)
    monkeypatch.delenv("BACKMAP_DEBUG", raising=False)
    monkeypatch.setattr(backmap.store, "load", boom)
    done = run_cli("check", "--map", str(path), env=env)
    return done.code, done.err


def test_an_internal_error_exits_70_and_asks_for_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, err = crash(tmp_path, monkeypatch)
    assert code == 70
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == "backmap: internal error: RuntimeError: something broke"
    assert "please report it" in err and "BACKMAP_DEBUG=1" in err
    assert len(lines) <= 3


def test_backmap_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = crash(tmp_path, monkeypatch, {"BACKMAP_DEBUG": "1"})
    assert code == 70
    assert "Traceback (most recent call last)" in err and "something broke" in err


def test_exit_code_70_is_documented() -> None:
    from tests.conftest import ROOT

    assert "70" in (ROOT / "README.md").read_text().split("Exit codes:", 1)[1][:300]
    assert "70 internal error" in cli.build_parser().format_help()
