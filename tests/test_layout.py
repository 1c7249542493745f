"""The source keeps its shape: no empty `if TYPE_CHECKING:` blocks left behind by refactors."""

from __future__ import annotations

import ast

from tests.conftest import ROOT


def test_no_empty_type_checking_blocks() -> None:
    empty = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.If)
                and isinstance(node.test, ast.Name)
                and node.test.id == "TYPE_CHECKING"
                and all(isinstance(s, ast.Pass | ast.Expr) for s in node.body)
            ):
                empty.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert empty == []
