"""User text is shown as text: markup-like titles, owners and notes never crash or vanish."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import ids

from backmap import store
from backmap.model import Kind, MapFile, Metric, Node, Workspace
from backmap.tui.app import BackmapApp

from .screen import screen_text

SIZE = (120, 36)


def write_map(tmp_path: Path, title: str, owner: str, note: str, twin: str = "twin-a") -> Path:
    """A small map whose nodes carry the given user text in every free-text field."""
    nodes = [
        Node(id="calm", kind=Kind.OUTCOME, title=f"{title} calm", description=note),
        Node(id=twin, kind=Kind.GOAL, title=title, supports=["calm"], owner=owner),
        Node(
            id="twin-b",
            kind=Kind.GOAL,
            title=f"{title} b",
            supports=["calm"],
            sub_owner=owner,
            tags=[note],
            metric=Metric(name=note, unit=owner),
        ),
        Node(id="step", kind=Kind.INITIATIVE, title=f"{title} step", supports=[twin]),
    ]
    path = tmp_path / "map.yaml"
    ws = Workspace(path)
    store.new_file(ws, path, MapFile(backmap=1, title=note, nodes=nodes))
    store.save(ws)
    return path


async def visit_every_dialog(app: BackmapApp, pilot, title: str) -> list[str]:
    """Open each picker and dialog on the node `step`; return what each one showed."""
    seen: list[str] = []
    tree = app.query_one("#tree")
    for keys in (["slash"], ["d"], ["r"], ["R"], ["p"], ["m"], ["question_mark"], ["A"]):
        assert tree.reveal("step")
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is not app.screen_stack[0], keys
        seen.append(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
    # The notice about a twin names the title and id as typed.
    app.on_fit_panel_attach_requested(
        type("M", (), {"text": f"{title} step", "place_id": "calm"})()
    )
    await pilot.pause()
    said = [n for n in app._notifications if "already in the map" in n.message]
    assert said and not any(n.markup for n in said)  # shown as typed, never parsed
    seen.append("\n".join(n.message for n in said))
    return seen


def run(path: Path, title: str) -> list[str]:
    app = BackmapApp(store.load(path))
    shown: list[str] = []

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            shown.extend(await visit_every_dialog(app, pilot, title))

    asyncio.run(main())
    return shown


def test_markup_in_titles_is_shown_as_typed(tmp_path: Path) -> None:
    title = "Fix [/] and [b]bold[/b] parsing"
    path = write_map(tmp_path, title, "[red]ana", "[link=x]notes[/link]")
    find, delete, rename, rename_id, link, move, _help, add, notices = run(path, title)
    assert f"New initiative next to “{title} step”" in add
    for shown in (find, link, move):
        assert f"{title} b  [twin-b]" in shown, shown
    assert f"{title}  [twin-a]" in find and f"{title} b  [twin-b]" in find
    assert f"Delete “{title} step”?" in delete
    assert f"Rename “{title} step”" in rename
    assert "[step]" in rename_id or "`step`" in rename_id
    assert f"“{title} step” [step] is already in the map" in notices


TEXTS = st.one_of(
    st.sampled_from(
        ["[/]", "[b]", "[/b]", "[@click=app.quit]x[/]", "\\[", "[", "]", "[red on blue]"]
    ),
    st.sampled_from(["🎯 goal", "👩🏽‍💻", "עברית", "مرحبا بالعالم", "x" * 300]),
    st.text(alphabet=st.sampled_from("[]/\\@=b é🙂ש"), min_size=1, max_size=12),
).map(lambda s: s if s.strip() else f"{s}x")


IDS = st.one_of(ids, st.sampled_from(["0", "x" * 64, "b-1"])).filter(
    lambda i: i not in ("calm", "twin-b", "step")
)


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=TEXTS, owner=TEXTS, note=TEXTS, twin=IDS)
def test_every_dialog_takes_any_user_text(
    tmp_path_factory, title: str, owner: str, note: str, twin: str
) -> None:
    path = write_map(tmp_path_factory.mktemp("m"), title, owner, note, twin)
    shown = run(path, title)
    find = shown[0]
    if len(title) + len(twin) < 40:
        assert f"[{twin}]" in find and "[twin-b]" in find
