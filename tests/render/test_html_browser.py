"""`export -f html` in a real browser: headless Chromium driven by Selenium, from a file:// URL.

Skipped, with the reason, where Selenium, Chromium or chromedriver is missing (.ci/run installs
them from Debian's packages). One browser serves the whole module.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backmap.render.export import ExportOptions, export

from .conftest import HOSTILE, SMALL, TODAY, workspace

OPTIONS = ExportOptions(today=TODAY)

pytestmark = pytest.mark.slow  # a real browser

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.select import Select  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _browser() -> tuple[str, str]:
    binary = next((p for p in map(shutil.which, BROWSERS) if p), None)
    driver = shutil.which("chromedriver")
    if binary is None or driver is None:
        missing = " and ".join(
            name for name, path in (("chromium", binary), ("chromedriver", driver)) if not path
        )
        pytest.skip(f"{missing} not found: apt-get install chromium chromium-driver")
    return binary, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    binary, driver_path = _browser()
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900"):
        options.add_argument(arg)
    options.add_argument("--disable-dev-shm-usage")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as exc:
        pytest.skip(f"chromium would not start: {exc.msg}")
    yield driver
    driver.quit()


def _open(browser: Any, path: Path, data: bytes) -> Any:
    path.write_bytes(data)
    browser.get_log("browser")  # what earlier pages said is not this page's
    browser.get(path.as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1"
    )
    return browser


def _node(browser: Any, node_id: str) -> Any:
    return browser.find_element(By.CSS_SELECTOR, f'.node[data-id="{node_id}"]')


def _shown(browser: Any) -> set[str]:
    found = browser.execute_script(
        "return [...document.querySelectorAll('.node')]"
        ".filter(e => e.style.display !== 'none').map(e => e.dataset.id)"
    )
    return set(found)


def _classed(browser: Any, name: str) -> set[str]:
    found = browser.execute_script(
        "return [...document.querySelectorAll('.node." + name + "')]"
        ".filter(e => e.style.display !== 'none').map(e => e.dataset.id)"
    )
    return set(found)


def _errors(browser: Any) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]


DETAILED = [
    dict(n, description="Quiet hours <b>bold</b> claim", tags=["q1", "people"])
    if n["id"] == "quiet-hours"
    else n
    for n in SMALL
]
DETAILED[2] = dict(
    DETAILED[2],
    metric={"name": "share stressed", "unit": "%", "baseline": 38, "target": 15, "current": 29},
    tags=["people"],
)


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    data = export(workspace(DETAILED, "The ideal group"), "html", ExportOptions(today=TODAY))
    return tmp_path_factory.mktemp("html") / "small.html", data


@pytest.fixture
def small(browser: Any, small_page: tuple[Path, bytes]) -> Iterator[Any]:
    page = _open(browser, *small_page)
    yield page
    assert _errors(page) == []


def test_small_map_opens_fully_with_every_node(small: Any) -> None:
    assert _shown(small) == {n["id"] for n in SMALL}
    assert small.find_element(By.ID, "title").text == "The ideal group"
    # Laid out as the plan's tree: a node right of its first parent, its supporters beside it.
    rota, no_spof = _node(small, "rota").rect, _node(small, "no-spof").rect
    assert rota["x"] > no_spof["x"] + no_spof["width"]
    assert "also serves → Time off is really off" in _node(small, "rota").text


def test_detail_panel_shows_what_the_node_says(small: Any) -> None:
    _node(small, "quiet-hours").click()
    panel = small.find_element(By.ID, "detail")
    assert panel.is_displayed()
    text = panel.text
    for expected in (
        "Quiet hours in chat after 7pm",
        "Quiet hours <b>bold</b> claim",  # as text, not markup
        "maya",
        "active",
        "40%",
        "2027-01-01 (overdue)",
        "people, q1",
        "Findings",
        "Serves",
        "Time off is really off",
    ):
        assert expected.lower() in text.lower()
    assert panel.find_elements(By.TAG_NAME, "b") == []
    _node(small, "less-stress").click()
    text = panel.text
    assert "dana" in text and "omer" in text and "Sub-owner" in text
    assert "share stressed 29% (target 15%, from 38%)" in text
    # Its supporters, one click away.
    panel.find_element(By.LINK_TEXT, "No single points of failure").click()
    assert _classed(small, "selected") == {"no-spof"}
    assert "Models move business metrics" in panel.text  # also serves
    small.find_element(By.ID, "close").click()
    assert not panel.is_displayed()


def test_path_highlight_follows_every_parent(small: Any) -> None:
    _node(small, "rota").click()
    # rota serves no-spof (first parent) and time-off; both lead up to their outcomes.
    assert _classed(small, "on-path") == {
        "rota",
        "no-spof",
        "time-off",
        "less-stress",
        "happy",
        "impact",
    }
    assert _classed(small, "selected") == {"rota"}
    also = small.find_element(By.ID, "also-edges").get_attribute("d")
    assert also.count("M") == 2  # rota -> time-off and no-spof -> impact, dashed
    _node(small, "rota").click()  # a second click clears it
    assert _classed(small, "on-path") == set()


def test_collapse_and_expand_a_branch(small: Any) -> None:
    toggle = _node(small, "less-stress").find_element(By.CLASS_NAME, "tog")
    assert toggle.text == "\u2212"
    toggle.click()
    beneath = {"time-off", "no-spof", "quiet-hours", "rota", "standup", "buddy"}
    assert not beneath & _shown(small)
    assert toggle.text == "+6"
    toggle.click()
    assert beneath <= _shown(small)


def test_search_highlights_matches(small: Any) -> None:
    box = small.find_element(By.ID, "search")
    box.send_keys("rota")
    count = small.find_element(By.ID, "count")
    WebDriverWait(small, 5).until(lambda d: count.text == "1 match")
    assert _classed(small, "match") == {"rota"}
    assert "rota" not in _classed(small, "faded") and "happy" in _classed(small, "faded")
    box.clear()
    box.send_keys("maya")  # owners are searched too
    WebDriverWait(small, 5).until(lambda d: count.text == "2 matches")
    assert _classed(small, "match") == {"quiet-hours", "standup"}


def test_filters_by_owner_status_and_tag(small: Any) -> None:
    Select(small.find_element(By.ID, "owner")).select_by_value("omer")  # sub-owner counts
    assert _classed(small, "faded") == {n["id"] for n in SMALL} - {"less-stress", "no-spof"}
    Select(small.find_element(By.ID, "owner")).select_by_value("")
    Select(small.find_element(By.ID, "status")).select_by_value("done")
    assert _shown(small) - _classed(small, "faded") == {"rota"}
    Select(small.find_element(By.ID, "status")).select_by_value("")
    Select(small.find_element(By.ID, "tag")).select_by_value("people")
    assert _shown(small) - _classed(small, "faded") == {"quiet-hours", "less-stress"}
    Select(small.find_element(By.ID, "tag")).select_by_value("")
    assert _classed(small, "faded") == set()


def _placement(browser: Any) -> tuple[float, float, float]:
    style = browser.find_element(By.ID, "world").get_attribute("style")
    found = re.search(r"translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)", style)
    assert found, style
    x, y, scale = map(float, found.groups())
    return x, y, scale


def test_pan_and_zoom(small: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin

    view = small.find_element(By.ID, "view")
    corner = (6 - view.rect["width"] // 2, 6 - view.rect["height"] // 2)  # empty background
    x, y, scale = _placement(small)
    ActionChains(small).move_to_element_with_offset(view, *corner).click_and_hold().move_by_offset(
        120, 60
    ).release().perform()
    assert _placement(small) == (x + 120, y + 60, scale)
    origin = ScrollOrigin.from_element(view, *corner)
    ActionChains(small).scroll_from_origin(origin, 0, -300).perform()
    assert _placement(small)[2] > scale
    small.find_element(By.ID, "fit").click()
    small.find_element(By.ID, "zoom-out").click()
    assert _placement(small)[2] < scale
    assert _classed(small, "selected") == set()  # dragging is not clicking


def big_map(goals: int = 30, per_goal: int = 14) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = [
        {"id": f"out-{o}", "kind": "outcome", "title": f"Outcome {o}"} for o in range(3)
    ]
    for g in range(goals):
        nodes.append(
            {"id": f"goal-{g}", "kind": "goal", "title": f"Goal {g}", "supports": [f"out-{g % 3}"]}
        )
        nodes += [
            {
                "id": f"work-{g}-{i}",
                "kind": "initiative",
                "title": f"Initiative {i} of goal {g}",
                "supports": [f"goal-{g}"],
            }
            for i in range(per_goal)
        ]
    nodes[-1]["title"] = "Needle in the haystack"
    # A goal beneath a goal that also has initiatives: shown, while those initiatives fold.
    nodes.append({"id": "goal-sub", "kind": "goal", "title": "Sub-goal", "supports": ["goal-0"]})
    return nodes


def test_big_map_starts_at_goals_and_search_opens_branches(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    nodes = big_map()
    data = export(workspace(nodes, "Big"), "html", ExportOptions(today=TODAY, no_findings=True))
    page = _open(browser, tmp_path_factory.mktemp("big") / "big.html", data)
    assert len(nodes) > 150
    assert _shown(page) == {n["id"] for n in nodes if n["kind"] != "initiative"}
    assert _node(page, "goal-0").find_element(By.CLASS_NAME, "tog").text == "+14"
    search = page.find_element(By.ID, "search")
    # More matches than are worth opening at once: Enter opens them one by one.
    search.send_keys("initiative")
    count = page.find_element(By.ID, "count")
    WebDriverWait(page, 5).until(lambda d: count.text.startswith("419 matches"))
    assert not any(i.startswith("work-") for i in _shown(page))
    search.send_keys(Keys.ENTER)
    assert "work-0-0" in _classed(page, "match") and "work-0-1" in _shown(page)
    search.clear()
    search.send_keys("needle")
    WebDriverWait(page, 5).until(lambda d: _classed(d, "match") == {"work-29-13"})
    assert {f"work-29-{i}" for i in range(14)} <= _shown(page)
    assert "work-1-0" not in _shown(page)
    page.find_element(By.ID, "expand").click()
    assert len(_shown(page)) == len(nodes)
    page.find_element(By.ID, "collapse").click()
    assert "work-29-0" not in _shown(page)
    assert _errors(page) == []


def test_hostile_text_is_shown_and_never_runs(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    nodes = [dict(n) for n in HOSTILE]
    nodes[3]["links"] = ["javascript:alert(1)", "https://tracker.example.com/x?a=<b>", "data:,x"]
    options = ExportOptions(today=TODAY, link_template="https://tracker.example.com/{id}")
    data = export(workspace(nodes, '<script>alert("t")</script>'), "html", options)
    page = _open(browser, tmp_path_factory.mktemp("hostile") / "hostile.html", data)
    assert page.title == '<script>alert("t")</script>'
    assert page.find_element(By.ID, "title").text == '<script>alert("t")</script>'
    # Only our two scripts; no element a title describes was made.
    assert len(page.find_elements(By.TAG_NAME, "script")) == 2
    assert page.find_elements(By.CSS_SELECTOR, "#world img, #world a, #world b") == []
    for node in nodes:
        title = _node(page, node["id"]).find_element(By.CLASS_NAME, "t")
        assert title.get_attribute("textContent").endswith(node["title"])
    _node(page, "node").click()
    links = page.find_elements(By.CSS_SELECTOR, "#detail a:not(.jump)")
    assert sorted(a.get_attribute("href") for a in links) == [
        "https://tracker.example.com/node",
        "https://tracker.example.com/x?a=%3Cb%3E",
    ]
    assert all(a.get_attribute("rel") == "noopener noreferrer" for a in links)
    assert "javascript:alert(1)" in page.find_element(By.ID, "detail").text  # as text
    _node(page, "graph").click()
    assert "<b>boss</b>" in page.find_element(By.ID, "detail").text
    assert _errors(page) == []


def test_empty_map_cycles_and_addresses(
    browser: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("edge")
    page = _open(browser, folder / "empty.html", export(workspace([], "Empty"), "html", OPTIONS))
    assert _shown(page) == set() and _errors(page) == []
    cycle = [
        {"id": "top", "kind": "outcome", "title": "Top"},
        {"id": "a", "kind": "goal", "title": "A", "supports": ["b", "top"]},
        {"id": "b", "kind": "goal", "title": "B", "supports": ["a"]},
    ]
    path = folder / "cycle.html"
    page = _open(browser, path, export(workspace(cycle, "Cycle"), "html", OPTIONS))
    assert _shown(page) == {"top", "a", "b"}
    page.get(path.as_uri() + "#b")  # an address picks a node
    WebDriverWait(page, 5).until(lambda d: _classed(d, "selected") == {"b"})
    assert _classed(page, "on-path") == {"top", "a", "b"}
    assert _errors(page) == []
