"""Focus items and lessons as lines for the terminal: by period, then by person or team."""

from __future__ import annotations

from datetime import date

from backmap.fit.lessons import NearLesson
from backmap.model import Workspace
from backmap.people.focus import Holder, Period, focus_items, focused, lessons
from backmap.render.labels import headline

FOCUS_MARK = "◎"
"""Marks an item someone has in focus in the current period (status, tree)."""


def _who(ws: Workspace, holder: Holder) -> str:
    if holder.group == "teams":
        return f"team {holder.who}"
    person = ws.people.by_id.get(holder.who) if ws.people is not None else None
    return f"{person.name} ({holder.who})" if person is not None else holder.who


def node_line(ws: Workspace, node_id: str) -> str:
    """`▸ Title [id] active 40%`, or the id alone (`? id`) for a node the map no longer has."""
    node = ws.get(node_id)
    if node is None:
        return f"? {node_id} (not in the map)"
    facts = [node.status.value] if node.status is not None else []
    if node.progress is not None:
        facts.append(f"{node.progress:g}%")
    return " ".join([headline(node), *facts])


def focus_lines(ws: Workspace, period: Period, holder: tuple[str, str] | None) -> list[str]:
    """Each person's or team's focus items of `period`; [] when there are none."""
    lines: list[str] = []
    for who, ids in focus_items(ws):
        if who.period.key != period.key or (holder and (who.group, who.who) != holder):
            continue
        lines.append(f"{_who(ws, who)}")
        lines += [f"  {node_line(ws, node_id)}" for node_id in ids]
    if lines:
        lines.insert(0, f"Focus for {period.key} ({period.start} to {period.end})")
    return lines


def lesson_lines(ws: Workspace, period: Period | None, holder: tuple[str, str] | None) -> list[str]:
    """Lessons by period, then by who wrote them; [] when there are none."""
    lines: list[str] = []
    last: tuple[str, str, str] | None = None
    for row in lessons(ws, period.key if period else None):
        h = row.holder
        if holder and (h.group, h.who) != holder:
            continue
        if last is None or last[0] != h.period.key:
            lines += [*([""] if lines else []), f"Lessons of {h.period.key}"]
        if last != (h.period.key, h.group, h.who):
            lines.append(f"  {_who(ws, h)}")
        last = (h.period.key, h.group, h.who)
        lines.append(f"    - {row.text}")
        lines += [f"      {node_line(ws, node_id)}" for node_id in row.nodes]
    return lines


def focus_summary(ws: Workspace, today: date) -> list[str]:
    """One line per node in focus now: who holds it and in which period (status, report)."""
    lines = []
    for node_id, holders in focused(ws, today).items():
        by = ", ".join(f"{_who(ws, h)} in {h.period.key}" for h in holders)
        lines.append(f"{FOCUS_MARK} {node_line(ws, node_id)}: {by}")
    return lines


def current(ws: Workspace, today: date) -> list[tuple[Holder, list[str]]]:
    """The focus items of each person and team in the periods that hold `today`."""
    return [(h, ids) for h, ids in focus_items(ws) if h.period.holds(today)]


def current_lines(ws: Workspace, today: date) -> list[str]:
    """Who focuses on what now, one line per person or team (below `backmap people`)."""
    found = current(ws, today)
    if not found:
        return []
    width = max(len(h.label) for h, _ in found)
    lines = ["focus items (" + ", ".join(sorted({h.period.key for h, _ in found})) + ")"]
    lines += [f"  {h.label.ljust(width)}  {', '.join(ids)}" for h, ids in found]
    return lines


def current_markdown(ws: Workspace, today: date) -> str:
    """The same as a Markdown section (below `backmap people --format md`); "" without any."""
    found = current(ws, today)
    if not found:
        return ""
    periods = ", ".join(sorted({h.period.key for h, _ in found}))
    lines = ["", f"## Focus items ({periods})", ""]
    lines += [f"- {h.label}: {', '.join(f'`{n}`' for n in ids)}" for h, ids in found]
    return "\n".join(lines) + "\n"


def current_json(ws: Workspace, today: date) -> list[dict[str, object]]:
    return [
        {"period": h.period.key, "team" if h.group == "teams" else "person": h.who, "items": ids}
        for h, ids in current(ws, today)
    ]


def focus_markdown(ws: Workspace, today: date) -> str:
    """A `## Focus` section for the check-in report: who focuses on what now, and how far each
    item is; "" when nobody has focus items for a period that holds `today`."""
    from backmap.render.markdown import text

    found = current(ws, today)
    if not found:
        return ""
    periods = ", ".join(sorted({h.period.key for h, _ in found}))
    lines = ["", f"## Focus ({periods})", ""]
    for holder, ids in found:
        items = "; ".join(text(node_line(ws, node_id)) for node_id in ids)
        lines.append(f"- **{text(_who(ws, holder))}**: {items}")
    return "\n".join(lines) + "\n"


def near_lines(ws: Workspace, found: list[NearLesson]) -> list[str]:
    """`fit`'s "lessons near this idea", one lesson a line with who and when."""
    if not found:
        return []
    lines = ["", "lessons near this idea"]
    for near in found:
        row = near.lesson
        about = f" (about {', '.join(row.nodes)})" if row.nodes else ""
        lines.append(f"  {row.holder.period.key} {_who(ws, row.holder)}: {row.text}{about}")
    return lines


def near_json(found: list[NearLesson]) -> list[dict[str, object]]:
    return [
        {
            "period": n.lesson.holder.period.key,
            "team" if n.lesson.holder.group == "teams" else "person": n.lesson.holder.who,
            "text": n.lesson.text,
            "nodes": list(n.lesson.nodes),
            "score": round(n.score, 4),
            "via": n.via,
        }
        for n in found
    ]
