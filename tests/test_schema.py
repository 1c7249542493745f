"""The shipped JSON Schema holds editors to the limits `backmap check` holds maps to."""

from __future__ import annotations

import json

import jsonschema
import pytest

from backmap.schema import SCHEMA_FILE


def _map(**fields: object) -> dict[str, object]:
    node = {"id": "bed-alarms", "kind": "initiative", "title": "Bed alarms", **fields}
    return {"backmap": 1, "title": "Ward", "nodes": [node]}


@pytest.mark.parametrize(
    ("fields", "valid"),
    [
        ({"progress": 40}, True),
        ({"progress": 150}, False),
        ({"progress": -5}, False),
        ({"metric": {"name": "falls", "baseline": 10, "target": 2}}, True),
        ({"metric": {"name": "falls", "baseline": 10**16, "target": 2}}, False),
    ],
)
def test_the_shipped_schema_enforces_number_ranges(fields: dict[str, object], valid: bool) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_map(**fields)))
    assert (not errors) is valid, errors


def test_no_limit_is_left_in_a_keyword_validators_ignore() -> None:
    text = SCHEMA_FILE.read_text(encoding="utf-8")
    assert '"ge"' not in text and '"le"' not in text
