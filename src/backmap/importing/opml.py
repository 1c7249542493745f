"""OPML outlines (the export of most outliners): nested <outline> elements with attributes."""

from __future__ import annotations

from pathlib import Path

from backmap.importing import xmlsafe
from backmap.importing.raw import FIELDS, Item, Outline, Problem

ATTRIBUTES = {name: name for name in FIELDS if name not in ("title", "description", "parent")}
ATTRIBUTES |= {"_note": "description", "supports": "parent", "parent": "parent"}
"""OPML attribute -> field: `text` is the title, `_note` the description (as outliners write)."""


def read(path: Path, data: bytes) -> Outline:
    """The outline of an OPML file; its head's title is the map's title."""
    outline = Outline(path)
    try:
        root = xmlsafe.parse(data)
    except xmlsafe.XMLRefused as exc:
        outline.problems.append(Problem(f"{path}:{exc.line}", exc.message))
        return outline
    if root.tag != "opml":
        outline.problems.append(
            Problem(f"{path}:{root.line}", f"<{root.tag}> is no OPML: the root must be <opml>")
        )
        return outline
    body = None
    for child in root.children:
        if child.tag == "head":
            for element in child.children:
                if element.tag == "title" and element.text.strip():
                    outline.title = element.text.strip()
        elif child.tag == "body":
            body = child
    if body is None:
        outline.problems.append(Problem(f"{path}:{root.line}", "the OPML file has no <body>"))
        return outline
    # Depth-first without recursion: outlines can be thousands of levels deep.
    todo: list[tuple[xmlsafe.Element, int | None]] = [
        (e, None) for e in reversed(body.children) if e.tag == "outline"
    ]
    while todo:
        element, under = todo.pop()
        item = Item(element.attrib.get("text", "").strip(), f"{path}:{element.line}", under)
        for attribute, name in ATTRIBUTES.items():
            value = element.attrib.get(attribute)
            if value is None or not value.strip():
                continue
            if name == "parent":
                item.parents += [p.strip() for p in value.split(";") if p.strip()]
            else:
                item.fields[name] = value.strip() if name != "description" else value
        if element.attrib.get("_complete") == "true":  # a ticked item in Workflowy, Dynalist
            item.fields.setdefault("status", "done")
        if not item.title:
            outline.problems.append(Problem(item.where, "an <outline> without text: give it one"))
        index = len(outline.items)
        outline.items.append(item)
        todo += [(e, index) for e in reversed(element.children) if e.tag == "outline"]
    return outline
