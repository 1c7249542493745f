"""The keys of what has focus, on the bottom line: drawn as one widget, redrawn when they change."""

from __future__ import annotations

import string
from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.keys import _character_to_key
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

_TYPED = frozenset(_character_to_key(char) for char in string.printable if char.strip())
"""Key names of the characters a text box takes as typed text: `slash`, `question_mark`, `a`."""


class Key(NamedTuple):
    """One key as the bar shows it."""

    key: str
    """What pressing it sends (a click on it does the same)."""
    shown: str
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """Looks like Textual's Footer, costs a fraction: the Footer mounts a widget per key and
    builds them all again on every focus change (a dozen widgets styled for each field the
    cursor enters), where this draws one line of text, and only when the keys it shows change.
    A key is clicked as on the Footer. Keys that do not fit are cut at the right edge (the
    app lists the ones that matter first)."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"keybar--key", "keybar--description", "keybar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 1fr; text-wrap: nowrap; text-overflow: clip;
        color: $footer-foreground; background: $footer-background;
        & > .keybar--key {
            color: $footer-key-foreground; background: $footer-key-background; text-style: bold;
        }
        & > .keybar--description {
            color: $footer-description-foreground; background: $footer-description-background;
        }
        & > .keybar--hover { background: $block-hover-background; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[Key, ...] = ()
        """What the bar shows, in order (empty until the screen has said which keys are on)."""
        self._spans: list[tuple[int, int]] = []  # each key's columns, as last drawn
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or screen is not self.screen or not self.is_attached:
            return
        keys = self.active_keys()
        if keys != self.keys:  # most focus changes leave the keys as they were: nothing to do
            self.keys = keys
            self._hover = None
            self.refresh()

    def active_keys(self) -> tuple[Key, ...]:
        """The screen's shown keys, one per action (its first key), as the Footer picks them."""
        seen: dict[str, Key] = {}
        typing = isinstance(self.screen.focused, Input | TextArea)
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if typing and binding.key in _TYPED:
                continue  # in a text box the key types itself (Textual misses `/` and such)
            if binding.show and binding.action not in seen:
                shown = self.app.get_key_display(binding)
                seen[binding.action] = Key(binding.key, shown, binding.description, active.enabled)
        return tuple(seen.values())

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        words_style = self.get_component_rich_style("keybar--description")
        hover_style = self.get_component_rich_style("keybar--hover", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for index, key in enumerate(self.keys):
            start = len(text)
            text.append(f" {key.shown} ", key_style)
            if key.description:
                text.append(f"{key.description} ", words_style)
            if not key.enabled:
                text.stylize(Style(dim=True), start)
            if index == self._hover:
                text.stylize(hover_style, start)
            self._spans.append((start, len(text)))
        text.stylize_before(self.rich_style)
        return text

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column `x` of the bar, if any."""
        index = self._index_at(x)
        return None if index is None else self.keys[index]

    def _index_at(self, x: int) -> int | None:
        for index, (start, end) in enumerate(self._spans):
            if start <= x < end:
                return index
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovering(self._index_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hovering(None)

    def _hovering(self, index: int | None) -> None:
        if index != self._hover:
            self._hover = index
            self.refresh()
