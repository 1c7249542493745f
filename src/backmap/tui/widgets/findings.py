"""Live `backmap check` results; choosing one asks the app to jump to its node."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from backmap.checks import CheckResult, Finding
from backmap.render.styles import SEVERITY_STYLES
from backmap.tui.widgets.tree_labels import rich_style


class Findings(OptionList):
    """One line per finding, most severe first; long lists are cut to stay responsive."""

    LIMIT = 300
    _shown: tuple[object, ...] | None = None

    class Chosen(Message):
        """The user chose a finding: show its node."""

        def __init__(self, node_id: str) -> None:
            super().__init__()
            self.node_id = node_id

    @staticmethod
    def order(result: CheckResult) -> list[Finding]:
        """The findings to list, most severe first (thousands on a big map: sort them in the
        worker that checked, not on the UI thread)."""
        return sorted(result.active(), key=lambda f: (-f.severity, f.path, f.line, f.code))

    def show(self, active: list[Finding]) -> None:
        """List findings put in order by `order`."""
        # Most edits leave the findings as they were: redrawing hundreds of lines would stall.
        shown = (
            len(active),
            *((f.severity, f.code, f.message, f.node_id) for f in active[: self.LIMIT]),
        )
        if shown == self._shown:
            return
        self._shown = shown
        self.clear_options()
        options = []
        for index, finding in enumerate(active[: self.LIMIT]):
            line = Text()
            line.append(
                f"{finding.severity.label:<7} ", rich_style(SEVERITY_STYLES[finding.severity])
            )
            line.append(f"{finding.code} ", "bold")
            line.append(finding.message)
            options.append(Option(line, id=f"{index}:{finding.node_id}"))
        if not options:
            options.append(Option(Text("No findings: every rule passes.", "green"), disabled=True))
        elif len(active) > self.LIMIT:
            more = f"… and {len(active) - self.LIMIT} more: run `backmap check` to see them all"
            options.append(Option(Text(more, "grey50"), disabled=True))
        self.add_options(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id.split(":", 1)[1]))
