"""What each key does: ask with a dialog when needed, then hand the edit to `app.apply`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backmap import edits
from backmap.model import Kind, Workspace
from backmap.tui.screens.dialogs import Choose, Confirm, Picker, Prompt

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp

KIND_BELOW = {Kind.OUTCOME: Kind.GOAL, Kind.GOAL: Kind.INITIATIVE}
PREFIXES = {"outcome:": Kind.OUTCOME, "goal:": Kind.GOAL, "initiative:": Kind.INITIATIVE}


def parse_title(text: str, default: Kind) -> tuple[Kind, str]:
    """'goal: Reduce stress' picks the kind; plain text takes the default."""
    lowered = text.lower()
    for prefix, kind in PREFIXES.items():
        if lowered.startswith(prefix):
            return kind, text[len(prefix) :].strip()
    return default, text


def add_child(app: BackmapApp, node_id: str | None) -> None:
    ws = app.workspace
    if node_id is None:
        _ask_add(app, Kind.OUTCOME, [], "New outcome")
        return
    node = ws.node(node_id)
    if node.kind is Kind.INITIATIVE:
        app.notify(
            "Nothing can support an initiative: press A to add a sibling.", severity="warning"
        )
        return
    kind = KIND_BELOW[node.kind]
    _ask_add(
        app,
        kind,
        [node_id],
        f"New {kind.value} under “{node.title}” (start with goal: or initiative: to choose)",
    )


def add_sibling(app: BackmapApp, node_id: str | None, parent_id: str | None) -> None:
    if node_id is None:
        add_child(app, None)
        return
    node = app.workspace.node(node_id)
    parents = [parent_id] if parent_id else []
    _ask_add(app, node.kind, parents, f"New {node.kind.value} next to “{node.title}”")


def _ask_add(app: BackmapApp, kind: Kind, parents: list[str], title: str) -> None:
    def answer(text: str | None) -> None:
        if not text:
            return
        chosen, clean = parse_title(text, kind)

        def build(twin: bool = False) -> edits.Edit:
            return edits.add(app.workspace, chosen, clean, supports=parents, twin=twin)

        try:
            edit = build()
        except edits.TwinError as exc:

            def again(yes: bool | None) -> None:
                if yes:
                    app.apply(lambda: build(twin=True))

            app.push_screen(Confirm(twin_question(exc), yes="Add anyway", no="Don't add"), again)
            return
        except edits.EditError:
            app.apply(build)  # says why
            return
        app.apply(lambda: edit)

    app.push_screen(Prompt(title, placeholder="title"), answer)


def twin_question(exc: edits.TwinError) -> str:
    """The editor's words for a twin refused by `add`: where it is, and what would serve."""
    twin = exc.twin
    where = ", ".join(f"`{p}`" for p in twin.supports) or "nothing"
    question = (
        f"“{twin.title}” [{twin.id}] is already in the map (under {where}).\n"
        f"Add a second {twin.kind.value} with this title?"
    )
    if exc.missing:
        question += " To have that one serve here too, select it and press p instead."
    return question


def twin_notice(exc: edits.TwinError, place_id: str) -> str:
    """The editor's words for an idea from the fit panel that the map already has."""
    said = f"“{exc.twin.title}” [{exc.twin.id}] is already in the map"
    if place_id in exc.twin.supports:
        return said + ", under this goal; nothing added."
    if place_id in exc.missing:
        return said + "; nothing added. To have it serve this goal too, press p on it."
    return said + "; nothing added."


