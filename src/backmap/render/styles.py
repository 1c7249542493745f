"""How a finding's severity is styled, in the named styles ("bold", "red") that `term.Style`
turns into ANSI codes for `backmap check` and the editor into Rich styles for its findings list.
"""

from __future__ import annotations

from backmap.vocabulary import Severity

SEVERITY_STYLES: dict[Severity, tuple[str, ...]] = {
    Severity.ERROR: ("bold", "red"),
    Severity.WARNING: ("yellow",),
    Severity.INFO: ("blue",),
}
"""Each severity's label style: errors stand out most, information least."""
