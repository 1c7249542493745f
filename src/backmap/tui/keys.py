"""The editor's keys: each with a description (the key bar, help and the palette show it) and
a stable id."""

from __future__ import annotations

from textual.binding import Binding

# Help and Quit come first so the key bar keeps them in sight on a narrow terminal.
APP = [
    Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
    Binding("q", "quit_app", "Quit", id="app.quit"),
    Binding("a", "add_child", "Add child", id="node.add_child"),
    Binding("A", "add_sibling", "Add sibling", show=False, id="node.add_sibling"),
    Binding("e", "edit", "Edit", id="node.edit"),
    Binding("r", "rename", "Rename", show=False, id="node.rename"),
    Binding("R", "rename_id", "Change id", show=False, id="node.rename_id"),
    Binding("K", "change_kind", "Change kind", show=False, id="node.kind"),
    Binding("d", "delete", "Delete", id="node.delete"),
    Binding("p", "link", "Link parent", id="node.link"),
    Binding("P", "unlink", "Unlink", show=False, id="node.unlink"),
    Binding("m", "move", "Move", show=False, id="node.move"),
    Binding("slash", "find", "Find", key_display="/", id="map.find"),
    Binding("c", "recheck", "Check", show=False, id="map.check"),
    Binding("f", "fit", "Fit idea", id="map.fit"),
    Binding("i", "checkin", "Check-in round", show=False, id="map.checkin"),
    Binding("F", "filter", "Filter", show=False, id="map.filter"),
    Binding("escape", "clear_filter", "Clear the filter", show=False, id="map.unfilter"),
    Binding("w", "people", "People", show=False, id="map.people"),
    Binding("x", "export", "Export", show=False, id="map.export"),
    Binding("ctrl+z", "undo", "Undo", id="history.undo"),
    Binding("ctrl+y", "redo", "Redo", show=False, id="history.redo"),
    Binding("ctrl+s", "save", "Save", id="file.save"),
    # The palette's key is one of the others: the key bar cuts what does not fit at its end.
    Binding("ctrl+p", "command_palette", "Palette", id="app.palette"),
]
