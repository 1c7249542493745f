"""`export -f html` in a real browser: what the page shows is what the other outputs say, and
what a filter finds is brought into view. Uses the browser of test_html_browser."""

from __future__ import annotations

from typing import Any

import pytest
from tests.conftest import MAPS

from backmap.filters import Filter, select
from backmap.render.export import ExportOptions, export
from backmap.store.loading import load

from .conftest import TODAY, workspace
from .test_html import HALF
from .test_html_browser import _classed, _errors, _node, _open, _shown, browser  # noqa: F401

OPTIONS = ExportOptions(today=TODAY)

pytestmark = pytest.mark.slow  # a real browser

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _in_view(page: Any, node_id: str) -> bool:
    """Whether the whole card is inside the map's part of the window."""
    return bool(
        page.execute_script(
            "var v = document.getElementById('view').getBoundingClientRect();"
            "var r = document.querySelector('.node[data-id=\"' + arguments[0] + '\"]')"
            ".getBoundingClientRect();"
            "return r.left >= v.left && r.right <= v.right"
            " && r.top >= v.top && r.bottom <= v.bottom;",
            node_id,
        )
    )


def test_percentages_read_as_in_every_other_output(browser: Any, tmp_path: Any) -> None:  # noqa: F811
    page = _open(browser, tmp_path / "half.html", export(workspace(HALF), "html", OPTIONS))
    line = _node(page, "g").find_element(By.CLASS_NAME, "l").text
    assert "90%" in line and "91%" not in line  # rolled up 90.5, rounded as Python does
    _node(page, "g").click()
    assert "90% rolled up" in page.find_element(By.ID, "detail").text
    assert _errors(page) == []


def _many_goals(owned: dict[int, str]) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = [{"id": "top", "kind": "outcome", "title": "Top"}]
    for g in range(60):
        goal = {"id": f"goal-{g:02}", "kind": "goal", "title": f"Goal {g}", "supports": ["top"]}
        if g in owned:
            goal["owner"] = owned[g]
        nodes.append(goal)
    return nodes


def test_a_filter_brings_its_matches_into_view(browser: Any, tmp_path: Any) -> None:  # noqa: F811
    owned = {g: "zed" for g in range(50, 56)} | {20: "far", 58: "far"}
    data = export(workspace(_many_goals(owned)), "html", OPTIONS)
    page = _open(browser, tmp_path / "many.html", data)
    assert not _in_view(page, "goal-50")
    owner = Select(page.find_element(By.ID, "owner"))
    owner.select_by_value("zed")  # six neighbours: all of them fit
    assert page.find_element(By.ID, "count").text == "6 matches"
    assert all(_in_view(page, f"goal-{g}") for g in range(50, 56))
    owner.select_by_value("far")  # too far apart to fit readably: the first one
    assert _in_view(page, "goal-20")
    owner.select_by_value("")
    search = page.find_element(By.ID, "search")
    search.send_keys("Goal 57")
    WebDriverWait(page, 5).until(lambda d: _classed(d, "match") == {"goal-57"})
    assert _in_view(page, "goal-57")
    assert _errors(page) == []


def test_owner_names_and_team_filter_as_the_cli_reads_them(browser: Any, tmp_path: Any) -> None:  # noqa: F811
    ws = load(MAPS / "org")
    page = _open(browser, tmp_path / "org.html", export(ws, "html", OPTIONS))
    owner = Select(page.find_element(By.ID, "owner"))
    assert "Ravi Menon (ravi)" in [o.text for o in owner.options]
    owner.select_by_value("ravi")
    expected = select(ws, Filter(owners=("ravi",))).matches
    assert _shown(page) - _classed(page, "faded") == expected
    owner.select_by_value("")
    team = Select(page.find_element(By.ID, "team"))
    assert page.find_element(By.ID, "team").is_displayed()
    team.select_by_value("platform")
    expected = select(ws, Filter(teams=("platform",))).matches
    assert expected and _shown(page) - _classed(page, "faded") == expected
    assert _errors(page) == []


def test_cards_show_their_whole_meta_line_and_the_legend_hides_none(
    browser: Any,  # noqa: F811
    tmp_path: Any,
) -> None:
    nodes = [
        {"id": "top", "kind": "outcome", "title": "Top"},
        *(
            {
                "id": f"work-{k}",
                "kind": "initiative",
                "title": f"Work {k}",
                "supports": ["top"],
                "owner": "maximiliana-oyelaran" if k % 2 else "jo",
                "sub_owner": "bartholomew-wickham",
                "status": "active",
                "progress": 55,
                "due": "2027-03-31",
            }
            for k in range(12)
        ),
    ]
    page = _open(browser, tmp_path / "long.html", export(workspace(nodes), "html", OPTIONS))
    cut = page.execute_script(
        "return [...document.querySelectorAll('.node')].filter(function (box) {"
        "  var bottom = box.getBoundingClientRect().bottom + 1;"
        "  return [...box.querySelectorAll('.l')].some(function (l) {"
        "    return l.scrollWidth > l.clientWidth || l.getBoundingClientRect().bottom > bottom; });"
        "}).map(function (box) { return box.dataset.id; });"
    )
    assert cut == []
    assert "due 2027-03-31" in _node(page, "work-1").text
    legend, view = (page.find_element(By.ID, name).rect for name in ("legend", "view"))
    assert legend["y"] >= view["y"] + view["height"]  # below the map, not over its cards
    assert _errors(page) == []


def test_a_title_cut_on_its_card_shows_whole_on_hover(browser: Any, tmp_path: Any) -> None:  # noqa: F811
    long = "A very long and descriptive outcome title " * 4
    nodes = [
        {"id": "top", "kind": "outcome", "title": long.strip()},
        {"id": "g", "kind": "goal", "title": "Short goal", "supports": ["top"]},
    ]
    page = _open(browser, tmp_path / "long.html", export(workspace(nodes), "html", OPTIONS))
    cut = _node(page, "top").find_element(By.CLASS_NAME, "t")
    assert cut.get_attribute("title") == long.strip()
    assert not _node(page, "g").find_element(By.CLASS_NAME, "t").get_attribute("title")
    assert _errors(page) == []
