"""Edits: what each builder does, refusals that change nothing, undo and redo to the same bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import MAPS
from tests.strategies import examples

from backmap import edits, store
from backmap.edits import EditError, History
from backmap.model import Workspace

SMALL = """\
backmap: 1
title: Small
nodes:
  - id: happy
    kind: outcome
    title: Employees are happy
  - id: less-stress  # keep this comment
    kind: goal
    title: Reduce stress
    supports: [happy]
  - id: focus
    kind: goal
    title: Focus on what matters
    supports: [happy]
  - id: off-hours
    kind: initiative
    title: Respect off-hours
    supports: [less-stress]
    owner: dana
  - id: async
    kind: initiative
    title: Async status updates
    supports: [less-stress, focus]
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    path = tmp_path / "map.yaml"
    path.write_text(SMALL)
    return store.load(path)


def text_of(ws: Workspace) -> str:
    return "".join(store.dumps(ws, p) for p in ws.files)


def test_add_makes_id_from_title_and_avoids_collisions(ws: Workspace) -> None:
    first = edits.add(ws, "initiative", "Respect Off-Hours!", supports=["focus"], twin=True)
    first.apply(ws)
    assert first.node_id == "respect-off-hours"
    second = edits.add(ws, "initiative", "Respect off hours", supports=["focus"], twin=True)
    second.apply(ws)
    assert second.node_id == "respect-off-hours-2"
    assert ws.node("respect-off-hours-2").supports == ["focus"]


def test_add_refuses_the_same_title_and_names_the_links_that_would_serve(ws: Workspace) -> None:
    with pytest.raises(edits.TwinError) as same:
        edits.add(ws, "initiative", "respect the OFF hours!", supports=["less-stress"])
    assert same.value.twin.id == "off-hours" and same.value.missing == ()
    with pytest.raises(edits.TwinError) as elsewhere:
        edits.add(ws, "initiative", "Respect off-hours", supports=["less-stress", "focus"])
    assert elsewhere.value.missing == ("focus",)
    assert "backmap" not in str(elsewhere.value)  # each front end words its own way past it
    with pytest.raises(edits.EditError, match="no node `nope`"):
        edits.add(ws, "initiative", "Respect off-hours", supports=["nope"])
    # A place the twin could not serve is refused as such, not taken for "already there".
    with pytest.raises(edits.EditError, match="nothing can support an initiative") as wrong:
        edits.add(ws, "initiative", "Respect off-hours", supports=["async"])
    assert not isinstance(wrong.value, edits.TwinError)
    # Another kind, or other words, is another title.
    edits.add(ws, "goal", "Respect off-hours", supports=["happy"])
    edits.add(ws, "initiative", "Respect off-hours after six", supports=["focus"])


def test_add_places_node_after_its_siblings(ws: Workspace) -> None:
    edits.add(ws, "initiative", "Quiet hours", supports=["less-stress"]).apply(ws)
    assert ws.ids() == ["happy", "less-stress", "focus", "off-hours", "async", "quiet-hours"]
    edits.add(ws, "goal", "Growth", supports=["happy"]).apply(ws)
    assert ws.ids()[:4] == ["happy", "less-stress", "focus", "growth"]
    edits.add(ws, "outcome", "Customers trust our numbers").apply(ws)
    assert ws.ids()[:2] == ["happy", "customers-trust-our-numbers"]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda ws: edits.link(ws, "happy", "focus"), "outcomes are the top of the map"),
        (lambda ws: edits.link(ws, "focus", "off-hours"), "nothing can support an initiative"),
        (lambda ws: edits.link(ws, "focus", "focus"), "cannot support itself"),
        (lambda ws: edits.link(ws, "async", "focus"), "already supports"),
        (lambda ws: edits.link(ws, "async", "focuss"), "did you mean `focus`?"),
        (lambda ws: edits.unlink(ws, "off-hours", "focus"), "does not support `focus`"),
        (lambda ws: edits.rename(ws, "focus", "less-stress"), "already used"),
        (lambda ws: edits.rename(ws, "focus", "Focus Now"), "is not a valid id"),
        (lambda ws: edits.add(ws, "goal", "X", node_id="happy"), "already used"),
        (lambda ws: edits.add(ws, "goal", "X", supports=["nope"]), "no node `nope`"),
        (lambda ws: edits.change(ws, "focus", progress=140), "from 0 to 100"),
        (lambda ws: edits.change(ws, "focus", status="finished"), "must be one of"),
        (lambda ws: edits.change(ws, "less-stress", kind="initiative"), "support `less-stress`"),
        (lambda ws: edits.move(ws, "happy", ["focus"]), "outcomes are the top"),
        (lambda ws: edits.remove(ws, "ghost"), "no node `ghost`"),
        (lambda ws: edits.add(ws, "goal", "   "), "title is blank"),
        (lambda ws: edits.add(ws, "goal", "\t\n", supports=["happy"]), "title is blank"),
        (lambda ws: edits.change(ws, "focus", title=" "), "title is blank"),
    ],
)
def test_refused_edits_change_nothing(ws: Workspace, build, message: str) -> None:
    before = text_of(ws)
    with pytest.raises(EditError, match=message.replace("?", r"\?").replace("(", r"\(")):
        build(ws)
    assert text_of(ws) == before


