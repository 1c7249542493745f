"""FreeMind and Freeplane mind maps (.mm): the root is the map's title, its children the top."""

from __future__ import annotations

from pathlib import Path

from backmap.importing import xmlsafe
from backmap.importing.raw import FIELDS, Item, Outline, Problem

ATTRIBUTES = frozenset(FIELDS) - {"title", "description"} | {"supports"}


def read(path: Path, data: bytes) -> Outline:
    """The outline of a .mm file: node text, attributes, notes, and cross links as parents."""
    outline = Outline(path)
    try:
        root = xmlsafe.parse(data)
    except xmlsafe.XMLRefused as exc:
        outline.problems.append(Problem(f"{path}:{exc.line}", exc.message))
        return outline
    top = [e for e in root.children if e.tag == "node"]
    if root.tag != "map" or len(top) != 1:
        outline.problems.append(
            Problem(f"{path}:{root.line}", "not a mind map: expected <map> with one root <node>")
        )
        return outline
    outline.title = " ".join(_text(top[0]).split()) or None
    if outline.title:
        outline.top = Item(outline.title, f"{path}:{top[0].line}")
    ignored: set[str] = set()
    by_mm_id: dict[str, int] = {}
    arrows: list[tuple[int, str, int]] = []
    todo: list[tuple[xmlsafe.Element, int | None]] = [
        (e, None) for e in reversed(top[0].children) if e.tag == "node"
    ]
    while todo:
        element, under = todo.pop()
        index = len(outline.items)
        item = Item(_text(element), f"{path}:{element.line}", under)
        if "ID" in element.attrib:
            by_mm_id[element.attrib["ID"]] = index
        for child in element.children:
            if child.tag == "attribute":
                _attribute(item, child, ignored)
            elif child.tag == "richcontent" and child.attrib.get("TYPE") == "NOTE":
                item.fields["description"] = _plain(child)
            elif child.tag == "arrowlink" and "DESTINATION" in child.attrib:
                arrows.append((index, child.attrib["DESTINATION"], child.line))
        if not item.title:
            outline.problems.append(Problem(item.where, "a node without text: give it some"))
        outline.items.append(item)
        todo += [(e, index) for e in reversed(element.children) if e.tag == "node"]
    if ignored:
        outline.notes.append(f"attributes not imported: {', '.join(sorted(ignored))}")
    for index, destination, line in arrows:
        if destination in by_mm_id:
            outline.items[index].links.append(by_mm_id[destination])
        else:
            outline.problems.append(
                Problem(f"{path}:{line}", f"a cross link to {destination!r}, which no node has")
            )
    return outline


def _attribute(item: Item, element: xmlsafe.Element, ignored: set[str]) -> None:
    given = element.attrib.get("NAME", "").strip()
    name = given.lower().replace("-", "_").replace(" ", "_")
    value = element.attrib.get("VALUE", "").strip()
    if name not in ATTRIBUTES:
        ignored.add(given)  # other attributes belong to the mind map, not to backmap
        return
    if not value:
        return
    if name in ("parent", "supports"):
        item.parents += [p.strip() for p in value.split(";") if p.strip()]
    else:
        item.fields[name] = value


def _text(element: xmlsafe.Element) -> str:
    if "TEXT" in element.attrib:
        return element.attrib["TEXT"].strip()
    for child in element.children:
        if child.tag == "richcontent" and child.attrib.get("TYPE") == "NODE":
            return " ".join(_plain(child).split())
    return ""


_BLOCKS = frozenset({"p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "text"})


def _plain(element: xmlsafe.Element) -> str:
    """The text of a note written as HTML: one line per paragraph, spaces collapsed."""
    lines: list[str] = []
    current: list[str] = []
    # Text, then children, then the tail, in document order, without recursion.
    todo: list[tuple[xmlsafe.Element, bool]] = [(element, True)]
    while todo:
        node, opening = todo.pop()
        if not opening:
            if node.tag in _BLOCKS:
                lines.append(" ".join("".join(current).split()))
                current = []
            if node is not element:
                current.append(node.tail)
            continue
        if node.tag in _BLOCKS:
            lines.append(" ".join("".join(current).split()))
            current = []
        current.append(node.text)
        todo.append((node, False))
        todo += [(child, True) for child in reversed(node.children)]
    lines.append(" ".join("".join(current).split()))
    return "\n".join(line for line in lines if line)
