"""Hypothesis strategies for maps: valid nodes, map files and random edit sequences."""

from __future__ import annotations

from datetime import date

from hypothesis import settings
from hypothesis import strategies as st

from backmap.model import Kind, MapFile, Metric, Node, Status

quick = False
"""True in a run that leaves the slow tests out (`-m "not slow"`, set by conftest): there
every property tries a quarter of its examples; the full run (CI) tries them all."""

settings.register_profile("quick", max_examples=25)


def examples(n: int) -> int:
    """How many examples a property tries: `n`, a quarter of it (at least 10) in a quick run."""
    return max(10, n // 4) if quick else n


# Any character a map may hold: control characters other than tab and line breaks are refused.
plain = st.characters(
    exclude_categories=("Cs", "Cc"),
    include_characters="\t\n\r",
    exclude_characters="\ufffe\uffff",
)
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
# Text that stresses quoting: YAML indicators, quotes, unicode, line breaks, look-alike values.
tricky = st.sampled_from(
    [
        "yes",
        "No",
        "null",
        "~",
        "true",
        "1.5",
        "0x1F",
        "2027-03-31",
        "- a",
        "a: b",
        "a #b",
        "#x",
        "[x]",
        "{y}",
        "'q'",
        '"dq"',
        "*alias",
        "&anchor",
        "!tag",
        "|",
        ">",
        "%",
        "@",
        "`",
        " lead",
        "trail ",
        "tab\there",
        "ünïcödé",
        "line\nbreak",
        "end\n",
        "\u2028",
        "emoji 🎯",
        "back\\slash",
        "",
        ":",
        "?",
        "a,b",
        "x: y # z",
    ]
)
text = st.one_of(
    st.text(plain, min_size=1, max_size=40),
    tricky.filter(bool),
    st.builds(lambda a, b: a + b, tricky, st.text(plain, max_size=10)).filter(bool),
)
# People and tags are one line (model.Name).
names = text.filter(lambda s: not any(c in s for c in "\n\r\u2028\u2029"))
numbers = st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e15, 1e15, width=64))
metrics = st.builds(
    Metric,
    name=text,
    unit=st.none() | text,
    baseline=st.none() | numbers,
    target=st.none() | numbers,
    current=st.none() | numbers,
)


@st.composite
def nodes(draw: st.DrawFn, node_id: str, known: list[str]) -> Node:
    kind = draw(st.sampled_from(list(Kind)))
    supports = (
        []
        if kind is Kind.OUTCOME or not known
        else draw(st.lists(st.sampled_from(known), max_size=3, unique=True))
    )
    optional = {
        "description": st.none() | text | st.text(plain, max_size=80),
        "owner": st.none() | names,
        "sub_owner": st.none() | names,
        "personal": st.none() | st.booleans(),
        "status": st.none() | st.sampled_from(list(Status)),
        "progress": st.none() | st.integers(0, 100) | st.floats(0, 100),
        "due": st.none() | st.dates(date(2000, 1, 1), date(2099, 12, 31)),
        "metric": st.none() | metrics,
        "tags": st.lists(names, max_size=3),
        "links": st.lists(text, max_size=2),
        "paths": st.lists(text, max_size=2),
    }
    fields = {k: draw(v) for k, v in optional.items()}
    return Node(
        id=node_id,
        kind=kind,
        title=draw(text),
        supports=supports,
        **{k: v for k, v in fields.items() if v is not None},
    )


@st.composite
def map_files(draw: st.DrawFn, max_nodes: int = 8) -> MapFile:
    node_ids = draw(st.lists(ids, max_size=max_nodes, unique=True))
    built: list[Node] = []
    for i, node_id in enumerate(node_ids):
        built.append(draw(nodes(node_id, node_ids[:i])))
    return MapFile(backmap=1, title=draw(text), description=draw(st.none() | text), nodes=built)
