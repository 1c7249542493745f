"""Textual's Tree with the work a big map cannot afford taken out: lines measured without
drawing them, focus changes that do not list every line again, and one invalidation for
a whole batch of lines added."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.cells import cell_len
from textual.scroll_view import ScrollView
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from backmap.tui.widgets.tree_labels import Line


class LeanTree(Tree[Line]):
    """A Tree of map lines that lists, measures and redraws its lines only when it must."""

    @contextmanager
    def _in_one_go(self) -> Iterator[None]:
        """Lines added and opened inside invalidate the tree once, at the end: Tree does it
        (a refresh, a layout asked for) for every line added, hundreds at each rebuild."""
        self._batched = True
        try:
            yield
        finally:
            self._batched = False
            self._invalidate()

    _batched = False

    def _invalidate(self) -> None:
        if not self._batched:
            super()._invalidate()

    def get_label_width(self, node: TreeNode[Line]) -> int:
        # Measured without drawing: Tree draws every open line to measure it each time it lists
        # them again (0.23 s with all 10k nodes open, 0.07 s so).
        icon = (
            (self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
            if node.allow_expand
            else ""
        )
        return cell_len(icon) + node._label.cell_len

    def notify_style_update(self) -> None:
        # Focus coming or going restyles the tree: its lines are drawn again, but the list of
        # them stays as it is (Tree lists and measures every open line again, and lays out the
        # whole screen, on each focus change).
        ScrollView.notify_style_update(self)
        self._line_cache.clear()
        self.refresh()
