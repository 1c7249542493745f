"""`backmap people` and `backmap plan` as text, Markdown and JSON: rows in, lines out."""

from __future__ import annotations

import json
from typing import Any

from backmap.model import Kind, Workspace
from backmap.people.load import Load, Loads
from backmap.people.plan import Item, Plan, reaches_outcome
from backmap.render.focus import FOCUS_MARK, node_line
from backmap.render.labels import headline
from backmap.render.markdown import text as markdown_text
from backmap.render.report import percent
from backmap.term import Style

COLUMNS = ("owned", "sub", "open", "progress", "overdue", "at risk", "no sub", "bus", "personal")
"""The numbers of a row, as headed in text and Markdown."""


def _numbers(row: Load) -> list[str]:
    counts = (row.owned, row.sub_owned, row.open)
    late = (row.overdue, row.at_risk, row.no_sub_owner, row.bus_factor, row.personal)
    return [*(str(len(c)) for c in counts), percent(row.progress), *(str(len(c)) for c in late)]


def _first(row: Load, loads: Loads) -> str:
    return row.key if row.known or not loads.has_people_file else f"{row.key}?"


def text_lines(loads: Loads, style: Style) -> list[str]:
    """A table of people (and one of teams, with a people file), aligned for the terminal;
    no lines when nobody owns anything. The command words what to do about either."""
    if not loads.people:
        return []
    table = [["person", *(["team"] if loads.has_people_file else []), *COLUMNS]]
    for row in loads.people:
        team = [row.team or "-"] if loads.has_people_file else []
        table.append([_first(row, loads), *team, *_numbers(row)])
    lines = _aligned(table, style)
    if loads.teams:
        teams = [["team", "people", *COLUMNS]]
        teams += [[t.key, str(t.members), *_numbers(t)] for t in loads.teams]
        lines += ["", *_aligned(teams, style)]
    return lines


