"""The monthly check-in report: its numbers (compute), its charts and its Markdown."""
