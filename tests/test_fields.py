"""Typed text becomes a field's value in one place: the command line, the editor and import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import run_cli

from backmap import fields, store
from backmap.fields import FieldError
from backmap.vocabulary import Kind, Status


@pytest.mark.parametrize(
    ("text", "value"),
    [("35", 35), ("35%", 35), (" 35 % ", 35), ("12.5", 12.5), ("0", 0), ("100%", 100), ("", None)],
)
def test_progress_takes_a_number_with_or_without_a_percent_sign(text: str, value: object) -> None:
    got = fields.read("progress", text)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text", ["lots", "150", "-1", "nan", "inf", "%", "1e3"])
def test_progress_out_of_range_or_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(FieldError) as caught:
        fields.read("progress", text)
    assert caught.value.field == "progress"
    assert caught.value.reason == f"{text!r} is not a number from 0 to 100"


def test_dates_are_year_month_day_and_must_exist() -> None:
    assert fields.read("due", " 2027-03-31 ") == date(2027, 3, 31)
    assert fields.read("due", "") is None
    reasons = {}
    for text in ("20270331", "31/03/2027", "2027-13-01", "2027-02-30", "0000-01-01"):
        with pytest.raises(FieldError) as caught:
            fields.read("due", text)
        reasons[text] = caught.value.reason
    assert reasons["20270331"] == "'20270331' is not a date like 2027-03-31 (YYYY-MM-DD)"
    assert reasons["2027-13-01"] == "there is no month 13; write YYYY-MM-DD, like 2027-03-31"
    assert reasons["2027-02-30"] == "2027-02-30 does not exist, February 2027 has 28 days"
    assert reasons["0000-01-01"].startswith("0000-01-01 is not a date")


def test_status_and_kind_come_from_the_vocabulary() -> None:
    assert fields.read("status", "Done") is Status.DONE
    assert fields.read("status", "") is None
    assert fields.read("kind", "goal") is Kind.GOAL
    with pytest.raises(FieldError, match="choose from idea, planned, active, done, dropped"):
        fields.read("status", "doing")
    with pytest.raises(FieldError, match="always has a kind: outcome, goal or initiative"):
        fields.read("kind", "")


def test_owners_read_the_form_tree_shows() -> None:
    assert fields.read("owners", "@dana/lee") == ("dana", "lee")
    assert fields.read("owners", "dana") == ("dana", None)
    assert fields.read("owners", "@dana / @lee") == ("dana", "lee")
    assert fields.read("owners", "") == (None, None)
    assert fields.changes({"owners": "@dana/lee"}) == {"owner": "dana", "sub_owner": "lee"}
    assert fields.read("owner", " dana ") == "dana"


def test_lists_text_and_blank_titles() -> None:
    assert fields.read("tags", "a, ,b ,") == ["a", "b"]
    assert fields.read("tags", "") == []
    assert fields.read("supports", "calm, focus  quiet") == ["calm", "focus", "quiet"]
    assert fields.read("description", "  ") is None
    with pytest.raises(FieldError) as caught:
        fields.read("title", "   ")
    assert caught.value.field == "title" and "blank" in caught.value.reason
    with pytest.raises(FieldError, match="no field is called 'colour'"):
        fields.read("colour", "red")


def test_metric_parts_join_the_metric_and_a_name_comes_first() -> None:
    assert fields.changes({"metric.name": "msgs", "metric.target": "5"}) == {
        "metric": {"name": "msgs", "target": 5}
    }
    now = {"name": "msgs", "unit": "per week", "baseline": 40}
    assert fields.changes({"metric.unit": "", "metric.current": "12.5"}, now) == {
        "metric": {"name": "msgs", "baseline": 40, "current": 12.5}
    }
    assert fields.changes({"metric.name": ""}, now) == {"metric": None}
    with pytest.raises(FieldError) as caught:
        fields.changes({"metric.unit": "days"})
    assert caught.value.field == "metric.unit"
    assert caught.value.reason == "name the metric first, then its unit"
    with pytest.raises(FieldError, match="'many' is not a number"):
        fields.changes({"metric.target": "many"}, now)


def test_set_reads_its_options_through_the_same_rules(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "backmap: 1\ntitle: M\nnodes:\n  - {id: calm, kind: outcome, title: Calm}\n"
        "  - {id: quiet, kind: goal, title: Quiet, supports: [calm]}\n"
    )
    ok = run_cli("set", "quiet", "--progress", "35%", "--due", "2027-03-31", "--map", str(path))
    assert ok.code == 0, ok.err
    node = store.load(path).node("quiet")
    assert node.progress == 35 and node.due == date(2027, 3, 31)
    bad = run_cli("set", "quiet", "--due", "2027-02-30", "--map", str(path))
    assert bad.code == 2
    assert (
        bad.err == "backmap: error: --due: 2027-02-30 does not exist, February 2027 has 28 days\n"
    )
    bad = run_cli("set", "quiet", "--progress", "lots", "--map", str(path))
    assert bad.err == "backmap: error: --progress: 'lots' is not a number from 0 to 100\n"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("31/03/2027", "; write 2027-03-31"),  # day first: only one way reads
        ("03/31/2027", "; write 2027-03-31"),  # month first
        ("31.3.2027", "; write 2027-03-31"),
        ("2027/03/31", "; write 2027-03-31"),
        ("2027-3-31", "; write 2027-03-31"),
        ("03/04/2027", ""),  # March 4 or April 3: not guessed
        ("31/02/2027", ""),  # no such day either way
    ],
)
def test_a_date_in_another_order_is_shown_as_written_when_it_reads_one_way(
    text: str, hint: str
) -> None:
    with pytest.raises(FieldError) as caught:
        fields.read("due", text)
    assert caught.value.reason == f"{text!r} is not a date like 2027-03-31 (YYYY-MM-DD){hint}"