def rename_title(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    node = app.workspace.node(node_id)

    def answer(text: str | None) -> None:
        if text and text != node.title:
            app.apply(lambda: edits.change(app.workspace, node_id, title=text))

    app.push_screen(Prompt(f"Rename “{node.title}”", node.title), answer)


def rename_id(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return

    def answer(text: str | None) -> None:
        if text and text != node_id:
            app.apply(lambda: edits.rename(app.workspace, node_id, text))

    app.push_screen(Prompt(f"New id for `{node_id}` (every reference follows)", node_id), answer)


def change_kind(app: BackmapApp, node_id: str | None) -> None:
    """Offer the other kinds; one the node's links forbid is shown with the reason, refused."""
    if node_id is None:
        return
    node = app.workspace.node(node_id)
    choices: list[tuple[str, str | None]] = []
    for kind in Kind:
        if kind is not node.kind:
            try:
                edits.change(app.workspace, node_id, kind=kind)  # builds the edit, applies nothing
                choices.append((kind.value, None))
            except edits.EditError as exc:
                choices.append((kind.value, str(exc)))

    def answer(kind: str | None) -> None:
        if kind:
            app.apply(lambda: edits.change(app.workspace, node_id, kind=Kind(kind)), select=node_id)

    title = f"“{node.title}” is {_a(node.kind)}. Make it:"
    app.push_screen(Choose(title, choices), answer)


def _a(kind: Kind) -> str:
    return ("an " if kind.value[0] in "aeiou" else "a ") + kind.value


def delete(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    ws = app.workspace
    node = ws.node(node_id)
    orphans = edits.orphaned_by_removal(ws, node_id)
    question = f"Delete “{node.title}”?"
    if orphans:
        names = ", ".join(ws.node(o).title for o in orphans[:5])
        more = f" and {len(orphans) - 5} more" if len(orphans) > 5 else ""
        question += f"\nThese will support nothing afterwards: {names}{more}."

    def answer(yes: bool | None) -> None:
        if yes:
            app.apply(lambda: edits.remove(ws, node_id))

    app.push_screen(Confirm(question, yes="Delete", no="Keep"), answer)


def _targets(ws: Workspace, node_id: str) -> set[str]:
    """Ids a node may not be linked to: itself, what it already supports, initiatives, and
    what lies beneath it (linking there would make a cycle)."""
    from backmap import graph

    node = ws.node(node_id)
    below = graph.build(ws).descendants(node_id)
    initiatives = {n.id for n in ws.nodes() if n.kind is Kind.INITIATIVE}
    return {node_id, *node.supports} | initiatives | below


def link(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    ws = app.workspace

    def answer(parent: str | None) -> None:
        if parent:
            app.apply(lambda: edits.link(ws, node_id, parent), select=node_id)

    app.push_screen(
        Picker(f"Link `{node_id}` to another parent", ws, _targets(ws, node_id)), answer
    )


def unlink(app: BackmapApp, node_id: str | None, parent_id: str | None) -> None:
    if node_id is None or parent_id is None:
        app.notify(
            "Select a node under a parent to unlink it from that parent.", severity="warning"
        )
        return
    app.apply(lambda: edits.unlink(app.workspace, node_id, parent_id), select=node_id)


def move(app: BackmapApp, node_id: str | None) -> None:
    if node_id is None:
        return
    ws = app.workspace

    def answer(parent: str | None) -> None:
        if parent:
            app.apply(lambda: edits.move(ws, node_id, [parent]), select=node_id)

    app.push_screen(Picker(f"Move `{node_id}` under…", ws, _targets(ws, node_id)), answer)


def find(app: BackmapApp) -> None:
    from backmap.tui.widgets.map_tree import MapTree

    selection = app.query_one(MapTree).selection
    title = "Find a node (then n and N go to the next and previous match)"
    hidden = None
    if selection is not None:  # offer only what the tree shows: a hidden node has no line
        hidden = {n for n in app.workspace.by_id if not selection.keeps(n)}
        title = "Find a node in the filtered map (then n and N go to the next match)"
    picker = Picker(title, app.workspace, exclude=hidden)

    def answer(node_id: str | None) -> None:
        if node_id:
            tree = app.query_one(MapTree)
            tree.find(picker.query_text)
            tree.reveal(node_id)
            tree.focus()

    app.push_screen(picker, answer)
