"""Exporting stays out of the way: only export code imports graphviz."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def loaded_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_check_does_not_import_graphviz() -> None:
    loaded = loaded_after(
        "from backmap import cli\ncli.main(['check', '--map', 'maps/ideal-group.yaml'])"
    )
    assert "pydantic" in loaded and "graphviz" not in loaded


def test_markdown_export_does_not_import_graphviz() -> None:
    code = (
        "from pathlib import Path\nfrom backmap import store\n"
        "from backmap.render.export import export\n"
        "export(store.load(Path('maps/ideal-group.yaml')), 'md')"
    )
    assert "graphviz" not in loaded_after(code)


def test_dot_export_imports_graphviz() -> None:
    code = (
        "from pathlib import Path\nfrom backmap import store\n"
        "from backmap.render.export import export\n"
        "export(store.load(Path('maps/ideal-group.yaml')), 'dot')"
    )
    assert "graphviz" in loaded_after(code)