def _aligned(table: list[list[str]], style: Style) -> list[str]:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    text_columns = 2 if table[0][1] == "team" else 1
    lines = []
    for n, row in enumerate(table):
        cells = [
            cell.ljust(width) if i < text_columns else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        line = "  ".join(cells).rstrip()
        lines.append(style(line, "bold") if n == 0 else line)
    return lines


_HEADS = [column.capitalize() for column in COLUMNS]
"""The columns as a Markdown table heads them, capitalised as its first ones are."""


def markdown(loads: Loads) -> str:
    """The same tables in Markdown (names included), for a wiki page or a pull request."""
    # Without a people file a person is their name: no Name or Team column to fill.
    more = ["Name", "Team"] if loads.has_people_file else []
    head = ["Person", *more, *_HEADS]
    rows = [
        [
            f"`{_first(r, loads)}`",
            *([_cell(r.name), _cell(r.team or "")] if loads.has_people_file else []),
            *_numbers(r),
        ]
        for r in loads.people
    ]
    parts = [_md_table(head, rows)]
    if loads.teams:
        team_rows = [[_cell(t.key), str(t.members), *_numbers(t)] for t in loads.teams]
        parts.append(_md_table(["Team", "People", *_HEADS], team_rows))
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    right = len(COLUMNS)
    lines = ["| " + " | ".join(head) + " |"]
    lines.append("|" + "|".join(["---"] * (len(head) - right) + ["---:"] * right) + "|")
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _record(row: Load, person: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": row.key} if person else {"team": row.key, "people": row.members}
    if person:
        out.update(name=row.name, team=row.team, known=row.known)
    out.update(
        owned=row.owned,
        sub_owned=row.sub_owned,
        open=row.open,
        progress=None if row.progress is None else round(row.progress, 1),
        overdue=row.overdue,
        at_risk=row.at_risk,
        no_sub_owner=row.no_sub_owner,
        bus_factor=row.bus_factor,
        personal=row.personal,
    )
    return out


def to_json(loads: Loads, focus: list[dict[str, Any]] | None = None) -> str:
    """One document: `version`, `people_file`, `people` and `teams`, lists of node ids, and
    `focus`: the focus items of the periods that hold the day."""
    doc = {
        "version": 1,
        "people_file": loads.has_people_file,
        "people": [_record(r, True) for r in loads.people],
        "teams": [_record(t, False) for t in loads.teams],
        "focus": focus or [],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _node(ws: Workspace, node_id: str, with_id: bool = True) -> str:
    return headline(ws.node(node_id), with_id=with_id)


def _facts(ws: Workspace, item: Item) -> str:
    node = ws.node(item.node_id)
    facts = ["personal goal"] if node.personal else []
    facts += [node.status.value] if node.status is not None else []
    facts.append(percent(item.progress))
    if node.due is not None:
        facts.append(f"due {node.due}")
    return " · ".join(facts + item.flags)


def _header(plan: Plan) -> tuple[str, str]:
    who = plan.person
    title = who.name if who.name == who.key else f"{who.name} ({who.key})"
    if who.team:
        title += f" · team {who.team}"
    if plan.manager is not None:
        boss = plan.manager
        title += f" · reports to {boss.name}"
    counts = (
        f"owns {len(who.owned)} · sub-owns {len(who.sub_owned)} · open {len(who.open)} · "
        f"progress {percent(who.progress)} · overdue {len(who.overdue)} · "
        f"at risk {len(who.at_risk)}"
    )
    return title, counts


def _chains(ws: Workspace, item: Item) -> list[str]:
    """Each chain above the item, as `→ goal → outcome`; what reaches no outcome says so."""
    lines = []
    for chain in item.chains:
        if len(chain) == 1:
            node = ws.node(chain[0])
            lines.append("is an outcome" if node.kind is Kind.OUTCOME else "supports nothing yet")
            continue
        # Titles only: the chains repeat the same goals, and ids would double their width.
        line = " → ".join(_node(ws, n, with_id=False) for n in chain[1:])
        lines.append("→ " + line + ("" if reaches_outcome(ws, chain) else " (reaches no outcome)"))
    if item.more:
        lines.append("→ … and more")
    return lines


_ROLES = {"owner": "owns", "sub_owner": "sub-owns"}


def plan_lines(ws: Workspace, plan: Plan, style: Style) -> list[str]:
    """A person's plan for the terminal: a heading, then each item with its chains."""
    title, counts = _header(plan)
    lines = [style(title, "bold"), counts]
    if plan.focus:
        lines += ["", style(f"focus in {', '.join(plan.periods)}", "bold")]
        lines += [f"  {FOCUS_MARK} {node_line(ws, n)}" for n in plan.focus]
    for role, heading in _ROLES.items():
        items = [i for i in plan.items if i.role == role]
        if not items:
            continue
        lines += ["", style(heading, "bold")]
        for item in items:
            lines.append(f"  {_node(ws, item.node_id)}  {style(_facts(ws, item), 'grey')}")
            lines += [f"      {style(c, 'grey')}" for c in _chains(ws, item)]
    if not plan.items:
        lines += ["", "owns and sub-owns nothing in this map"]
    return lines


def plan_markdown(ws: Workspace, plan: Plan) -> str:
    """The same plan in Markdown, for the notes of a one-on-one."""
    title, counts = _header(plan)
    out = [f"# {markdown_text(title)}", "", counts]
    if plan.focus:
        out += ["", f"## Focus in {', '.join(plan.periods)}", ""]
        out += [f"- {markdown_text(node_line(ws, n))}" for n in plan.focus]
    for role, heading in _ROLES.items():
        items = [i for i in plan.items if i.role == role]
        if not items:
            continue
        out += ["", f"## {heading[0].upper()}{heading[1:]}", ""]
        for item in items:
            node = ws.node(item.node_id)
            out.append(f"- **{markdown_text(node.title)}** (`{item.node_id}`): {_facts(ws, item)}")
            out += [f"  - {markdown_text(c)}" for c in _chains(ws, item)]
    if not plan.items:
        out += ["", "Owns and sub-owns nothing in this map."]
    return "\n".join(out) + "\n"
