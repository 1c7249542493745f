"""Import keeps what `set` would refuse out of a node, and says what became of the file's top."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli

from backmap import store

MINDMAP = (
    '<map version="1.0.1"><node TEXT="School children are protected">'
    '<node TEXT="HPV uptake above 80%"><node TEXT="Consent by app"/>'
    '<node TEXT="Catch-up sessions in June 40%"/></node></node></map>'
)


def test_a_percentage_ending_the_title_of_an_item_with_children_stays_in_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "plan.mm").write_text(MINDMAP)
    preview = run_cli("import", "plan.mm", "--dry-run", cwd=tmp_path)
    assert preview.code == 0, preview.err
    assert "'80%' stays in the title" in preview.err
    result = run_cli("import", "plan.mm", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "'80%' stays in the title" in result.err
    ws = store.load(tmp_path / "plan.yaml")
    node = ws.node("hpv-uptake-above-80")
    assert (node.title, node.progress) == ("HPV uptake above 80%", None)
    leaf = ws.node("catch-up-sessions-in-june")  # a leaf's percentage is its progress
    assert (leaf.title, leaf.progress) == ("Catch-up sessions in June", 40)


def test_progress_given_apart_to_an_item_with_children_is_left_out_with_a_note(
    tmp_path: Path,
) -> None:
    (tmp_path / "plan.csv").write_text(
        "Title,Kind,Parent,Progress\nSchools,outcome,,\nUptake,goal,Schools,30\n"
        "Consent by app,initiative,Uptake,50\n"
    )
    result = run_cli("import", "plan.csv", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "progress 30% of 'Uptake' not imported" in result.err
    ws = store.load(tmp_path / "plan.yaml")
    assert ws.node("uptake").progress is None
    assert ws.node("consent-by-app").progress == 50


def test_a_lone_top_heading_left_out_of_an_existing_map_is_named(tmp_path: Path) -> None:
    assert run_cli("new", "vax.yaml", cwd=tmp_path).code == 0
    (tmp_path / "plan.md").write_text(
        "# Everyone eligible is vaccinated against measles\n\n## Reach every school\n"
        "- Consent by app\n"
    )
    result = run_cli("import", "plan.md", "--into", "vax.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "'Everyone eligible is vaccinated against measles'" in result.err
    assert "--keep-top" in result.err
    titles = [n.title for n in store.load(tmp_path / "vax.yaml").nodes()]
    assert "Everyone eligible is vaccinated against measles" not in titles


def test_keep_top_imports_the_top_heading_as_the_outcome(tmp_path: Path) -> None:
    assert run_cli("new", "vax.yaml", cwd=tmp_path).code == 0
    (tmp_path / "plan.md").write_text(
        "# Everyone eligible is vaccinated against measles\n\nFor every child.\n\n"
        "## Reach every school\n- Consent by app\n"
    )
    result = run_cli("import", "plan.md", "--into", "vax.yaml", "--keep-top", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "--keep-top" not in result.err
    ws = store.load(tmp_path / "vax.yaml")
    top = ws.node("everyone-eligible-is-vaccinated-against-measles")
    assert (top.kind.value, top.description) == ("outcome", "For every child.")
    assert ws.node("reach-every-school").supports == [top.id]


def test_a_mind_maps_root_left_out_of_an_existing_map_is_named(tmp_path: Path) -> None:
    assert run_cli("new", "vax.yaml", cwd=tmp_path).code == 0
    (tmp_path / "plan.mm").write_text(MINDMAP)
    result = run_cli("import", "plan.mm", "--into", "vax.yaml", "--dry-run", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "'School children are protected'" in result.err
    kept = run_cli("import", "plan.mm", "--into", "vax.yaml", "--keep-top", cwd=tmp_path)
    assert kept.code == 0, kept.err
    assert store.load(tmp_path / "vax.yaml").node("school-children-are-protected")
