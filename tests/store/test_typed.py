"""The quick path of loading: a map that is plainly valid becomes the very objects pydantic's
validation makes, and anything else is left to pydantic (and its messages)."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml_rs
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from tests.conftest import cli_env
from tests.strategies import examples, map_files

from backmap import store
from backmap.model import MapFile
from backmap.store import typed

MAPS = Path(__file__).resolve().parents[2] / "maps"

# What YAML gives a field, right and wrong. Text here holds no control character: a text that
# holds one, raw or escaped, never reaches the quick path (the loader refuses it first, or
# `plain_text` sends it to pydantic).
SCALARS = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        1,
        -1,
        100,
        101,
        10**15,
        10**16,
        1.5,
        100.0,
        -0.0,
        math.inf,
        math.nan,
        "",
        " ",
        "x",
        "Goal",
        "goal",
        "outcome",
        "initiative",
        "idea",
        "done",
        "Done",
        "BM101",
        "bm101",
        "BM1010",
        "a\nb",
        "a\u2028b",
        "tab\there",
        "2027-03-31",
        "2027-02-30",
        "20270331",
        "2027-3-31",
        "0000-01-01",
        "ana",
        "ok-id",
        "-bad",
        "Bad",
        "x" * 65,
        "é",
    ]
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(SCALARS, inner, max_size=3),
    max_leaves=6,
)
FIELDS = st.sampled_from(
    [
        "id",
        "kind",
        "title",
        "description",
        "supports",
        "owner",
        "sub_owner",
        "personal",
        "status",
        "progress",
        "due",
        "metric",
        "tags",
        "links",
        "paths",
        "ignore",
        "checkins",
        "colour",
    ]
)
METRICS = st.fixed_dictionaries(
    {"name": st.sampled_from(["pages", "", None, 3])},
    optional={
        "unit": SCALARS,
        "baseline": SCALARS,
        "target": SCALARS,
        "current": SCALARS,
        "colour": SCALARS,
    },
)
NODES = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b-2", "ok-id", "Bad", 7, "x" * 65]),
        "kind": st.sampled_from(["goal", "initiative", "Goal", None]),
        "title": st.sampled_from(["Do it", "", "a\nb", 5]),
    },
    optional={
        "supports": st.lists(st.sampled_from(["a", "b-2", "Bad", 3, "ok-id"]), max_size=3) | VALUES,
        "metric": METRICS | VALUES,
    },
).flatmap(
    lambda node: (
        st.dictionaries(FIELDS, VALUES, max_size=4).map(lambda more: {**more, **node})
        | st.just(node)
    )
)


def _same(quick: Any, full: Any) -> None:
    """The same object, as far as anything can tell: values, their types, their order, and
    which fields were given."""
    if isinstance(full, BaseModel):
        assert type(quick) is type(full)
        assert quick.model_fields_set == full.model_fields_set
        assert list(quick.__dict__) == list(full.__dict__)
        assert quick.__pydantic_extra__ is None and quick.__pydantic_private__ is None
        for name, value in full.__dict__.items():
            _same(quick.__dict__[name], value)
    elif isinstance(full, list):
        assert type(quick) is list and len(quick) == len(full)
        for a, b in zip(quick, full, strict=True):
            _same(a, b)
    else:
        assert type(quick) is type(full) and quick == full


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(NODES, max_size=3), st.sampled_from(["Plans", "", None]), VALUES)
def test_quick_or_pydantic_the_same(nodes: list[dict[str, Any]], title: Any, other: Any) -> None:
    data = {"backmap": 1, "title": title, "nodes": nodes}
    if other is not None:
        data["description"] = other
    quick = typed.mapfile(data)
    try:
        full = MapFile.model_validate(data)
    except ValidationError:
        assert quick is None
        return
    if quick is not None:
        _same(quick, full)


@settings(max_examples=examples(60), deadline=None)
@given(map_files())
def test_valid_maps_take_the_quick_path(mapfile: MapFile) -> None:
    data = mapfile.model_dump(mode="json", exclude_unset=True)  # as YAML gives it
    if not all(typed.plain_text(repr(v)) for v in data.values()):
        return
    quick = typed.mapfile(data)
    assert quick is not None
    _same(quick, MapFile.model_validate(data))


@pytest.mark.parametrize("path", sorted(MAPS.rglob("*.yaml")), ids=lambda p: p.name)
def test_the_example_maps_take_the_quick_path(path: Path) -> None:
    data = yaml_rs.loads(path.read_text(encoding="utf-8"), parse_datetime=False)
    if "nodes" not in data:
        pytest.skip("not a map file")
    quick = typed.mapfile(data)
    assert quick is not None
    _same(quick, MapFile.model_validate(data))


def test_a_check_builds_no_validator() -> None:
    """A plainly valid map loads without building pydantic's validators (nor looking for its
    plugins): what every `check` would otherwise pay at start."""
    probe = (
        "import sys; from backmap import store; from backmap.model import Node;"
        f"ws = store.load({str(MAPS / 'ideal-group.yaml')!r});"
        "print(len(ws), Node.__pydantic_complete__, 'pydantic.plugin._loader' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=cli_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[1:] == ["False", "False"]


def test_a_mistake_still_gets_pydantic_s_message(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: goal\n    title: A\n"
        "    progress: 140\n",
        encoding="utf-8",
    )
    with pytest.raises(store.LoadError) as caught:
        store.load(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (7, caught.value.problems[0].message)
    ]
    assert "100" in caught.value.problems[0].message


def test_a_long_check_in_history_takes_the_quick_path(tmp_path: Path) -> None:
    """What makes pydantic the quicker is the number of nodes, not the length of their text: a
    few nodes with years of check-ins (megabytes) load without building its validators."""
    lines = "".join(f"      2026-01-{1 + i % 28:02d} progress={i % 101}\n" for i in range(150_000))
    path = tmp_path / "map.yaml"
    path.write_text(
        "backmap: 1\ntitle: T\nnodes:\n  - id: a\n    kind: goal\n    title: A\n"
        f"    checkins: |\n{lines}",
        encoding="utf-8",
    )
    assert path.stat().st_size > 4_000_000
    probe = (
        "import sys; from backmap import store; from backmap.model import Node;"
        f"ws = store.load({str(path)!r});"
        "print(len(ws), Node.__pydantic_complete__, 'pydantic.plugin._loader' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=cli_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "False", "False"]
