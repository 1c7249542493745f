"""The colours of a drawing: each kind's border and done fill, ink, muted items and findings.

DOT and Mermaid draw with these; the interactive HTML page names the kinds' colours again in
html/map.css, which cannot import them.
"""

from __future__ import annotations

from backmap.checks import Severity
from backmap.model import Kind

KIND_COLOUR = {Kind.OUTCOME: "#6a1b9a", Kind.GOAL: "#00796b", Kind.INITIATIVE: "#455a64"}
"""Each kind's border."""
DONE_FILL = {Kind.OUTCOME: "#e1bee7", Kind.GOAL: "#b2dfdb", Kind.INITIATIVE: "#cfd8dc"}
"""What a done item is filled with (Mermaid fills every kind with the initiative's)."""
INK = "#212121"
"""Titles."""
GREY = "#546e7a"
"""The small lines under a title, and the legend's explanations."""
MUTED = "#9e9e9e"
"""Dropped items, and items shown only as the way up to what a filter matched."""
MARK_LOOK = {
    Severity.ERROR: ("#ffebee", "#c62828"),
    Severity.WARNING: ("#fff3e0", "#e65100"),
    Severity.INFO: ("#e3f2fd", "#1565c0"),
}
"""Fill and text of a finding's mark, by severity."""
