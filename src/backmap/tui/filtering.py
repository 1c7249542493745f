"""The editor's filter (backmap.filters, as the command line's --owner --team --status --tag):
choose a criterion, then one of the values the map has; the tree shows the matches and, dim,
the way up to the outcomes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from backmap.filters import Filter, Selection
from backmap.model import Status, Workspace
from backmap.tui.screens.dialogs import Choose

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp

CRITERIA = {"owner": "owners", "team": "teams", "status": "statuses", "tag": "tags"}
"""Each criterion as the editor names it, and the Filter field it sets."""
CLEAR = "clear the filter"


def describe(flt: Filter) -> str:
    """What a filter keeps, in a few words: "owner dana · status active, planned"."""
    parts = []
    for name, attribute in CRITERIA.items():
        values = [getattr(v, "value", v) for v in getattr(flt, attribute)]
        if values:
            parts.append(f"{name} {', '.join(values)}")
    return " · ".join(parts)


def choices(ws: Workspace, criterion: str) -> list[tuple[str, str]]:
    """The values a criterion can take in this map, each with how it is shown."""
    if criterion == "status":
        return [(s.value, s.value) for s in Status]
    if criterion == "tag":
        tags = {t for n in ws.nodes() for t in n.tags}
        return [(t, t) for t in sorted(tags, key=str.casefold)]
    if criterion == "team":
        teams = ws.people.people if ws.people is not None else []
        return [(t, t) for t in dict.fromkeys(p.team for p in teams if p.team)]
    named = {name for n in ws.nodes() for name in (n.owner, n.sub_owner) if name}
    if ws.people is None:
        return [(name, name) for name in sorted(named, key=str.casefold)]
    found = [(f"{p.id} · {p.name}", p.id) for p in ws.people.people]
    strangers = sorted(named - set(ws.people.by_id), key=str.casefold)
    return found + [(f"{name} (not in the people file)", name) for name in strangers]


def with_value(flt: Filter, criterion: str, value: str) -> Filter:
    """The filter with one criterion set to `value` (the others stay)."""
    if criterion == "status":
        return replace(flt, statuses=(Status(value),))
    if criterion == "team":
        return replace(flt, teams=(value,))
    if criterion == "tag":
        return replace(flt, tags=(value,))
    return replace(flt, owners=(value,))


def ask(app: BackmapApp, criterion: str | None = None) -> None:
    """Choose a criterion (unless given), then its value; the app's filter follows."""
    if criterion is None:
        menu: list[tuple[str, str | None]] = [(CLEAR, None)] if app.map_filter else []
        for name in CRITERIA:
            why = None if choices(app.workspace, name) else _none(app.workspace, name)
            menu.append((name, why))

        def picked(name: str | None) -> None:
            if name == CLEAR:
                app.map_filter = Filter()
            elif name:
                ask(app, name)

        app.push_screen(Choose("Filter the map by…", menu), picked)
        return
    values = choices(app.workspace, criterion)
    if not values:
        app.notify(_none(app.workspace, criterion), severity="warning")
        return
    shown = dict(values)

    def answer(label: str | None) -> None:
        if label:
            app.map_filter = with_value(app.map_filter, criterion, shown[label])

    listed: list[tuple[str, str | None]] = [(label, None) for label, _ in values]
    app.push_screen(Choose(f"Show the items of which {criterion}?", listed), answer)


def _none(ws: Workspace, criterion: str) -> str:
    if criterion == "team" and ws.people is None:
        return "teams come from a people file (people.yaml), and this map has none"
    return f"no node of this map has a{'n' * (criterion == 'owner')} {criterion}"


def select(ws: Workspace, flt: Filter) -> Selection:
    from backmap.filters import select as chosen

    return chosen(ws, flt)


def show_indicator(app: BackmapApp) -> None:
    """Say on the map's border that a filter is on, what it keeps, and how to clear it."""
    from backmap.tui.widgets.map_tree import MapTree

    tree = app.query_one(MapTree)
    flt, selection = app.map_filter, tree.selection
    tree.set_class(bool(flt), "-filtered")
    if not flt or selection is None:
        tree.border_title = None
        return
    count = len(selection.matches)
    found = f"{count} match{'es' * (count != 1)}" if count else "nothing matches"
    tree.border_title = f"filter: {describe(flt)} · {found} · Esc clears"
