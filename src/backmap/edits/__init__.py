"""Edits to a workspace as undoable commands, and the history that the CLI and the editor share.

Each builder checks the edit against the workspace and returns an Edit made of primitive steps
(insert, delete, replace a node); it changes nothing until applied, and refuses with EditError
when the edit would break the map. `history` holds the steps and the history, `rules` what every
edit keeps, `nodes` and `links` the builders, `errors` the refusals.
"""

from backmap.edits.errors import EditError, KindOrderError, NothingChanged, TwinError
from backmap.edits.history import Delete, Edit, History, Insert, Replace, Step
from backmap.edits.links import link, move, unlink
from backmap.edits.nodes import (
    add,
    change,
    done_changes,
    orphaned_by_removal,
    remove,
    rename,
    same_title,
    unique_id,
)
from backmap.edits.rules import check_link, require

__all__ = [
    "Delete",
    "Edit",
    "EditError",
    "History",
    "Insert",
    "KindOrderError",
    "NothingChanged",
    "Replace",
    "Step",
    "TwinError",
    "add",
    "change",
    "check_link",
    "done_changes",
    "link",
    "move",
    "orphaned_by_removal",
    "remove",
    "rename",
    "require",
    "same_title",
    "unique_id",
    "unlink",
]
