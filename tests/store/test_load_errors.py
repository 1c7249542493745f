"""Loading: every mistake explained.

Each fixture in tests/data/bad/ holds one mistake (several-mistakes.yaml holds several). A load
must report every problem of every file at once, each at the line and column of the mistake,
with a message a person can act on; the CLI prints them as `path:line:col: error: message`,
exits with 2 and never shows a traceback. Graph problems (unknown ids, cycles, kinds in the
wrong order) are findings for `backmap check`, not load errors: tests/data/graph/ must load.
"""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import DATA, run_cli

from backmap import cli, store

# The module, not the function `store.parse` that shadows it as an attribute.
store_parse = importlib.import_module("backmap.store.parse")

BAD = DATA / "bad"
GRAPH = DATA / "graph"

NODE_KEYS = (
    "id, kind, title, description, supports, owner, sub_owner, personal, status, progress, due, "
    "metric, tags, links, paths, ignore, checkins"
)
NOT_AN_ID = (
    "is not a valid id: use lowercase letters, digits and '-', starting with a letter or digit"
)

# fixture (a file or folder under tests/data/bad) -> every problem expected, as
# (path relative to tests/data/bad, line, col, message), in the order LoadError sorts them.
Expected = list[tuple[str, int, int, str]]
EXPECTED: dict[str, Expected] = {
    # Not a map at all.
    "empty.yaml": [
        (
            "empty.yaml",
            1,
            1,
            "file is empty: a map starts with `backmap: 1`, a `title` and `nodes`",
        )
    ],
    "only-comments.yaml": [
        (
            "only-comments.yaml",
            1,
            1,
            "file is empty: a map starts with `backmap: 1`, a `title` and `nodes`",
        )
    ],
    "not-a-map-list.yaml": [
        (
            "not-a-map-list.yaml",
            1,
            1,
            "not a map file: expected keys `backmap: 1`, `title` and `nodes`, found a list",
        )
    ],
    "not-a-map-scalar.yaml": [
        (
            "not-a-map-scalar.yaml",
            1,
            1,
            "not a map file: expected keys `backmap: 1`, `title` and `nodes`, "
            "found a single value `just some words`",
        )
    ],
    "not-a-map-prose.yaml": [
        (
            "not-a-map-prose.yaml",
            2,
            8,
            "not a map file: it has no `backmap: 1` line, and YAML cannot read it (mapping "
            "values are not allowed in this context); move it out of the workspace, or start it "
            "with `backmap: 1`, `title:` and `nodes:`",
        )
    ],
    "not-a-map-other-yaml.yaml": [
        (
            "not-a-map-other-yaml.yaml",
            1,
            1,
            "not a map file: it has no `backmap: 1` line and no `nodes`; "
            "move it out of the workspace or add those keys",
        )
    ],
    "multi-document.yaml": [
        (
            "multi-document.yaml",
            1,
            1,
            "a map file holds one YAML document, this one has 2: split them into separate files",
        )
    ],
    # Format version.
    "missing-version.yaml": [
        (
            "missing-version.yaml",
            1,
            1,
            "missing format version: add `backmap: 1` as the first line",
        )
    ],
    "unknown-version.yaml": [
        (
            "unknown-version.yaml",
            1,
            10,
            "unknown format version `2`: this backmap reads version 1; "
            "write `backmap: 1` or upgrade backmap",
        )
    ],
    "version-in-quotes.yaml": [
        (
            "version-in-quotes.yaml",
            1,
            10,
            "the format version is a number: write `backmap: 1`, without quotes",
        )
    ],
    # Unknown and repeated keys.
    "unknown-key.yaml": [
        (
            "unknown-key.yaml",
            10,
            5,
            "node `calm`: unknown key `suports` in a node; did you mean `supports`?",
        )
    ],
    "unknown-key-in-file.yaml": [
        (
            "unknown-key-in-file.yaml",
            1,
            1,
            "missing `title`: add a line like `title: The ideal data-science group`",
        ),
        (
            "unknown-key-in-file.yaml",
            2,
            1,
            "unknown key `titel` in a map file; did you mean `title`?",
        ),
    ],
    "unknown-key-in-metric.yaml": [
        (
            "unknown-key-in-metric.yaml",
            9,
            7,
            "node `calm`: unknown key `traget` in a metric; did you mean `target`?",
        )
    ],
    "key-not-text.yaml": [
        (
            "key-not-text.yaml",
            7,
            5,
            f"node `calm`: unknown key `1` in a node; a node has: {NODE_KEYS}",
        )
    ],
    "duplicate-key.yaml": [
        ("duplicate-key.yaml", 8, 5, "duplicate key `owner` (first at line 7)"),
    ],
    # Wrong types and values.
    "missing-title.yaml": [
        (
            "missing-title.yaml",
            1,
            1,
            "missing `title`: add a line like `title: The ideal data-science group`",
        )
    ],
    "empty-title.yaml": [("empty-title.yaml", 2, 8, "`title` must not be empty")],
    "nodes-not-a-list.yaml": [
        (
            "nodes-not-a-list.yaml",
            4,
            3,
            "`nodes` must be a list of nodes (each item starting `- id: ...`), not a mapping",
        )
    ],
    "node-not-a-mapping.yaml": [
        (
            "node-not-a-mapping.yaml",
            4,
            5,
            "each item of `nodes` must be a node (keys like `id:`, `kind:`, `title:`), "
            "not `Reduce stress`",
        )
    ],
    "missing-kind.yaml": [
        (
            "missing-kind.yaml",
            4,
            5,
            "node `calm`: missing `kind`: add `kind: outcome`, `kind: goal` or `kind: initiative`",
        )
    ],
    "missing-node-title.yaml": [
        ("missing-node-title.yaml", 4, 5, "node `calm`: missing `title`"),
    ],
    "bad-kind.yaml": [
        (
            "bad-kind.yaml",
            5,
            11,
            "node `calm`: `kind` must be one of outcome, goal or initiative, not `task`",
        )
    ],
    "bad-status.yaml": [
        (
            "bad-status.yaml",
            7,
            13,
            "node `calm`: `status` must be one of idea, planned, active, done or dropped, "
            "not `doing`",
        )
    ],
    "progress-out-of-range.yaml": [
        (
            "progress-out-of-range.yaml",
            7,
            15,
            "node `calm`: `progress` must be a number from 0 to 100, not `140`",
        )
    ],
    "progress-in-quotes.yaml": [
        (
            "progress-in-quotes.yaml",
            7,
            15,
            'node `calm`: `progress` must be a number, not the text `"40"`; remove the quotes',
        )
    ],
    "progress-in-words.yaml": [
        (
            "progress-in-words.yaml",
            7,
            15,
            "node `calm`: `progress` must be a number, not the text `forty`; write it in digits",
        )
    ],
    "metric-number-in-quotes.yaml": [
        (
            "metric-number-in-quotes.yaml",
            9,
            15,
            'node `calm`: `metric.target` must be a number, not the text `"10"`; remove the quotes',
        )
    ],
    "bad-date.yaml": [
        (
            "bad-date.yaml",
            7,
            10,
            "node `calm`: `due` must be a date written YYYY-MM-DD, like 2027-03-31, "
            "not `31/03/2027`; write 2027-03-31",
        )
    ],
    "title-is-number.yaml": [
        (
            "title-is-number.yaml",
            6,
            12,
            "node `calm`: `title` must be text, not `42`; put it in quotes",
        )
    ],
    "bad-rule-code.yaml": [
        (
            "bad-rule-code.yaml",
            7,
            14,
            "node `calm`: `ignore` entries are rule codes like BM201, not `BM2O1`",
        )
    ],
    # Ids.
    "bad-id.yaml": [
        ("bad-id.yaml", 4, 9, f"`Reduce Stress` {NOT_AN_ID} (e.g. `reduce-stress`)"),
    ],
    "id-too-long.yaml": [
        ("id-too-long.yaml", 4, 9, f"id `{'a' * 20}...` is longer than 64 characters"),
    ],
    "bad-supports-id.yaml": [
        (
            "bad-supports-id.yaml",
            10,
            23,
            f"node `calm`: `Happy People` {NOT_AN_ID} (e.g. `happy-people`)",
        )
    ],
    "supports-id-too-long.yaml": [
        (
            "supports-id-too-long.yaml",
            7,
            16,
            f"node `calm`: id `{'b' * 20}...` is longer than 64 characters",
        )
    ],
    "node-without-id.yaml": [
        (
            "node-without-id.yaml",
            7,
            5,
            "node has no `id`: add one, e.g. `id: reduce-stress` (lowercase, digits and '-')",
        )
    ],
    "duplicate-id.yaml": [
        (
            "duplicate-id.yaml",
            10,
            9,
            f"duplicate id `calm`: already defined at {BAD / 'duplicate-id.yaml'}:4; "
            "rename one of them",
        )
    ],
    "duplicate-across-files": [
        (
            "duplicate-across-files/company.yaml",
            7,
            9,
            "duplicate id `calm`: also defined at "
            f"{BAD / 'duplicate-across-files' / 'team.yaml'}:8; rename one of them",
        ),
        (
            "duplicate-across-files/team.yaml",
            8,
            9,
            "duplicate id `calm`: already defined at "
            f"{BAD / 'duplicate-across-files' / 'company.yaml'}:7; rename one of them",
        ),
    ],
    # Bytes and YAML features a map does not use.
    "not-utf8.yaml": [
        (
            "not-utf8.yaml",
            6,
            15,
            "not UTF-8: byte 0xe9 cannot be read; save the file as UTF-8",
        )
    ],
    "anchor-and-alias.yaml": [
        (
            "anchor-and-alias.yaml",
            6,
            12,
            "anchor `&t` is not allowed in a map: remove it and write values out in full",
        ),
        (
            "anchor-and-alias.yaml",
            9,
            12,
            "alias `*t` is not allowed in a map: write the value out in full",
        ),
    ],
    "custom-tag.yaml": [
        ("custom-tag.yaml", 6, 12, "tag `!foo` is not allowed in a map: remove it"),
    ],
    "standard-tag.yaml": [
        ("standard-tag.yaml", 6, 12, "tag `!!str` is not allowed in a map: remove it"),
    ],
    # Several mistakes in one file: all of them, at once.
    "several-mistakes.yaml": [
        (
            "several-mistakes.yaml",
            8,
            11,
            "node `calm`: `kind` must be one of outcome, goal or initiative, not `task`",
        ),
        (
            "several-mistakes.yaml",
            11,
            15,
            "node `calm`: `progress` must be a number from 0 to 100, not `140`",
        ),
        (
            "several-mistakes.yaml",
            15,
            13,
            "node `off-hours`: `status` must be one of idea, planned, active, done or dropped, "
            "not `doing`",
        ),
        (
            "several-mistakes.yaml",
            16,
            5,
            "node `off-hours`: unknown key `suports` in a node; did you mean `supports`?",
        ),
        (
            "several-mistakes.yaml",
            17,
            10,
            "node `off-hours`: `due` must be a date written YYYY-MM-DD, like 2027-03-31, "
            "not `31/03/2027`; write 2027-03-31",
        ),
    ],
}

