"""Load errors say the real problem, at its place, and all of a file's problems come at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from backmap import cli, store

HEAD = "backmap: 1\ntitle: T\nnodes:\n"


def problems(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    path = tmp_path / "map.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(store.LoadError) as caught:
        store.load(path)
    return [(p.line, p.col, p.message) for p in caught.value.problems]


def node(node_id: str, kind: str = "goal", title: str = "T", extra: str = "") -> str:
    return f"  - id: {node_id}\n    kind: {kind}\n    title: {title}\n{extra}"


# --- every problem of a file at once -----------------------------------------------------------


def test_a_bad_field_does_not_hide_a_duplicate_id(tmp_path: Path) -> None:
    text = HEAD + node("a", "outcome", extra="    owner: [ana, raj]\n") + node("a")
    found = problems(tmp_path, text)
    assert [(line, col) for line, col, _ in found] == [(7, 12), (8, 9)]
    assert found[0][2].startswith("node `a`: `owner` is one person")
    assert found[1][2] == (
        f"duplicate id `a`: already defined at {tmp_path / 'map.yaml'}:4; rename one of them"
    )


def test_an_anchor_does_not_hide_the_other_problems(tmp_path: Path) -> None:
    nodes = [node("a", "outcome", "&t A")]
    nodes += [node(f"n{i}", "gaol") for i in range(9)]
    found = problems(tmp_path, HEAD + "".join(nodes))
    assert len(found) == 10
    assert found[0] == (
        6,
        12,
        "anchor `&t` is not allowed in a map: remove it and write values out in full",
    )
    assert all("`kind` must be one of" in message for _, _, message in found[1:])


def test_a_version_problem_does_not_hide_the_nodes_problems(tmp_path: Path) -> None:
    found = problems(tmp_path, "backmap: 2\ntitle: T\nnodes:\n" + node("a", "gaol"))
    assert [(line, col) for line, col, _ in found] == [(1, 10), (5, 11)]


def test_a_file_that_cannot_be_parsed_says_only_that(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + node("a", "outcome", "[A") + node("b", "gaol"))
    assert len(found) == 1 and found[0][2].startswith("YAML syntax error")


# --- messages that say the real problem ----------------------------------------------------------


def test_a_tab_after_a_colon_says_use_a_space(tmp_path: Path) -> None:
    [(line, col, message)] = problems(
        tmp_path, HEAD + node("a", "outcome", "A").replace("title: A", "title:\tA")
    )
    assert (line, col) == (6, 11)
    assert "tab" in message and "space" in message and "`title:`" in message


def test_a_tab_for_indenting_says_use_spaces(tmp_path: Path) -> None:
    text = HEAD + "  - id: a\n\tkind: outcome\n    title: A\n"
    [(line, col, message)] = problems(tmp_path, text)
    assert (line, col) == (5, 1)
    assert "indent with spaces, not tabs" in message


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unterminated_quote_is_reported_where_it_opens(tmp_path: Path, quote: str) -> None:
    text = HEAD + node("a", "outcome", f"{quote}A") + node("b", "goal", extra="    supports: [a]\n")
    [(line, col, message)] = problems(tmp_path, text)
    assert (line, col) == (6, 12)
    assert f"the quote `{quote}` that opens here is never closed" in message


@pytest.mark.parametrize(
    ("due", "wanted"),
    [
        ("2027-02-30", "`due`: 2027-02-30 does not exist, February 2027 has 28 days"),
        ("2028-02-30", "`due`: 2028-02-30 does not exist, February 2028 has 29 days"),
        ("2027-04-31", "`due`: 2027-04-31 does not exist, April 2027 has 30 days"),
        ("2027-13-01", "`due`: there is no month 13; write YYYY-MM-DD, like 2027-03-31"),
        (
            "31/03/2027",
            "`due` must be a date written YYYY-MM-DD, like 2027-03-31, not `31/03/2027`; "
            "write 2027-03-31",
        ),
    ],
)
def test_a_date_that_does_not_exist_says_so(tmp_path: Path, due: str, wanted: str) -> None:
    [(line, col, message)] = problems(tmp_path, HEAD + node("a", extra=f"    due: {due}\n"))
    assert (line, col) == (7, 10)
    assert message == f"node `a`: {wanted}"


def test_two_owners_go_in_owner_and_sub_owner(tmp_path: Path) -> None:
    [(_, _, message)] = problems(tmp_path, HEAD + node("a", extra="    owner: [ana, raj]\n"))
    assert message == (
        "node `a`: `owner` is one person, not a list: write `owner: ana` and `sub_owner: raj` "
        "(the second person, who carries it when the owner is away)"
    )
    assert "quotes" not in message


def test_cli_prints_all_problems_of_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(HEAD + node("a", "outcome", extra="    owner: [ana, raj]\n") + node("a"))
    assert cli.main(["check", "--map", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == "2 problems in the map"
    assert [line.split(": error: ")[0] for line in err[:-1]] == [f"{path}:7:12", f"{path}:8:9"]


# --- YAML mistakes people make, with what to do -------------------------------------------------


@pytest.mark.parametrize("first", [1, 4])
def test_git_conflict_markers_are_named_as_a_merge_conflict(tmp_path: Path, first: int) -> None:
    body = "<<<<<<< HEAD\n    title: Happy\n=======\n    title: Glad\n>>>>>>> other\n"
    head = ["backmap: 1\n", "title: T\n", "nodes:\n  - id: a\n    kind: outcome\n"]
    text = (
        "".join(head) + body if first == 4 else body.replace("    title", "title") + "nodes: []\n"
    )
    found = problems(tmp_path, text)
    line = 6 if first == 4 else 1
    assert found == [
        (
            line,
            1,
            f"unresolved merge conflict at line {line}: resolve it (keep one side, and delete "
            "the <<<<<<<, ======= and >>>>>>> lines) and run again",
        )
    ]


def test_a_colon_in_a_title_says_to_quote_it(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + node("a", "outcome", "A: the best"))
    assert len(found) == 1
    assert found[0][:2] == (6, 13)
    assert found[0][2].endswith(
        "mapping values are not allowed in this context: put the title in quotes: "
        'title: "A: the best"'
    )


def test_a_misspelt_key_in_the_people_file_gets_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text(HEAD + node("a", "outcome"), encoding="utf-8")
    (tmp_path / "people.yaml").write_text(
        "people:\n  - id: mia\n    name: Mia Chen\n    tema: data\n", encoding="utf-8"
    )
    with pytest.raises(store.LoadError) as caught:
        store.load(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col) == (4, 5)
    assert problem.message == "person `mia` has an unknown key `tema`; did you mean `team`?"
