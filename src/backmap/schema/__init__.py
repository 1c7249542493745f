"""The JSON Schema of map files, generated from the models and shipped for editors."""

from __future__ import annotations

import ast
import inspect
import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("backmap.schema.json")
SCHEMA_ID = "https://backmap.dev/schema/backmap-1.json"


def schema() -> dict[str, object]:
    """The schema as a dict, built from MapFile (attribute docstrings become descriptions)."""
    from backmap import model

    data = model.MapFile.model_json_schema()
    docs = attribute_docs(inspect.getsource(model))
    for name, definition in [("MapFile", data), *data.get("$defs", {}).items()]:
        for field, properties in definition.get("properties", {}).items():
            if field in docs.get(name, {}):
                properties.setdefault("description", docs[name][field])
    _bounds(data)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **data,
    }


def _bounds(node: object) -> None:
    """Turn the limits pydantic leaves as `ge`/`le` (on a union of int and float it cannot
    push them into) into JSON Schema's `minimum`/`maximum`, which validators enforce."""
    if isinstance(node, dict):
        for ours, theirs in (("ge", "minimum"), ("le", "maximum")):
            if ours in node:
                node[theirs] = node.pop(ours)
        for value in node.values():
            _bounds(value)
    elif isinstance(node, list):
        for value in node:
            _bounds(value)


def schema_text() -> str:
    """The schema as the text of the shipped file."""
    return json.dumps(schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def attribute_docs(source: str) -> dict[str, dict[str, str]]:
    """Class name -> field -> the docstring written under the field, as pydantic's
    `use_attribute_docstrings` reads them. Read here, for the schema only: reading the source
    when the models are defined would cost every command ~40 ms."""
    docs: dict[str, dict[str, str]] = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        fields: dict[str, str] = {}
        for statement, following in zip(node.body, node.body[1:], strict=False):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                fields[statement.target.id] = inspect.cleandoc(following.value.value)
        docs[node.name] = fields
    return docs
