"""The JSON Schema of map files, generated from the models and shipped for editors."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("backmap.schema.json")
SCHEMA_ID = "https://backmap.dev/schema/backmap-1.json"


def schema() -> dict[str, object]:
    """The schema as a dict, built from MapFile (attribute docstrings become descriptions)."""
    from backmap.model import MapFile

    data = MapFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **data,
    }


def schema_text() -> str:
    """The schema as the text of the shipped file."""
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