# YAML syntax errors: (fixture, line, col, what the reason must say). The reason comes from
# the YAML parser, so its wording is matched loosely; the position is exact.
SYNTAX_ERRORS = [
    # The `[` on line 7 is never closed: point at it, not past the end of the 7-line file.
    ("yaml-syntax-error.yaml", 7, 15, "unclosed bracket '['"),
    (
        "bad-indentation.yaml",
        6,
        4,
        "did not find expected '-' indicator: line 6 is indented 3 spaces, the line above 4 "
        "spaces; the keys of one node line up under each other",
    ),
    ("over-indented-key.yaml", 6, 11, "line 6 is indented 5 spaces, the line above 4 spaces"),
    (
        "item-out-of-line.yaml",
        7,
        2,
        "the item on line 7 starts 1 space in, the one on line 4 2 spaces; the items of one "
        "list line up under each other",
    ),
    ("colon-in-title.yaml", 6, 16, "mapping values are not allowed"),
]


def problems_of(path: Path, base: Path = BAD) -> Expected:
    """Every problem a load of `path` reports, paths relative to `base`."""
    with pytest.raises(store.LoadError) as caught:
        store.load(path)
    return [
        (p.path.relative_to(base).as_posix(), p.line, p.col, p.message)
        for p in caught.value.problems
    ]


