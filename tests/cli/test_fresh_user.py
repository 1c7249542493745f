"""What a new user hit on fresh maps: unknown rule codes, tag separators, owners by name, links
made twice, `edit FILE`, counts and deltas worded, unchanged fields, new files, ids from titles."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.test_commands import SMALL, on
from tests.conftest import MAPS, run_cli

from backmap import store


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL)
    return path


# 1. Rule codes no rule has


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_rule_code_no_rule_has_is_refused_with_the_closest(small: Path, option: str) -> None:
    result = on(small, "check", option, "BM120")
    assert result.code == 2
    assert result.out == ""
    assert f"backmap: error: {option} BM120: no rule BM120; did you mean BM1" in result.err


def test_a_code_of_no_family_names_the_families(small: Path) -> None:
    result = on(small, "check", "--select", "BM999")
    assert result.code == 2
    assert "no rule BM999; the rules are BM1 to BM7" in result.err


def test_a_prefix_no_rule_starts_with_is_refused(small: Path) -> None:
    result = on(small, "check", "--select", "BM9")
    assert result.code == 2
    assert "no rule starts with BM9" in result.err


def test_known_codes_and_prefixes_still_run(small: Path) -> None:
    assert on(small, "check", "--select", "BM2", "BM101", "--ignore", "BM205").code in (0, 1)


def test_backmap_toml_names_its_unknown_code(small: Path) -> None:
    (small.parent / "backmap.toml").write_text('[check]\nfail-on = "error"\nignore = ["BM998"]\n')
    result = on(small, "check")
    assert result.code == 2
    assert "backmap.toml:3" in result.err
    assert "no rule BM998" in result.err


# 2. Tags separated as parents are


def test_csv_tags_split_on_semicolons_as_parents_do(small: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "plan.csv"
    sheet.write_text("Title,Parent,Tags\nSafer kit,happy,safety;kit\n", encoding="utf-8")
    result = run_cli("import", str(sheet), "--map", str(small), "--kinds", "goal")
    assert result.code == 0, result.err
    text = small.read_text()
    assert "safety;kit" not in text
    assert "tags: [safety, kit]" in text


# 3. Owners by name; "did you mean" for owners and --focus


def test_checkin_round_takes_a_full_name(maps_copy: Path) -> None:
    result = run_cli("checkin", "--owner", "Sofia Marin", "--map", str(maps_copy / "org"))
    assert "no open item in this map is owned by" not in result.err
    assert result.code == 0, result.err
    assert "Check-in of sofia's" in result.out


def test_checkin_round_of_a_typo_says_whom_it_means() -> None:
    result = run_cli("checkin", "--owner", "sofiaa", "--map", str(MAPS / "org"))
    assert result.code == 2
    assert "did you mean sofia" in result.err


def test_checkin_round_without_people_file_suggests_an_owner(small: Path) -> None:
    small.write_text(SMALL + "    owner: dana\n")
    result = on(small, "checkin", "--owner", "danaa")
    assert result.code == 2
    assert "did you mean dana?" in result.err


def test_export_focus_typo_says_which_id(small: Path) -> None:
    result = on(small, "export", "--focus", "qiet", "-f", "mermaid", "-o", "-")
    assert result.code == 2
    assert "no node `qiet` in this map; did you mean `quiet`?" in result.err


# 4. Links made twice are no error


def test_link_again_and_unlink_again_change_nothing(small: Path) -> None:
    again = on(small, "link", "quiet", "calm")
    assert again.code == 0, again.err
    assert "nothing changed: `quiet` already supports `calm`" in again.err
    missing = on(small, "unlink", "calm", "healthy")
    assert missing.code == 0, missing.err
    assert "nothing changed: `calm` does not support `healthy`" in missing.err
    assert small.read_text() == SMALL


# 5. edit FILE


def test_edit_takes_the_map_as_its_argument(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = run_cli("edit", str(missing))
    assert "unexpected argument" not in result.err
    assert result.code == 2
    assert "nowhere.yaml" in result.err


def test_edit_opens_the_map_it_is_given(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backmap.tui.app import BackmapApp

    opened: list[Path] = []
    # No terminal to draw on here: record what the editor was given instead of running it.
    monkeypatch.setattr(
        BackmapApp, "run", lambda self, *_a, **_k: opened.append(self.workspace.root)
    )
    for args in (("edit", str(small)), ("edit", str(small), "--map", str(small))):
        result = run_cli(*args)
        assert result.code == 0, result.err
    assert [p.resolve() for p in opened] == [small.resolve()] * 2


def test_edit_refuses_two_different_maps(small: Path, tmp_path: Path) -> None:
    result = run_cli("edit", str(small), "--map", str(tmp_path / "other.yaml"))
    assert result.code == 2
    assert "--map" in result.err and "other.yaml" in result.err


# 6. Wording


def test_a_round_of_one_item_says_item(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL + "    owner: dana\n    status: active\n")
    done = run_cli("checkin", "--owner", "dana", "--map", str(path), input="40\n\n\n")
    assert done.code == 0, done.err
    assert "1 open item " in done.out
    assert "checked in 1 item of dana" in done.err


def test_set_reports_only_the_fields_that_changed(small: Path) -> None:
    result = on(small, "set", "quiet", "--due", "", "--owner", "dana")
    assert result.code == 0, result.err
    assert "change owner of `quiet`" in result.err


def test_report_moves_read_as_percent_like_status(tmp_path: Path) -> None:
    out = tmp_path / "check-in"
    result = run_cli(
        "report", "--map", str(MAPS / "ideal-group.yaml"), "-o", str(out), "--today", "2026-12-03"
    )
    assert result.code == 0, result.err
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert " pts" not in markdown
    assert "| +" in markdown and "% |" in markdown


# 7. A file that is not yet in the workspace


def test_add_to_a_new_file_says_to_create_it(maps_copy: Path) -> None:
    result = run_cli(
        "add",
        "goal",
        "New team goal",
        "--file",
        str(maps_copy / "org" / "new-team.yaml"),
        "--map",
        str(maps_copy / "org"),
    )
    assert result.code == 2
    assert f"backmap new {maps_copy / 'org' / 'new-team.yaml'}" in result.err


# 8. Ids and titles


def test_a_long_title_id_ends_at_a_word(small: Path) -> None:
    title = (
        "Make sure every single customer gets a clear and honest answer within a number of minutes"
    )
    result = on(small, "add", "goal", title, "--supports", "happy")
    assert result.code == 0, result.err
    node_id = result.out.strip()
    assert len(node_id) <= 64
    assert title.lower().replace(" ", "-").startswith(node_id + "-")


def test_titles_lose_their_outer_spaces(small: Path) -> None:
    added = on(small, "add", "goal", "  Padded title  ", "--supports", "happy")
    assert added.code == 0, added.err
    assert "title: Padded title\n" in small.read_text()
    renamed = on(small, "set", "calm", "--title", "  Calmer weeks ")
    assert renamed.code == 0, renamed.err
    assert "title: Calmer weeks\n" in small.read_text()


def test_a_title_in_another_script_says_how_to_name_it(small: Path) -> None:
    result = on(small, "add", "goal", "日本語のタイトル", "--supports", "happy")
    assert result.code == 0, result.err
    assert result.out.strip() == "node"
    assert "backmap rename node" in result.err


def test_a_taken_long_id_is_cut_at_a_word_before_its_number() -> None:
    from backmap.text import free_id, slugify

    title = "Make sure every single customer gets a clear and honest answer in minutes"
    first = slugify(title)
    second = free_id(title, {first}.__contains__)
    assert second == "make-sure-every-single-customer-gets-a-clear-and-honest-answer-2"
    assert free_id("日本語", {"node"}.__contains__) == "node-2"


def test_new_without_a_path_makes_the_map_every_command_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backmap.cli.adding import DEFAULT_NEW
    from backmap.store.disk import DEFAULT_FILE

    assert DEFAULT_NEW == DEFAULT_FILE
    folder = tmp_path / "customer-success"
    folder.mkdir()
    monkeypatch.chdir(folder)
    run = run_cli("new")
    assert run.code == 0, run.err
    assert run.err.strip() == 'created backmap.yaml; next: backmap add outcome "..."'
    assert (
        store.load(folder / "backmap.yaml").files[folder / "backmap.yaml"].title
        == "Customer success"
    )
    assert run_cli("add", "outcome", "Clients renew").code == 0  # found without --map
    again = run_cli("new")
    assert again.code == 2 and "already exists" in again.err
