"""The scene as Graphviz DOT: left to right, a tree under first parents, styled by kind and status.

Built with the `graphviz` package, imported here only, so commands that never export do not pay
for it. Map text is data: node labels are HTML-like labels whose every character is escaped, and
the other attributes carry text through `_text`, so nothing a title says can become DOT syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from backmap.checks import Severity
from backmap.model import Kind, Node, Status
from backmap.render.colours import DONE_FILL, GREY, INK, KIND_COLOUR, MARK_LOOK, MUTED
from backmap.render.layout import tree
from backmap.render.metric_line import metric_line
from backmap.render.node_text import also_serves, meta, wrap
from backmap.render.scene import Mark, Scene

FONT = "Arial"
PAD_INCHES = 0.2
"""White around the drawing, on each side."""
EDGE_COLOUR = "#78909c"
"""Links to a first parent: 3.4:1 against the white background."""
ALSO_COLOUR = "#8a8a8a"
"""Links to the other parents, dashed and thinner: still 3.4:1 against white."""
TITLE_WRAP = 56
"""The drawing's title wraps at about this many characters: at 20 pt, about as wide as the
legend's samples."""
# Border colour, fill when done, title size; initiatives get square corners, the rest rounded.
KIND_LOOK = {
    kind: (KIND_COLOUR[kind], DONE_FILL[kind], size)
    for kind, size in ((Kind.OUTCOME, 16), (Kind.GOAL, 14), (Kind.INITIATIVE, 13))
}


def _text(value: str) -> str:
    """A quoted attribute that shows `value` as written.

    Graphviz undoes backslashes twice in these (DOT escapes, then \\N, \\G, ... for names), so a
    literal backslash takes four; measured the same on graphviz-pure and Debian's dot 2.43.
    """
    from graphviz import nohtml

    value = value.replace("\\", "\\" * 4).replace('"', '\\"')
    # nohtml: the graphviz package would pass a value that looks like <...> on as HTML.
    quoted: str = nohtml(value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))
    return quoted


def _html(text: str) -> str:
    # HTML-like labels still expand \\N, \\G, ... after entities are read: double backslashes.
    return escape(text, quote=True).replace("\\", "\\\\")


def _label(node: Node, scene: Scene) -> str:
    size = KIND_LOOK[node.kind][2]
    dropped = node.status is Status.DROPPED
    title = "<br/>".join(_html(line) for line in wrap(node.title))
    if node.kind is not Kind.INITIATIVE:
        title = f"<b>{title}</b>"
    if dropped:
        title = f"<s>{title}</s>"
    # Dropped items, and items shown only as the way up to what a filter matched, are muted.
    muted = dropped or node.id in scene.context
    ink = MUTED if muted else INK
    rows = [f'<tr><td><font point-size="{size}" color="{ink}">{title}</font></td></tr>']
    grey = MUTED if muted else GREY
    small = [
        meta(
            node,
            scene.progress.get(node.id),
            scene.hidden.get(node.id, 0),
            scene.health.get(node.id),
        )
    ]
    if node.metric is not None:
        small.append(metric_line(node.metric))
    small += also_serves(scene, node.id)
    rows += [
        f'<tr><td><font point-size="10" color="{grey}">{_html(line)}</font></td></tr>'
        for line in small
        if line
    ]
    for mark in _top_marks(scene.marks.get(node.id, [])):
        fill, text = MARK_LOOK[mark.severity]
        rows.append(
            f'<tr><td bgcolor="{fill}"><font point-size="10" color="{text}">'
            f"! {_html(mark.label)}</font></td></tr>"
        )
    table = '<table border="0" cellborder="0" cellspacing="0" cellpadding="1">'
    return f"<{table}{''.join(rows)}</table>>"


def _top_marks(marks: list[Mark]) -> list[Mark]:
    # One row per kind of finding is enough on the node; the tooltip has every message.
    seen: dict[str, Mark] = {}
    for mark in marks:
        seen.setdefault(mark.label, mark)
    return list(seen.values())


