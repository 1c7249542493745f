"""The command palette: every key's action by its description, jumping and filtering."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding

from backmap.tui import filtering

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


def of(app: BackmapApp) -> Iterable[SystemCommand]:
    """The editor's own commands, after Textual's."""
    for binding in app.BINDINGS:
        if isinstance(binding, Binding) and binding.description and binding.key != "ctrl+p":
            action = binding.action
            yield SystemCommand(
                binding.description,
                f"{binding.description} ({app.get_key_display(binding)})",
                lambda a=action: app.run_action(a),
            )
    yield SystemCommand("Jump to node", "Find a node by title or id", app.action_find)
    for name in filtering.CRITERIA:
        yield SystemCommand(
            f"Filter by {name}",
            f"Show only the items of one {name}, with the way up to the outcomes (F)",
            lambda n=name: filtering.ask(app, n),
        )
