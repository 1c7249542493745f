"""Why an edit was refused: typed errors naming what is in the way, for each front end to word."""

from __future__ import annotations

from collections.abc import Iterable

from backmap.model import Kind, Node
from backmap.plural import listed


class EditError(Exception):
    """An edit was refused; the workspace is unchanged."""


class NothingChanged(EditError):
    """The edit would leave the node as it is: the values asked for are already there."""


class KindOrderError(EditError):
    """Refused by the kind order: an outcome supports nothing, and nothing supports an initiative.

    Says what would get past it, for each front end to word as its own command or key.
    """

    def __init__(
        self,
        message: str,
        node_id: str,
        kind: Kind | None = None,
        links: Iterable[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.node_id = node_id
        """The node whose kind is in the way."""
        self.kind = kind
        """A kind for `node_id` that would allow the edit (None: changing its kind would not)."""
        self.links = tuple(links)
        """(child, parent) links that must go before the edit can be made."""


class TwinError(EditError):
    """Refused by `add`: the map has a node of this kind with the same title (`same_title`).

    Names that node and the parents asked for that it does not serve yet (a link to each would
    be accepted), for each front end to word as its own command or key.
    """

    def __init__(self, twin: Node, missing: Iterable[str] = ()) -> None:
        self.twin = twin
        """The node already in the map."""
        self.missing = tuple(missing)
        """Parents asked for that `twin` does not support yet and could (a link would do)."""
        where = f"; it does not support {listed(list(self.missing))}" if self.missing else ""
        super().__init__(f"`{twin.id}` is already this {twin.kind.value}{where}; nothing added")