def tooltip(node: Node, scene: Scene) -> str:
    """Plain text shown on hover: title, description, owner, status and findings."""
    lines = [node.title]
    if node.description:
        lines += ["", node.description]
    lines.append("")
    owners = ", ".join(
        f"{role}: {who}"
        for role, who in (("owner", node.owner), ("sub-owner", node.sub_owner))
        if who
    )
    lines.append(owners or "owner: none")
    lines.append(f"{node.kind.value}, status: {node.status.value if node.status else 'not set'}")
    if node.due is not None:
        lines.append(f"due: {node.due.isoformat()}")
    lines += [f"{m.code}: {m.message}" for m in scene.marks.get(node.id, [])]
    return "\n".join(lines)


def _node_attrs(node: Node, scene: Scene) -> dict[str, str]:
    colour, done_fill, _ = KIND_LOOK[node.kind]
    styles = [] if node.kind is Kind.INITIATIVE else ["rounded"]
    styles.append("filled")
    attrs = {
        "id": node.id,
        "label": _label(node, scene),
        "tooltip": _text(tooltip(node, scene)),
        "color": colour,
        "fillcolor": done_fill if node.status is Status.DONE else "white",
        "penwidth": "2" if node.kind is Kind.OUTCOME else "1.2",
    }
    if node.status is Status.IDEA:
        styles.append("dashed")
    elif node.status is Status.DROPPED:
        styles.append("dashed")
        attrs["color"] = MUTED
    if node.id in scene.context:  # only the way up to what a filter matched
        attrs["color"] = MUTED
    attrs["style"] = ",".join(styles)
    if node.id in scene.links:
        attrs["URL"] = _text(scene.links[node.id])
        attrs["target"] = "_top"
    return attrs


def _legend(scene: Scene) -> str:
    """The graph's label: title, date, then a row of samples that explain the drawing."""
    cell = '<td border="1" cellpadding="4" {}><font point-size="10"{}>{}</font></td>'
    initiative = f'color="{KIND_LOOK[Kind.INITIATIVE][0]}"'
    samples = [
        cell.format(f'color="{KIND_LOOK[Kind.OUTCOME][0]}" style="rounded"', "", "<b>outcome</b>"),
        cell.format(f'color="{KIND_LOOK[Kind.GOAL][0]}" style="rounded"', "", "<b>goal</b>"),
        cell.format(initiative, "", "initiative"),
        cell.format(f'{initiative} style="dashed"', "", "idea (dashed)"),
        cell.format(initiative, "", "planned · active"),
        cell.format(f'{initiative} bgcolor="{KIND_LOOK[Kind.INITIATIVE][1]}"', "", "done (filled)"),
        cell.format(f'color="{MUTED}" style="dashed"', f' color="{MUTED}"', "<s>dropped</s>"),
    ]
    if scene.findings:
        fill, text = MARK_LOOK[Severity.WARNING]
        samples.append(
            cell.format(f'bgcolor="{fill}" color="{fill}"', f' color="{text}"', "! finding")
        )
    # On a row of its own, so the legend is no wider than its samples.
    explained = (
        f'<td colspan="{len(samples)}" align="left"><font point-size="10" color="{GREY}">'
        "arrows point to what an item supports (dashed: also serves · dotted: dropped) · "
        "@owner/sub-owner · status · at risk, off track · progress · due · metric</font></td>"
    )
    # Wrapped, so a long title (a page's is the map's and its node's) is no wider than the
    # samples: it made pages too wide for a wiki column.
    title = '<br align="left"/>'.join(_html(line) for line in wrap(scene.title, TITLE_WRAP))
    head = (
        f'<td colspan="{len(samples)}" align="left"><font point-size="20"><b>'
        f'{title}</b></font><font point-size="11" color="{GREY}">'
        f"   {scene.day.isoformat()}</font></td>"
    )
    return (
        '<<table border="0" cellspacing="4" cellpadding="0">'
        f"<tr>{head}</tr><tr>{''.join(samples)}</tr><tr>{explained}</tr></table>>"
    )