def test_every_bad_fixture_is_covered() -> None:
    """A fixture added to tests/data/bad/ without an expectation here is a test nobody runs."""
    on_disk = {p.name for p in BAD.iterdir()}
    assert on_disk == set(EXPECTED) | {name for name, *_ in SYNTAX_ERRORS}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_load_explains_the_mistake(fixture: str) -> None:
    assert problems_of(BAD / fixture) == EXPECTED[fixture]


@pytest.mark.parametrize(("fixture", "line", "col", "reason"), SYNTAX_ERRORS)
def test_yaml_syntax_error(fixture: str, line: int, col: int, reason: str) -> None:
    [(name, got_line, got_col, message)] = problems_of(BAD / fixture)
    assert (name, got_line, got_col) == (fixture, line, col)
    assert message.startswith("YAML syntax error: ")
    assert reason in message


@pytest.mark.parametrize("fixture", ["yaml-syntax-error.yaml", "multi-document.yaml"])
def test_a_comment_does_not_change_the_account(fixture: str, tmp_path: Path) -> None:
    """Files with comments take a slower parsing path; the problem must be the same."""
    plain = tmp_path / "plain.yaml"
    commented = tmp_path / "commented.yaml"
    text = (BAD / fixture).read_text()
    plain.write_text(text)
    commented.write_text("# the map of the group\n" + text)
    [(_, line, col, message)] = problems_of(plain, tmp_path)
    [(_, c_line, c_col, c_message)] = problems_of(commented, tmp_path)
    assert c_message == message
    assert (c_line, c_col) == ((line + 1, col) if line > 1 else (1, 1))


