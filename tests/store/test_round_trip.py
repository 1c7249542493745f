"""Loading and saving real files: round trips, canonical form, comments, atomic and safe writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from tests.conftest import MAPS, run_cli
from tests.strategies import examples, map_files

from backmap import edits, store
from backmap.model import MapFile, Node, Workspace

COMMENTED = """\
# yaml-language-server: $schema=../backmap.schema.json
# The map of our group.

backmap: 1  # format version
title: Our group
nodes:
  # --- outcomes ---
  - id: happy
    kind: outcome
    title: Employees are happy

  # --- goals ---
  - id: less-stress  # the big one
    kind: goal
    title: Reduce stress
    # why: surveys say so
    supports: [happy]
    metric:
      name: stress score
      # measured quarterly
      current: 3  # as of Q3
  - id: off-hours
    kind: initiative
    title: Respect off-hours
    description: |
      Schedule late messages
      for the next morning.
    supports: [less-stress]
    owner: dana
# end of map
"""


def write(tmp_path: Path, text: str, name: str = "map.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_example_maps_are_canonical() -> None:
    ws = store.load(MAPS)
    assert store.pending(ws) == []
    assert len(ws) > 70


def test_canonical_file_with_comments_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    ws = store.load(path)
    assert store.dumps(ws, path) == COMMENTED
    assert store.save(ws) == []


def test_comments_survive_edits(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    ws = store.load(path)
    history = edits.History(ws)
    history.do(edits.change(ws, "less-stress", title="Lower stress"))
    history.do(edits.rename(ws, "less-stress", "calm"))
    history.do(edits.add(ws, "initiative", "Quiet hours", supports=["calm"]))
    store.save(ws)
    text = path.read_text()
    for line in COMMENTED.splitlines():
        if "#" in line:
            assert line.strip().split("#", 1)[1] in text, line
    assert "  - id: calm  # the big one\n" in text
    assert "    title: Lower stress\n" in text
    assert "      current: 3  # as of Q3\n" in text
    # The new initiative sits next to its sibling, after off-hours.
    assert text.index("id: off-hours") < text.index("id: quiet-hours") < text.index("# end of map")


def test_comment_of_cleared_field_stays_with_its_node(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    ws = store.load(path)
    edits.change(ws, "less-stress", metric=None).apply(ws)
    store.save(ws)
    text = path.read_text()
    assert "# measured quarterly" in text and "# as of Q3" in text
    assert store.load(path).node("less-stress").metric is None
    # The kept comments sit inside the node's own block, before the next node.
    assert text.index("# as of Q3") < text.index("id: off-hours")


def test_the_comment_of_a_cleared_list_stays_inside_its_node(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "backmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: outcome\n    title: A\n"
        "  - id: b\n    kind: goal\n    title: B\n    supports:\n      - a  # the main one\n"
        "    owner: nina\n",
    )
    ws = store.load(path)
    edits.unlink(ws, "b", "a").apply(ws)
    store.save(ws)
    # Where `supports` was, above the next field: not between the nodes, as if a's.
    assert "  - id: b\n    kind: goal\n    title: B\n    # the main one\n    owner: nina\n" in (
        path.read_text()
    )
    assert store.load(path).node("b").supports == []


def test_fmt_reorders_keys_and_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, "title: T\nbackmap: 1\nnodes:\n- title: 'Yes'\n  kind: goal\n  id: a\n")
    ws = store.load(path)
    assert store.pending(ws) == [path]
    store.save(ws, canonical=True)  # what `backmap fmt` does; an edit's save keeps the text
    assert (
        path.read_text()
        == 'backmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: goal\n    title: "Yes"\n'
    )
    assert store.load(path).node("a").title == "Yes"


def test_a_text_whose_first_line_starts_with_a_tab_reads_back(tmp_path: Path) -> None:
    # A `#` elsewhere makes loading find the comments, with a parser that refused such a block.
    mapfile = MapFile(
        backmap=1,
        title="T",
        nodes=[Node(id="a", kind="outcome", title="\t0\n", owner="a #b", description="\tx\ny")],
    )
    assert _roundtrip(tmp_path, mapfile) == mapfile


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_bytes(
        b"backmap: 1\r\ntitle: T\r\nnodes:\r\n  - id: a\r\n    kind: goal\r\n    title: A\r\n"
    )
    ws = store.load(path)
    assert store.pending(ws) == []
    edits.change(ws, "a", title="B").apply(ws)
    store.save(ws)
    assert path.read_bytes().count(b"\r\n") == 6 and b"title: B\r\n" in path.read_bytes()


@pytest.mark.parametrize("newline", ["\r\n", "\n"])
def test_a_commented_file_keeps_every_title_and_comment_whatever_its_line_ends(
    tmp_path: Path, newline: str
) -> None:
    # Comments were placed by character offsets counted as if every line ended in one
    # character: in a CRLF file a trailing comment cut into the title ("Outcome one big one").
    path = tmp_path / "map.yaml"
    path.write_bytes(COMMENTED.replace("\n", newline).encode("utf-8"))
    run = run_cli(
        "set", "off-hours", "--owner", "lior", "--map", str(path), env={"BACKMAP_STATE_DIR": "off"}
    )
    assert run.code == 0, run.err
    expected = COMMENTED.replace("    owner: dana\n", "    owner: lior\n").replace("\n", newline)
    assert path.read_bytes().decode("utf-8") == expected
    ws = store.load(path)
    assert ws.node("less-stress").title == "Reduce stress"
    assert ws.node("happy").title == "Employees are happy"


def test_save_writes_only_changed_files_and_keeps_mode(maps_copy: Path) -> None:
    org = maps_copy / "org"
    ws = store.load(org)
    team = org / "team-platform.yaml"
    os.chmod(team, 0o640)
    before = {p: p.stat().st_mtime_ns for p in ws.files}
    node = next(iter(ws.files[team].nodes))
    edits.change(ws, node.id, owner="someone-else").apply(ws)
    assert store.save(ws) == [team]
    assert stat.S_IMODE(team.stat().st_mode) == 0o640
    assert [p for p in ws.files if p.stat().st_mtime_ns != before[p]] == [team]
    assert not [p for p in org.iterdir() if p.name.endswith(".tmp")]


def test_save_refuses_when_file_changed_on_disk(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    ws = store.load(path)
    edits.change(ws, "happy", title="Everyone is happy").apply(ws)
    path.write_text(COMMENTED.replace("Our group", "Their group"))  # e.g. a git pull
    with pytest.raises(store.SaveError) as caught:
        store.save(ws)
    assert "changed on disk since it was loaded" in str(caught.value)
    assert "Their group" in path.read_text()  # nothing overwritten
    assert store.save(ws, force=True) == [path]
    assert "Everyone is happy" in path.read_text()


def test_save_refuses_when_file_deleted_on_disk(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    ws = store.load(path)
    edits.change(ws, "happy", title="X").apply(ws)
    path.unlink()
    with pytest.raises(store.SaveError, match="deleted on disk"):
        store.save(ws)


def test_node_lines_point_at_ids(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    ws = store.load(path)
    assert store.line_of(ws, "happy") == (path, 8)
    assert store.line_of(ws, "off-hours") == (path, 22)
    plain = write(tmp_path, COMMENTED.replace("\n\n", "\n"), "plain.yaml")
    lines = [i + 1 for i, ln in enumerate(plain.read_text().splitlines()) if "- id:" in ln]
    ws2 = store.load(plain)
    assert [store.line_of(ws2, n)[1] for n in ("happy", "less-stress", "off-hours")] == lines


def test_find_root_order(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    assert store.find_root(None, env={}, cwd=tmp_path) == Path("maps")
    write(tmp_path, COMMENTED, "backmap.yaml")
    assert store.find_root(None, env={}, cwd=tmp_path) == Path("backmap.yaml")
    assert store.find_root(None, env={"BACKMAP_MAP": "maps"}, cwd=tmp_path) == Path("maps")
    assert store.find_root("maps", env={"BACKMAP_MAP": "nowhere"}, cwd=tmp_path) == Path("maps")
    with pytest.raises(store.NoWorkspace) as none:
        store.find_root(None, env={}, cwd=tmp_path / "maps")
    assert none.value.missing is None
    assert none.value.looked_in == (Path("backmap.yaml"), Path("maps"))
    with pytest.raises(store.NoWorkspace) as given:
        store.find_root("missing.yaml", env={}, cwd=tmp_path)
    assert (given.value.missing, given.value.named_by) == (Path("missing.yaml"), None)
    with pytest.raises(store.NoWorkspace) as from_env:
        store.find_root(None, env={"BACKMAP_MAP": "gone"}, cwd=tmp_path)
    assert (from_env.value.missing, from_env.value.named_by) == (Path("gone"), "BACKMAP_MAP")
    # The store speaks of no command or option: the command line words these.
    for caught in (none, given, from_env):
        assert "--map" not in str(caught.value) and "backmap new" not in str(caught.value)


def test_an_empty_folder_is_said_with_how_to_start_a_map(tmp_path: Path) -> None:
    with pytest.raises(store.LoadError) as caught:
        store.load(tmp_path)
    assert caught.value.empty_folder == tmp_path and "backmap new" not in str(caught.value)
    result = run_cli("tree", "--map", str(tmp_path))
    assert result.code == 2
    assert f"start one with `backmap new {tmp_path / 'map.yaml'}`" in result.err
    missing = run_cli("tree", "--map", str(tmp_path / "nope.yaml"))
    assert f"--map names {tmp_path / 'nope.yaml'}, which does not exist" in missing.err


def test_discover_skips_hidden_and_non_yaml(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    write(tmp_path / ".github", "name: ci\n", "ci.yaml")
    (tmp_path / "teams").mkdir()
    write(tmp_path, COMMENTED, "a.yaml")
    write(tmp_path / "teams", COMMENTED.replace("id: ", "id: t-").replace("[", "[t-"), "b.yml")
    write(tmp_path, "notes", "README.md")
    assert store.discover(tmp_path) == [tmp_path / "a.yaml", tmp_path / "teams" / "b.yml"]


def _roundtrip(tmp_path: Path, mapfile: MapFile) -> MapFile:
    path = tmp_path / "m.yaml"
    if path.exists():
        path.unlink()
    ws = Workspace(path)
    store.new_file(ws, path, mapfile)
    store.save(ws)
    return store.load(path).files[path]


@settings(
    max_examples=int(os.environ.get("BACKMAP_EXAMPLES", examples(150))),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mapfile=map_files())
def test_load_of_save_is_identity_and_save_is_idempotent(tmp_path: Path, mapfile: MapFile) -> None:
    loaded = _roundtrip(tmp_path, mapfile)
    assert loaded.model_dump() == mapfile.model_dump()
    path = tmp_path / "m.yaml"
    first = path.read_bytes()
    ws = store.load(path)
    assert store.pending(ws) == []
    assert store.save(ws) == []
    assert path.read_bytes() == first
