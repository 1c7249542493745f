"""The editor's key actions: each hands the node under the cursor to the module that acts."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import App

from backmap.tui import actions, keys, safety, saving, showing
from backmap.tui.widgets.details import Details
from backmap.tui.widgets.map_tree import MapTree

if TYPE_CHECKING:
    from backmap.tui.app import BackmapApp


class KeyActions(App[None]):
    """What the keys bound in `keys.APP` do; `BackmapApp` is the one app built on it."""

    @property
    def _editor(self) -> BackmapApp:
        return cast("BackmapApp", self)

    def current(self) -> str | None:
        return self.query_one(MapTree).current_id()

    def action_add_child(self) -> None:
        actions.add_child(self._editor, self.current())

    def action_add_sibling(self) -> None:
        tree = self.query_one(MapTree)
        actions.add_sibling(self._editor, tree.current_id(), tree.current_parent())

    def action_edit(self) -> None:
        if self.current() is not None:
            self.query_one(Details).edit()

    def action_rename(self) -> None:
        actions.rename_title(self._editor, self.current())

    def action_rename_id(self) -> None:
        actions.rename_id(self._editor, self.current())

    def action_change_kind(self) -> None:
        actions.change_kind(self._editor, self.current())

    def action_delete(self) -> None:
        actions.delete(self._editor, self.current())

    def action_link(self) -> None:
        actions.link(self._editor, self.current())

    def action_unlink(self) -> None:
        tree = self.query_one(MapTree)
        actions.unlink(self._editor, tree.current_id(), tree.current_parent())

    def action_move(self) -> None:
        actions.move(self._editor, self.current())

    def action_find(self) -> None:
        actions.find(self._editor)

    def action_checkin(self) -> None:
        from backmap.tui import checkin_mode  # not needed before the first screen

        checkin_mode.choose_owner(self._editor)

    def action_recheck(self) -> None:
        self._editor.checking.soon()
        self.notify("Checking the map", timeout=1)

    def action_undo(self) -> None:
        showing.step_back(self._editor)

    def action_redo(self) -> None:
        showing.step_forward(self._editor)

    def action_save(self) -> None:
        saving.save(self._editor)

    def action_help(self) -> None:
        from backmap.tui.screens.help import Help  # not needed before the first screen

        self.push_screen(Help(keys.APP))

    # q, ctrl+q, ctrl+c and the palette's Quit all leave the same way: asking about unsaved work.
    def action_quit_app(self) -> None:
        safety.leave(self._editor)

    async def action_quit(self) -> None:
        safety.leave(self._editor)

    def action_help_quit(self) -> None:
        safety.leave(self._editor)
