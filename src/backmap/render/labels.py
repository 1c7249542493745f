"""How a node reads on one line, for the terminal tree, the status view and the editor's tree.

Icon, title, id, status, progress and owners, each with named styles ("bold", "magenta", "grey",
"strike"...) that `term.Style` turns into ANSI codes and the editor into Rich styles.
"""

from __future__ import annotations

from dataclasses import dataclass

from backmap.model import Kind, Node, Status

ICONS = {Kind.OUTCOME: "◉", Kind.GOAL: "◆", Kind.INITIATIVE: "▸"}
KIND_STYLES: dict[Kind, tuple[str, ...]] = {
    Kind.OUTCOME: ("bold", "magenta"),
    Kind.GOAL: ("bold", "cyan"),
    Kind.INITIATIVE: (),
}
STATUS_STYLES: dict[Status, tuple[str, ...]] = {
    Status.IDEA: ("grey",),
    Status.PLANNED: ("blue",),
    Status.ACTIVE: ("yellow",),
    Status.DONE: ("green",),
    Status.DROPPED: ("grey", "strike"),
}
OWNERS_STYLE = ("blue",)
SEVERAL_PARENTS_STYLE = ("yellow",)


@dataclass(frozen=True)
class Part:
    """One piece of a node's line."""

    role: str
    """icon, title, id, status, progress or owners."""
    text: str
    styles: tuple[str, ...]


def title_styles(node: Node) -> tuple[str, ...]:
    """A dropped node's title is struck through; others take their kind's style."""
    if node.status is Status.DROPPED:
        return ("grey", "strike")
    return KIND_STYLES[node.kind]


def owners(node: Node) -> str:
    """'dana/lee': the owner and sub-owner, as the line shows them after an @."""
    if not node.sub_owner:
        return node.owner or ""
    # A sub-owner alone must not read as the owner.
    return f"{node.owner or '(no owner)'}/{node.sub_owner}"


def one_line(title: str) -> str:
    """A title as one line of output: a title may hold line breaks, a line may not. (Other
    separators, such as a carriage return or U+2028, are left for the terminal's escaping to
    show as written.)"""
    return title.replace("\n", " ")


def title_line(node: Node) -> str:
    """The node's title on one line (see `one_line`)."""
    return one_line(node.title)


def headline(node: Node, *, with_id: bool = True) -> str:
    """`▸ Title [id]`: the icon, the title on one line and the id, unstyled."""
    return f"{ICONS[node.kind]} {title_line(node)}" + (f" [{node.id}]" if with_id else "")


def parts(node: Node, *, with_id: bool = True) -> list[Part]:
    """The pieces of a node's line, in order; the ones a node has no value for are left out."""
    found = [
        Part("icon", ICONS[node.kind], KIND_STYLES[node.kind]),
        Part("title", title_line(node), title_styles(node)),
    ]
    if with_id:
        found.append(Part("id", f"[{node.id}]", ("grey",)))
    if node.personal:
        found.append(Part("personal", "personal", ("magenta",)))
    if node.status is not None:
        found.append(Part("status", node.status.value, STATUS_STYLES[node.status]))
    if node.progress is not None:
        found.append(Part("progress", f"{node.progress:g}%", ("dim",)))
    if owners(node):
        found.append(Part("owners", f"@{owners(node)}", OWNERS_STYLE))
    return found


CONTEXT_MARK = "(context)"
"""Ends a row a filtered view shows only as the way up to a match. With colour such rows are
drawn dim; without colour this is what tells them from the matches."""
