"""Markdown: a heading per outcome, links to where an item is written out, the map's order."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from backmap.render.export import ExportOptions, export

from .conftest import SMALL, TODAY, workspace

OPTIONS = ExportOptions(today=TODAY)


def _md(nodes: list[dict[str, Any]], options: ExportOptions = OPTIONS) -> str:
    return export(workspace(nodes, "The ideal group"), "md", options).decode()


def test_each_outcome_is_a_heading_and_the_rest_a_list_beneath_it() -> None:
    source = _md(SMALL)
    headings = [line for line in source.splitlines() if line.startswith("## ")]
    assert headings == [
        '## <a id="happy"></a>Employees are happy',
        '## <a id="impact"></a>Models move business metrics',
        "## Not under an outcome",
    ]
    after = source.split("## Not under an outcome")[1]
    assert "Try a vector database" in after


def test_kind_is_said_by_the_layout_not_on_every_line() -> None:
    source = _md(SMALL)
    assert "(initiative)" not in source and "(goal)" not in source
    assert "(outcome)" not in source
    assert '- <a id="less-stress"></a>**Reduce stress** · @dana/omer' in source
    assert '- <a id="buddy"></a>An onboarding buddy for every new hire · idea' in source


def test_an_item_is_written_out_once_and_linked_from_its_other_parents() -> None:
    source = _md(SMALL)
    # rota supports [no-spof, time-off]: written out under no-spof, its first parent.
    assert source.count('<a id="rota"></a>') == 1
    assert (
        "    - [Shared on-call rota with the platform team](#rota) · written out under "
        "No single points of failure"
    ) in source
    assert "- **[No single points of failure](#no-spof)** · written out under Reduce stress" in (
        source
    )
    assert "shown above" not in source


def test_every_link_leads_to_an_anchor_once_rendered() -> None:
    html = MarkdownIt("commonmark").render(_md(SMALL))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    anchors = re.findall(r'<a id="([^"]+)"></a>', html)
    assert targets and targets <= set(anchors)
    assert len(anchors) == len(set(anchors)) == len(SMALL)


def test_descriptions_and_metrics_are_included() -> None:
    nodes = [dict(n) for n in SMALL]
    time_off = next(n for n in nodes if n["id"] == "time-off")
    time_off["description"] = "Nobody *checks* messages."
    time_off["metric"] = {"name": "after-hours msgs", "baseline": 60, "target": 10, "current": 30}
    source = _md(nodes)
    assert "    > Nobody \\*checks\\* messages." in source
    assert "after-hours msgs 30 (target 10, from 60)" in source
    assert "> People look forward to Monday." in source  # an outcome's, under its heading
    html = MarkdownIt("commonmark").render(source)
    assert "<blockquote>\n<p>Nobody *checks* messages.</p>" in html


def test_items_come_in_the_order_of_the_file() -> None:
    source = _md(SMALL)
    # less-stress lists time-off, no-spof, standup in the file: that order, not by id.
    order = [source.index(f'<a id="{i}">') for i in ("time-off", "no-spof", "standup")]
    assert order == sorted(order)
    backwards = _md(list(reversed(SMALL)))
    order = [backwards.index(f'<a id="{i}">') for i in ("time-off", "no-spof", "standup")]
    assert order == sorted(order, reverse=True)
    assert backwards.index('## <a id="impact">') < backwards.index('## <a id="happy">')
    assert _md(SMALL) == source  # the same files, the same bytes


def test_a_loop_that_no_outcome_reaches_is_still_written_out() -> None:
    nodes = [
        {"id": "top", "kind": "outcome", "title": "Top"},
        {"id": "a", "kind": "goal", "title": "A", "supports": ["b"]},
        {"id": "b", "kind": "goal", "title": "B", "supports": ["a"]},
    ]
    source = _md(nodes, ExportOptions(today=TODAY, no_findings=True))
    assert source.count('<a id="a"></a>') == 1 and source.count('<a id="b"></a>') == 1
    assert "- **[A](#a)** · written out above" in source