def test_not_utf8_fixture_holds_the_raw_byte() -> None:
    data = (BAD / "not-utf8.yaml").read_bytes()
    assert data.splitlines()[5] == b"    title: Caf\xe9 for everyone"


def test_not_utf8_column_counts_characters_not_bytes(tmp_path: Path) -> None:
    """Like every other column, the column of a bad byte counts characters: é is one."""
    path = tmp_path / "map.yaml"
    path.write_bytes(
        b"backmap: 1\ntitle: Accents\nnodes:\n  - id: cafe\n    kind: goal\n"
        b"    title: Caf\xc3\xa9 \xff\n"
    )
    assert problems_of(path, tmp_path) == [
        ("map.yaml", 6, 17, "not UTF-8: byte 0xff cannot be read; save the file as UTF-8")
    ]


def test_file_above_the_size_limit(tmp_path: Path) -> None:
    assert store_parse.MAX_BYTES == 64 * 2**20  # docs/format.md promises 64 MiB
    path = tmp_path / "big.yaml"
    header = b"backmap: 1\ntitle: Big\nnodes: []\n"
    padding = b"# " + b"x" * 1021 + b"\n"  # 1 KiB a line
    with path.open("wb") as handle:
        handle.write(header)
        handle.write(padding * (65 * 1024))
    assert problems_of(path, tmp_path) == [
        (
            "big.yaml",
            1,
            1,
            "file is 65.0 MiB; backmap reads map files of at most 64 MiB: "
            "split it into several files in a folder",
        )
    ]


def test_size_limit_boundary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = b"backmap: 1\ntitle: Small\nnodes: []\n"
    monkeypatch.setattr(store_parse, "MAX_BYTES", len(text))
    path = tmp_path / "map.yaml"
    path.write_bytes(text)
    assert store.load(path).files[path].title == "Small"
    path.write_bytes(text + b"\n")
    [(_, line, col, message)] = problems_of(path, tmp_path)
    assert (line, col) == (1, 1)
    assert "backmap reads map files of at most" in message


def test_all_files_of_a_folder_are_reported_at_once(tmp_path: Path) -> None:
    names = ["bad-kind.yaml", "empty.yaml", "not-utf8.yaml", "unknown-key.yaml"]
    for name in names:
        shutil.copy(BAD / name, tmp_path / name)
    (tmp_path / "good.yaml").write_text(
        "backmap: 1\ntitle: Fine\nnodes:\n  - id: fine\n    kind: outcome\n    title: Fine\n"
    )
    assert problems_of(tmp_path, tmp_path) == [p for name in names for p in EXPECTED[name]]