def to_dot(scene: Scene) -> str:
    """DOT source for the scene; the same scene always gives the same text.

    Written line by line in the layout `graphviz.Digraph.source` gives, quoting with the
    graphviz package's own rules (`_quoter`): building a Digraph quoted every value through
    several wrapped calls and took three times as long as `check` on a large map.
    """
    quote = _quoter()

    def attrs(values: dict[str, str], label: str | None = None) -> str:
        # A label here is always an HTML-like `<...>`, which graphviz writes as it is.
        items = [] if label is None else [f"label={label}"]
        # Attribute names are this module's own plain words, which graphviz leaves bare.
        items += [f"{k}={quote(v)}" for k, v in sorted(values.items())]
        return f" [{' '.join(items)}]"

    graph = {
        "id": "bm:graph",
        "rankdir": "LR",
        "ranksep": "0.35",
        "nodesep": "0.12",
        "newrank": "true",
        "fontname": FONT,
        "label": _legend(scene),
        "labelloc": "t",
        "labeljust": "l",
        "pad": str(PAD_INCHES),
        "bgcolor": "white",
        "tooltip": _text(scene.title),
    }
    lines = ["digraph backmap {", "\tgraph" + attrs(graph)]
    lines.append("\tnode" + attrs({"shape": "box", "fontname": FONT, "margin": "0.12,0.06"}))
    edge = {"color": EDGE_COLOUR, "arrowsize": "0.7", "dir": "back", "arrowtail": "normal"}
    lines.append("\tedge" + attrs(edge))
    nodes = {node.id: node for node in scene.nodes}
    shape = tree(scene)
    for node_id in shape.order:
        values = _node_attrs(nodes[node_id], scene)
        label = values.pop("label")
        lines.append(f"\t{quote(node_id)}{attrs(values, label)}")
    place = {node_id: i for i, node_id in enumerate(shape.order)}
    # Links to first parents in the order of the tree, which Graphviz starts its ordering from.
    ranked = sorted(scene.edges, key=lambda e: (scene.first_parent.get(e[1]) != e[0], place[e[1]]))
    for parent, child in ranked:
        if not _drawn(scene, parent, child):
            continue
        # Ids never hold a quote or a backslash; the ':' means graphviz would quote it.
        values = {"id": _Quoted(f'"bm:edge:{parent}:{child}"')}
        if scene.first_parent.get(child) != parent:
            # Another parent: drawn, but the layout follows the first one only.
            values.update(constraint="false", style="dashed", color=ALSO_COLOUR, penwidth="0.8")
        elif nodes[child].status is Status.DROPPED:
            # Dotted, not dashed: dashed is what "also serves" looks like in the legend.
            values.update(style="dotted", color=ALSO_COLOUR)
        lines.append(f"\t{quote(parent)} -> {quote(child)}{attrs(values)}")
    invisible = attrs({"style": "invis", "dir": "none"})
    lines += [f"\t{quote(left)} -> {quote(right)}{invisible}" for left, right in shape.chains]
    free = attrs({"style": "invis", "dir": "none", "constraint": "false"})
    lines += [f"\t{quote(upper)} -> {quote(lower)}{free}" for upper, lower in shape.stack]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _drawn(scene: Scene, parent: str, child: str) -> bool:
    """Whether a link is drawn: always to the first parent; to another parent only when that is
    the first parent's own parent, so the link runs beside the tree's. Any other would cross
    the picture (and did, 61 times on the example map); the node names it ("also serves")."""
    first = scene.first_parent.get(child)
    return first is None or first == parent or scene.first_parent.get(first) == parent


class _Quoted(str):
    """A value already quoted as graphviz would quote it."""


def _quoter() -> Callable[[str], str]:
    """The graphviz package's `quote`, without its per-call wrappers, remembering answers:
    HTML-like labels as they are (never text from `_text`), plain ids bare, else quoted."""
    from graphviz import quoting

    known: dict[str, str] = {}  # ids and attribute values repeat: colours, styles, numbers

    def quote(value: str) -> str:
        if type(value) is _Quoted:
            return value
        plain = type(value) is str
        if plain:
            done = known.get(value)
            if done is not None:
                return done
            if quoting.HTML_STRING.match(value):
                return value
        if quoting.ID.match(value) and value.lower() not in quoting.KEYWORDS:
            done = value
        else:
            done = f'"{quoting.ESCAPE_UNESCAPED_QUOTES(value)}"'
        if plain and len(value) < 64:
            known[value] = done
        return done

    return quote
