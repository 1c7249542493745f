"""Map text is data: hostile titles come out verbatim and never become markup or syntax."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from backmap.model import Workspace
from backmap.render.export import ExportError, ExportOptions, export, link_for
from backmap.render.markdown import text as md_text
from backmap.render.mermaid import text as mermaid_text

from .conftest import HOSTILE, NASTY_TITLE, TODAY

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
OPTIONS = ExportOptions(today=TODAY, engine="pure")


def svg_of(ws: Workspace, **changes: object) -> ET.Element:
    options = ExportOptions(**{**OPTIONS.__dict__, **changes})  # type: ignore[arg-type]
    return ET.fromstring(export(ws, "svg", options))


def test_svg_text_is_verbatim(hostile: Workspace) -> None:
    root = svg_of(hostile)
    shown = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    # Titles are wrapped onto lines, so compare without the white space.
    flat = "".join(shown.split())
    for node in HOSTILE:
        assert "".join(node["title"].split()) in flat, node["title"]
    assert "\\N\\l" in flat  # graphviz would put the node name in for \N
    assert 'x"];evil->end' in flat


def test_svg_tooltip_is_verbatim(hostile: Workspace) -> None:
    root = svg_of(hostile)
    tips = [a.get(f"{XLINK}title", "") for a in root.iter(f"{SVG}a")]
    end = next(t for t in tips if t.startswith("Say"))
    assert end.startswith(NASTY_TITLE)
    assert '</title><script>alert("d")</script> \\" ];' in end
    assert any("owner: <b>boss</b>" in t for t in tips)


def test_svg_has_no_script_and_no_external_reference(hostile: Workspace) -> None:
    data = export(hostile, "svg", OPTIONS)
    root = ET.fromstring(data)
    tags = {el.tag for el in root.iter()}
    assert f"{SVG}script" not in tags and f"{SVG}foreignObject" not in tags
    assert not any(k.endswith("href") for el in root.iter() for k in el.attrib)
    assert b"<!DOCTYPE" not in data
    # A URL in a title or tooltip is text; no other attribute points anywhere.
    values = [v for el in root.iter() for k, v in el.attrib.items() if k != f"{XLINK}title"]
    assert not any("://" in v or "url(" in v for v in values)


def test_links_only_when_asked(hostile: Workspace) -> None:
    root = svg_of(hostile, link_template="https://tracker.example.com/issues/{id}")
    hrefs = sorted(a.get(f"{XLINK}href", "") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href"))
    assert hrefs == sorted(f"https://tracker.example.com/issues/{n['id']}" for n in HOSTILE)


@pytest.mark.parametrize(
    "template",
    [
        "javascript:alert(1)//{id}",
        "file:///etc/{id}",
        "data:text/html,{id}",
        "//tracker/{id}",
        "tracker/{id}",
        "https://tracker/",
        'https://tracker/{id}" onclick="x',
        "https://tracker/{id} x",
        "https://tracker/{id}\\",
        "https://tracker/<{id}>",
        "https://tracker/{id}\n",
    ],
)
def test_link_template_must_be_plain_http(template: str, hostile: Workspace) -> None:
    with pytest.raises(ExportError, match="link template"):
        link_for(template)
    with pytest.raises(ExportError, match="link template"):
        export(hostile, "dot", ExportOptions(today=TODAY, link_template=template))


@pytest.mark.parametrize("template", ["https://tracker/{id}", "HTTP://x.example/a?q={id}&b=1"])
def test_http_link_templates_are_accepted(template: str) -> None:
    assert link_for(template) == template


def test_dot_source_keeps_text_inside_strings(hostile: Workspace) -> None:
    source = export(hostile, "dot", OPTIONS).decode()
    # The injected edge never appears as a statement: only the real edges exist (four drawn;
    # the fifth, to a second parent across the tree, is named on its node).
    edges = [line for line in source.splitlines() if "->" in line and "[id=" in line]
    assert len(edges) == 4 and not any("evil" in line for line in edges)
    assert "also serves" in source
    labels = re.findall(r"label=<(<table.*?</table>)>", source)
    assert len(labels) == len(HOSTILE) + 1  # the nodes and the legend
    assert not any("<script" in label or "<img" in label for label in labels)
    assert "&lt;script&gt;" in source


def test_mermaid_escapes_everything_that_could_be_syntax(hostile: Workspace) -> None:
    source = export(hostile, "mermaid", OPTIONS).decode()
    body = source.split("flowchart RL\n", 1)[1]
    labels = re.findall(r'\["(.*)"\]$', body, flags=re.MULTILINE)
    assert len(labels) == len(HOSTILE)
    for label in labels:
        assert '"' not in label and "<script" not in label and "<img" not in label
        assert not re.search(r"<(?!/?(b|small|br/)>)", label)
    # Reserved words and ids starting with o/x are prefixed.
    assert "n_end[" in body and "n_graph[" in body and "n_o_x[" in body
    assert re.search(r"^\s+end\b", body, flags=re.MULTILINE) is None


def test_mermaid_text_round_trips() -> None:
    encoded = mermaid_text(NASTY_TITLE)
    decoded = re.sub(r"#(\d+);", lambda m: chr(int(m[1])), encoded)
    assert decoded == NASTY_TITLE
    assert not set(re.sub(r"#\d+;", "", encoded)) & set('"<>[]{}|;#`\n\\')


def test_markdown_escapes_markup(hostile: Workspace) -> None:
    source = export(hostile, "md", OPTIONS).decode()
    assert "<script>" not in source and "\\<script\\>" in source
    assert "\\<img src=x onerror=1\\>" in source
    assert md_text("a\nb") == "a b"
    assert md_text("[x](javascript:y)") == "\\[x\\](javascript:y)"
    assert md_text("$x$ ~~y~~ | *z*") == "\\$x\\$ \\~\\~y\\~\\~ \\| \\*z\\*"
    # Paired backticks are a code span, shown as written; a lone one is escaped.
    assert md_text("run `a_b*` now") == "run `a_b*` now"
    assert md_text("it's 3` long_") == "it's 3\\` long\\_"


def test_json_keeps_text_as_is(hostile: Workspace) -> None:
    import json

    data = json.loads(export(hostile, "json", OPTIONS))
    assert data["nodes"][0]["title"] == NASTY_TITLE
    assert data["title"] == hostile.files[hostile.root].title
