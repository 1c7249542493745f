"""`backmap.toml`: every command that opens the workspace refuses a broken file the same way."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import store

MAP = "backmap: 1\ntitle: Calm\nnodes:\n  - id: calm\n    kind: outcome\n    title: A calm team\n"


def _workspace(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "backmap.yaml").write_text(MAP, encoding="utf-8")
    (tmp_path / "backmap.toml").write_text(settings, encoding="utf-8")
    return tmp_path


def _problems(root: Path) -> list[str]:
    with pytest.raises(store.LoadError) as caught:
        store.load(root)
    return [f"{p.line}:{p.col}: {p.message}" for p in caught.value.problems]


def test_unknown_top_level_keys_and_tables_are_named_with_what_was_meant(tmp_path: Path) -> None:
    root = _workspace(tmp_path, 'titel = "Our plan"\n\n[chek]\nselect = ["BM1"]\n')
    assert _problems(root) == [
        "1:1: unknown setting `titel`; did you mean `title`?",
        "3:2: unknown table [chek]; did you mean [check]?",
    ]


def test_a_key_nothing_like_a_known_one_gets_the_list(tmp_path: Path) -> None:
    root = _workspace(tmp_path, "[check]\n  colour = 3\n[zzz]\n")
    assert _problems(root) == [
        "2:3: unknown setting `colour` in [check]; known: fail-on, ignore, max-open-items, "
        "max-sub-owned, near-duplicate, select, stale-days, today",
        "3:2: unknown table [zzz]; backmap.toml takes `title` and a [check] table",
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('title = "Our plan\n', "1:18: unterminated string: close the quote on the same line"),
        ('title = "Our plan', "1:18: unterminated string: close the quote"),
        (
            "title = Our plan\n",
            '1:9: not a value: put text in quotes, e.g. title = "Greenbasket plan for 2027"',
        ),
        ("[check\n", "1:7: close the table name with ], e.g. [check]"),
        ('[check]\nselect = ["BM1"\n', '2:16: close the list with ], e.g. select = ["BM1", "BM3"]'),
        (
            "[check]\nstale-days = 3\nstale-days = 4\n",
            "3:15: this setting is set twice: keep one of them",
        ),
        ("title\n", "1:6: a setting is written `name = value`"),
    ],
)
def test_toml_errors_are_worded_as_what_to_do(tmp_path: Path, text: str, problem: str) -> None:
    assert _problems(_workspace(tmp_path, text)) == [problem]


@pytest.mark.parametrize(
    "text",
    ['title = "Our plan\n', '[chek]\nselect = ["BM1"]\n', "[check]\nstale-days = 0\n"],
    ids=["syntax", "unknown table", "bad value"],
)
def test_every_command_refuses_the_same_file_the_same_way(tmp_path: Path, text: str) -> None:
    root = _workspace(tmp_path, text)
    runs = {
        command: run_cli(*command.split(), cwd=root)
        for command in ("tree", "status", "check", "export -f md", "fmt --check")
    }
    assert {command: run.code for command, run in runs.items()} == dict.fromkeys(runs, 2)
    assert len({run.err for run in runs.values()}) == 1, runs
    assert runs["tree"].err.startswith("backmap.toml:")


def test_a_good_file_still_sets_the_title_and_the_check_settings(tmp_path: Path) -> None:
    from backmap.checks import load_config

    root = _workspace(
        tmp_path, 'title = "Our plan"\n\n[check]\nstale-days = 20\nselect = ["bm1"]\n'
    )
    assert store.load(root).title == "Our plan"
    config = load_config(root)
    assert (config.stale_days, config.select) == (20, ("BM1",))


def test_the_file_takes_every_check_setting_and_no_other() -> None:
    from backmap.checks import CheckConfig
    from backmap.store.settings import CHECK_KEYS

    # Where the file came from and where results are cached are the run's, not settings.
    run_only = {"source", "cache"}
    named = {f.name.replace("_", "-") for f in fields(CheckConfig) if f.name not in run_only}
    assert set(CHECK_KEYS) == named
