"""XML read safely: a tree of elements with line numbers; DOCTYPE and entity declarations refused.

Refusing the DOCTYPE outright stops entity expansion (a 'billion laughs' file) and external
entities before they are declared, at the first line, whatever the file's size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.parsers import expat


@dataclass
class Element:
    """One XML element: its tag, attributes, text, children and the line it starts on."""

    tag: str
    attrib: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    text: str = ""
    """Text before the first child."""
    tail: str = ""
    """Text after this element's end tag, before the next sibling (as in ElementTree)."""


class XMLRefused(Exception):
    """The file is not well-formed XML, or declares a DOCTYPE or entities."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Refuse(Exception):
    pass


def parse(data: bytes) -> Element:
    """The root element of `data`; XMLRefused with a line number when it cannot be read."""
    parser = expat.ParserCreate()
    parser.buffer_text = True  # one call per run of text, not one per line
    stack: list[Element] = []
    root: list[Element] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        element = Element(tag, attrib, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(element)
        else:
            root.append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack and stack[-1].children:
            stack[-1].children[-1].tail += text
        elif stack:
            stack[-1].text += text

    def doctype(*_: object) -> None:
        raise _Refuse(
            "the file declares a DOCTYPE, which backmap does not read (it can hide "
            "entity expansion); remove the <!DOCTYPE ...> line"
        )

    def entity(*_: object) -> None:
        raise _Refuse("the file declares an entity, which backmap does not expand; remove it")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *_: 0  # never fetched
    try:
        parser.Parse(data, True)
    except _Refuse as exc:
        raise XMLRefused(parser.CurrentLineNumber, str(exc)) from None
    except expat.ExpatError as exc:
        message = expat.errors.messages[exc.code] if exc.code else str(exc)
        raise XMLRefused(
            exc.lineno, f"not well-formed XML: {message} (column {exc.offset + 1})"
        ) from None
    if not root:
        raise XMLRefused(1, "the file holds no XML element")
    return root[0]
