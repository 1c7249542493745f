"""What unsaved work would bring back: the nodes it adds, removes and changes, by id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backmap.model import Workspace
from backmap.store.problems import FileProblems


@dataclass(frozen=True)
class Unsaved:
    """The nodes a set of texts holds otherwise than the workspace, each in map order."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def unsaved(workspace: Workspace, texts: dict[Path, str]) -> Unsaved | None:
    """How `texts` (a recovery file's, by absolute path) differ from `workspace` as loaded;
    None when a text does not read as a map (restoring it then says why)."""
    from backmap.store.parse import parse

    before = {path.resolve(): mapfile for path, mapfile in workspace.files.items()}
    added: list[str] = []
    removed: list[str] = []
    changed: list[str] = []
    for path, text in texts.items():
        try:
            after = parse(path, text, "")[0].nodes
        except FileProblems:
            return None
        old = before.get(path.resolve())
        had = {node.id: node for node in old.nodes} if old is not None else {}
        ids = {node.id for node in after}
        for node in after:
            if node.id not in had:
                added.append(node.id)
            elif node != had[node.id]:
                changed.append(node.id)
        removed += [node_id for node_id in had if node_id not in ids]
    return Unsaved(tuple(added), tuple(removed), tuple(changed))
