"""`backmap check` and `backmap status` through the real entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import MAPS, run_cli

BROKEN = """\
backmap: 1
title: Broken on purpose
nodes:
  - id: happy
    kind: outcome
    title: Employees are happy
  - id: calm
    kind: goal
    title: Calm
    supports: [happy, hapy]
  - id: loop-a
    kind: goal
    title: Loop A
    supports: [loop-b]
  - id: loop-b
    kind: goal
    title: Loop B
    supports: [loop-a]
  - id: stray
    kind: initiative
    title: Stray
    ignore: [BM201]
"""


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN)
    return path


def test_example_maps_show_what_they_were_built_to_show() -> None:
    clean = run_cli("check", "--map", str(MAPS / "ideal-group.yaml"), "--select", "BM1", "BM2")
    assert clean.code == 0, clean.out
    assert clean.out.startswith("0 errors, 0 warnings, 0 infos")
    org = run_cli("check", "--map", str(MAPS / "org"), "--select", "BM1", "BM2")
    assert org.code == 0
    assert "BM202  goal `smart-markdowns` has no initiative beneath it" in org.out
    assert "BM201  initiative `vector-db-trial` supports nothing" in org.out
    assert "0 errors, 2 warnings" in org.out
    failing = run_cli(
        "check", "--map", str(MAPS / "org"), "--select", "BM2", "--fail-on", "warning"
    )
    assert failing.code == 1


def test_broken_map_loads_and_reports_errors(broken: Path) -> None:
    result = run_cli("check", "--map", str(broken), "--select", "BM1", "BM2")
    assert result.code == 1
    assert f"{broken}\n" in result.out
    assert (
        "     7  error    BM101  `calm` supports `hapy`, which does not exist; "
        "did you mean `happy`?" in result.out
    )
    assert "BM102  cycle: loop-a -> loop-b -> loop-a" in result.out
    assert "ignored  BM201  initiative `stray` supports nothing" in result.out
    assert "1 suppressed" in result.out


def test_json_report_is_stable_and_documented_shape(broken: Path) -> None:
    result = run_cli("check", "--map", str(broken), "--format", "json", "--select", "BM1")
    data = json.loads(result.out)
    assert list(data) == ["version", "summary", "findings", "coverage", "progress"]
    assert data["summary"]["errors"] == 2 and data["summary"]["failed"] is True
    assert data["findings"][0] == {
        "code": "BM101",
        "rule": "unknown-link",
        "severity": "error",
        "path": str(broken),
        "line": 7,
        "node": "calm",
        "message": "`calm` supports `hapy`, which does not exist; did you mean `happy`?",
        "suppressed": False,
    }
    again = run_cli("check", "--map", str(broken), "--format", "json", "--select", "BM1")
    assert again.out == result.out


def test_github_annotations(broken: Path) -> None:
    result = run_cli("check", "--map", str(broken), "--format", "github", "--select", "BM101")
    assert result.out == (
        f"::error file={broken},line=7,title=BM101::`calm` supports `hapy`, which does not "
        "exist; did you mean `happy`?\n"
    )


def test_config_file_and_bad_config(tmp_path: Path) -> None:
    shutil.copytree(MAPS / "org", tmp_path / "org")
    config = tmp_path / "org" / "backmap.toml"
    config.write_text('[check]\nfail-on = "warning"\nignore = ["BM201"]\n')
    result = run_cli("check", "--map", str(tmp_path / "org"), "--select", "BM2")
    assert result.code == 1  # BM202 still reported, and warnings now fail
    assert "BM201" not in result.out
    config.write_text('[check]\nfail-on = "warning"\nmax-open = 3\n')
    bad = run_cli("check", "--map", str(tmp_path / "org"))
    assert bad.code == 2
    assert bad.err.startswith(f"{config}:3:1: error: unknown setting `max-open` in [check]")
    config.write_text("[check\n")
    assert run_cli("check", "--map", str(tmp_path / "org")).err.startswith(f"{config}:1:")


def test_bad_select_code_is_usage_error() -> None:
    result = run_cli("check", "--map", str(MAPS), "--select", "XY1")
    assert result.code == 2 and "not a rule code" in result.err


def test_rules_listing() -> None:
    result = run_cli("check", "--rules")
    assert result.code == 0
    assert "BM101  error    unknown-link" in result.out


def test_status_shows_progress_and_coverage() -> None:
    result = run_cli("status", "--map", str(MAPS / "org"), "--depth", "1")
    assert result.code == 0, result.err
    assert "◉ Households trust us with their weekly shop" in result.out
    assert "goals covered" in result.out and "%" in result.out
    assert result.out.rstrip().splitlines()[-1].startswith("coverage ")


def test_example_maps_full_findings_are_exactly_the_planted_ones() -> None:
    def found(path: Path) -> set[tuple[str, str]]:
        result = run_cli("check", "--map", str(path), "--format", "json", "--today", "2026-11-22")
        return {(f["code"], f["node"]) for f in json.loads(result.out)["findings"]}

    assert found(MAPS / "ideal-group.yaml") == {
        ("BM302", "mlops-vendor"),  # the vendor is still being chosen: no sub-owner yet
        ("BM501", "less-toil"),
        ("BM502", "mlops-vendor"),
        # Check-ins: the NPS survey is twice a year, so the outcome's last reading is old; five
        # items move too slowly for their due dates.
        ("BM411", "happy"),
        *(
            ("BM412", item)
            for item in (
                "off-hours",
                "feature-sub-owners",
                "promote-leads",
                "mlops-vendor",
                "quarterly-bets",
            )
        ),
    }
    assert found(MAPS / "org") == {
        ("BM201", "vector-db-trial"),
        ("BM202", "smart-markdowns"),
        ("BM704", "flat-ml-cost"),  # jakob's goal under elena's, with sofia nowhere above
        ("BM705", "yuki-conference-talk"),  # a personal goal of its own
        ("BM501", "fast-serving"),
        ("BM502", "serving-autoscaling"),
        ("BM710", "eta-door-time"),  # a focus item of 2026-Q4 with no check-in yet
        *(
            ("BM412", item)
            for item in (
                "holiday-calendar",
                "hierarchical-forecast",
                "eta-live-traffic",
                "route-optimiser",
                "recipe-completion",
                "substitution-model",
            )
        ),
    }


TEAM_ALONE = """\
backmap: 1
title: Team Atlas
nodes:
  - id: schema-checks
    kind: initiative
    title: Schema checks in pipelines
    supports: [fewer-incidents]
  - id: metrics-goal
    kind: goal
    title: Metrics everyone trusts
    supports: [group-outcome]
  - id: orphan-work
    kind: initiative
    title: Orphan work
"""


def test_a_link_to_an_unknown_id_is_not_also_called_supports_nothing(tmp_path: Path) -> None:
    # A team file checked alone links to ids defined in the group's file: the dangling link is
    # the finding (BM101); "supports nothing, link it" would contradict the file the user reads.
    team = tmp_path / "maps" / "team.yaml"
    team.parent.mkdir()
    team.write_text(TEAM_ALONE, encoding="utf-8")
    result = run_cli("check", "--map", str(team), "--select", "BM101,BM201,BM204")
    assert result.code == 1
    lines = [line.split(maxsplit=3) for line in result.out.splitlines() if "  BM" in line]
    assert [(line[0], line[2]) for line in lines] == [
        ("4", "BM101"),
        ("8", "BM101"),
        ("12", "BM201"),
    ]
