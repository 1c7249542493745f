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


def test_metrics_table_says_what_its_change_and_last_move_are_with_units(tmp_path: Path) -> None:
    markdown = to_markdown(report_of(tmp_path), charts=set())
    section = markdown.split("\n## Metrics\n", 1)[1].split("\n## ", 1)[0]
    head, _, row = (line for line in section.splitlines() if line.startswith("|"))
    assert head.endswith("| Change | Last move |")
    assert row.endswith("| +3 h | **away from target** |")  # since --since; then the last two
    assert "the last move is between the last two readings" in section


def test_health_is_worded_and_every_section_ends_before_the_next(tmp_path: Path) -> None:
    markdown = to_markdown(report_of(tmp_path), charts=set())
    assert ": 1 on track, 0 at risk, 1 off track, 2 not reported." in markdown
    assert "| A shared test suite (`shared`) | maya | off track |" in markdown
    # Every item checked in lately, none never: the Stale section is one sentence.
    calm = MAP.replace("2026-10-20 progress=30", "2026-11-30 progress=30").replace(
        "    progress: 20\n", "    progress: 20\n    checkins: |\n      2026-11-30 progress=20\n"
    )
    for text in (markdown, to_markdown(report_of(tmp_path, calm), charts=set())):
        sections = text.split("\n## ")
        # A section's last paragraph is never glued to the next heading.
        assert all(section.endswith("\n") for section in sections[:-1]), text
    assert "Every open item that checks in did so within" in text