def test_problems_print_as_path_line_col() -> None:
    problem = store.Problem(Path("maps/a.yaml"), 3, 7, "something is wrong")
    assert str(problem) == "maps/a.yaml:3:7: error: something is wrong"


# The real entry point, in a fresh process, for a handful of fixtures.
CLI_FIXTURES = [
    "several-mistakes.yaml",
    "duplicate-across-files",
    "not-utf8.yaml",
    "empty.yaml",
    "unknown-version.yaml",
    "anchor-and-alias.yaml",
]


@pytest.mark.parametrize("fixture", CLI_FIXTURES)
def test_cli_prints_every_problem_and_exits_2(fixture: str) -> None:
    run = run_cli("tree", "--map", str(BAD / fixture))
    assert run.code == 2
    assert run.out == ""
    assert "Traceback" not in run.err
    expected = EXPECTED[fixture]
    count = len(expected)
    assert run.err.splitlines() == [
        *(f"{BAD / name}:{line}:{col}: error: {message}" for name, line, col, message in expected),
        f"{count} problem{'s' * (count != 1)} in the map",
    ]
    for line in run.err.splitlines()[:-1]:
        assert re.fullmatch(r".+\.yaml:\d+:\d+: error: \S.*", line)


def test_cli_syntax_error_exits_2_without_traceback() -> None:
    path = BAD / "bad-indentation.yaml"
    run = run_cli("tree", "--map", str(path))
    assert run.code == 2
    assert "Traceback" not in run.err
    first, summary = run.err.splitlines()
    assert first.startswith(f"{path}:6:4: error: YAML syntax error: ")
    assert summary == "1 problem in the map"


@pytest.mark.parametrize("fixture", sorted([*EXPECTED, *(f for f, *_ in SYNTAX_ERRORS)]))
def test_cli_in_process_never_raises(fixture: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every bad fixture, through main(): exit code 2 and only `path:line:col: error:` lines."""
    assert cli.main(["tree", "--map", str(BAD / fixture)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    *lines, summary = captured.err.splitlines()
    assert lines
    assert re.fullmatch(r"\d+ problems? in the map", summary)
    for line in lines:
        assert line.startswith(str(BAD)), line
        assert re.fullmatch(r".+\.yaml:\d+:\d+: error: \S.*", line), line


# Graph-level problems are findings for `backmap check`: the map must still load.
GRAPH_MAPS = {
    "unknown-link.yaml": {"happy": [], "calm": ["happy", "growth"]},
    "cycle.yaml": {"happy": [], "calm": ["happy", "rested"], "rested": ["calm"]},
    "self-support.yaml": {"calm": ["calm"]},
    "goal-supports-initiative.yaml": {
        "happy": ["calm"],
        "off-hours": ["happy"],
        "calm": ["off-hours"],
    },
}


@pytest.mark.parametrize("fixture", sorted(GRAPH_MAPS))
def test_graph_problems_are_not_load_errors(fixture: str) -> None:
    path = GRAPH / fixture
    workspace = store.load(path)
    assert {node.id: node.supports for node in workspace.nodes()} == GRAPH_MAPS[fixture]


@pytest.mark.parametrize("fixture", sorted(GRAPH_MAPS))
def test_graph_problems_open_in_the_cli(fixture: str) -> None:
    run = run_cli("tree", "--map", str(GRAPH / fixture))
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    assert "error:" not in run.err


def test_only_a_command_that_would_write_says_nothing_was_changed() -> None:
    path = BAD / "bad-indentation.yaml"
    for command, said in (
        (["check"], False),
        (["status"], False),
        (["fmt", "--check"], False),
        (["set", "happy", "--owner", "ana"], True),
        (["fmt"], True),
    ):
        run = run_cli(*command, "--map", str(path))
        assert run.code == 2
        assert run.err.endswith("nothing was changed\n") is said, (command, run.err)
