"""One digest decides whether a file changed: for saving, recovery, the journal and the editor."""

from __future__ import annotations

from pathlib import Path

from backmap import store
from backmap.store.digests import changed, digest_of


def test_changed_names_the_files_that_differ_with_their_digest_now(tmp_path: Path) -> None:
    same, edited, gone, new = (tmp_path / n for n in ("same", "edited", "gone", "new"))
    for path in (same, edited, new):
        path.write_bytes(b"backmap: 1\n")
    expected = {same: digest_of(b"backmap: 1\n"), edited: digest_of(b"old"), gone: "x", new: None}
    assert changed(expected) == {
        edited: digest_of(b"backmap: 1\n"),
        gone: None,
        new: digest_of(b"backmap: 1\n"),
    }


def test_the_editor_and_recovery_ask_the_same_question(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("backmap: 1\ntitle: M\nnodes: []\n")
    ws = store.load(path)
    assert store.changed_on_disk(ws) == {}
    path.write_text("backmap: 1\ntitle: N\nnodes: []\n")
    assert store.changed_on_disk(ws) == {path: store.digest_on_disk(path)}
