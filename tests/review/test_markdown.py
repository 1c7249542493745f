"""The report's Markdown: tables that hold whatever a title says, sections that say 'none'."""

from __future__ import annotations

from pathlib import Path

from tests.review.test_compute import MAP, report_of

from backmap.review.markdown import to_markdown


def test_titles_cannot_break_a_table(tmp_path: Path) -> None:
    text = MAP.replace("title: A shared test suite", 'title: "Tests | *all* of [them]"')
    markdown = to_markdown(report_of(tmp_path, text), charts=set())
    section = markdown.split("\n## Slipping\n", 1)[1].split("\n## ", 1)[0]
    head, _, row = (line for line in section.splitlines() if line.startswith("|"))
    assert row.startswith("| Tests \\| \\*all\\* of \\[them\\] (`shared`) |")
    # An escaped bar is text: the row has as many cells as the head.
    assert len(row.replace("\\|", "").split(" | ")) == len(head.split(" | "))


def test_without_charts_no_image_is_linked(tmp_path: Path) -> None:
    markdown = to_markdown(report_of(tmp_path), charts=set())
    assert "![" not in markdown
    assert "### The others" in markdown  # the outcome's numbers, as a table without a chart


def test_ideas_are_counted_apart(tmp_path: Path) -> None:
    markdown = to_markdown(report_of(tmp_path), charts={"progress-happy"})
    assert "\n1 idea beneath it not started yet (left out of its progress).\n" in markdown
    assert "(`chatbot`)" not in markdown
