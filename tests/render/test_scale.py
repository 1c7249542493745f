"""Renderers on huge inputs: labels stay short, JSON text matches the standard library's."""

from __future__ import annotations

import json
import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import examples

from backmap.render.json_export import dumps
from backmap.render.node_text import LABEL_CHARS, WRAP, wrap


def test_a_title_of_a_megabyte_without_a_space_is_cut_on_the_label() -> None:
    lines = wrap("Unbroken" * 125_000)
    assert "".join(lines).endswith("…")
    assert len("".join(lines)) == LABEL_CHARS
    assert all(len(line) <= WRAP for line in lines)


words = st.lists(
    st.sampled_from(["a", "bb", "ccc", "twelve-chars", "x" * 24, "y" * 25]), max_size=6
)
titles = st.text(max_size=LABEL_CHARS) | words.map(" ".join) | words.map("\n".join)


@settings(max_examples=examples(300), deadline=None)
@given(titles)
def test_titles_that_fit_wrap_as_textwrap_wraps_them(title: str) -> None:
    expected = []
    for paragraph in title.splitlines() or [""]:
        expected += textwrap.wrap(paragraph, WRAP, break_on_hyphens=False) or [""]
    assert wrap(title) == expected


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=examples(300), deadline=None)
@given(values)
def test_json_text_is_what_the_standard_library_writes(value: object) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