def test_cycle_is_refused(ws: Workspace) -> None:
    edits.add(ws, "goal", "Sub", supports=["less-stress"]).apply(ws)
    with pytest.raises(EditError, match="would make a cycle"):
        edits.link(ws, "less-stress", "sub")


def test_remove_unlinks_children_and_reports_orphans(ws: Workspace) -> None:
    assert edits.orphaned_by_removal(ws, "less-stress") == ["off-hours"]
    edits.remove(ws, "less-stress").apply(ws)
    assert "less-stress" not in ws
    assert ws.node("off-hours").supports == []
    assert ws.node("async").supports == ["focus"]


def test_rename_updates_every_reference_and_keeps_comments(ws: Workspace) -> None:
    edits.rename(ws, "less-stress", "calm").apply(ws)
    assert ws.node("off-hours").supports == ["calm"]
    assert ws.node("async").supports == ["calm", "focus"]
    assert "  - id: calm  # keep this comment\n" in text_of(ws)


def test_rename_across_files(maps_copy: Path) -> None:
    ws = store.load(maps_copy / "org")
    parent = next(n for n in ws.nodes() if n.kind.value == "goal")
    referencing = [n.id for n in ws.nodes() if parent.id in n.supports]
    files = {ws.file_of(r) for r in referencing} | {ws.file_of(parent.id)}
    edits.rename(ws, parent.id, "renamed-goal").apply(ws)
    assert all("renamed-goal" in ws.node(r).supports for r in referencing)
    written = store.save(ws)
    assert set(written) == files
    again = store.load(maps_copy / "org")
    assert all("renamed-goal" in again.node(r).supports for r in referencing)


def test_history_undo_redo_and_dirty(ws: Workspace) -> None:
    original = text_of(ws)
    history = History(ws)
    assert not history.dirty
    history.do(edits.change(ws, "focus", owner="maya"))
    changed = text_of(ws)
    assert history.dirty and "owner: maya" in changed
    assert history.undo() is not None
    assert text_of(ws) == original and not history.dirty
    assert history.redo() is not None
    assert text_of(ws) == changed
    history.mark_saved()
    assert not history.dirty
    assert history.redo() is None
    history.undo()
    assert history.dirty


# --- random edit sequences --------------------------------------------------------------------

ACTIONS = ("add", "change", "link", "unlink", "move", "remove", "rename")


@st.composite
def edit_plans(draw: st.DrawFn) -> list[tuple[str, int, int, str]]:
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(ACTIONS),
                st.integers(0, 50),
                st.integers(0, 50),
                st.sampled_from(["New idea", "Reduce stress", "x # y", "Yes", "ü: ok"]),
            ),
            min_size=1,
            max_size=12,
        )
    )


def _attempt(ws: Workspace, action: str, a: int, b: int, word: str) -> edits.Edit:
    ids = ws.ids()
    one, two = ids[a % len(ids)], ids[b % len(ids)]
    kind = ("outcome", "goal", "initiative")[b % 3]
    return {
        "add": lambda: edits.add(ws, kind, word, supports=[] if kind == "outcome" else [two]),
        "change": lambda: edits.change(ws, one, title=word, progress=a if a <= 100 else None),
        "link": lambda: edits.link(ws, one, two),
        "unlink": lambda: edits.unlink(ws, one, two),
        "move": lambda: edits.move(ws, one, [two]),
        "remove": lambda: edits.remove(ws, one),
        "rename": lambda: edits.rename(ws, one, f"{one[:40]}-r{a}"),
    }[action]()


@settings(
    max_examples=int(os.environ.get("BACKMAP_EXAMPLES", examples(120))),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(plan=edit_plans())
def test_edits_then_undos_give_back_the_same_bytes(tmp_path: Path, plan) -> None:
    ws = store.load(MAPS / "ideal-group.yaml")
    original = text_of(ws)
    history = History(ws)
    done = 0
    for action, a, b, word in plan:
        if len(ws) == 0:
            break
        try:
            history.do(_attempt(ws, action, a, b, word))
            done += 1
        except EditError:
            continue
    # Whatever was done saves to a loadable, canonical file that keeps the comments.
    out = tmp_path / "out.yaml"
    out.write_text(text_of(ws))
    assert store.pending(store.load(out)) == []
    # Comments go with their node: all of those whose node is still there are written.
    now = text_of(ws)
    for node_id, table in store.stored(ws).comments.items():
        if node_id in ws:
            for leading, trailing in table.values():
                for comment in (*leading, *trailing):
                    assert comment.strip() in now
    for _ in range(done):
        history.undo()
    assert text_of(ws) == original


def test_an_unknown_kind_is_refused_by_the_model_not_the_twin_check(ws: Workspace) -> None:
    with pytest.raises(EditError, match="kind"):
        edits.add(ws, "task", "Respect off-hours", supports=["less-stress"])


@pytest.mark.parametrize("title", ["Line\nbreak", "Tab\tin it", "Carriage\rreturn"])
def test_a_title_is_one_line(ws: Workspace, title: str) -> None:
    with pytest.raises(edits.EditError, match="a title is one line"):
        edits.add(ws, "goal", title, supports=["happy"])
    with pytest.raises(edits.EditError, match="a title is one line"):
        edits.change(ws, "focus", title=title)
