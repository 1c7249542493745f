"""openpyxl loads only for XLSX; `backmap import --help` loads nothing heavy."""

from __future__ import annotations

from tests.test_import_hygiene import HEAVY, modules_after


def test_text_formats_never_load_openpyxl() -> None:
    code = (
        "from pathlib import Path\n"
        "from backmap.importing import read\n"
        "from backmap.importing.build import plan\n"
        "from backmap.model import Workspace\n"
        "from backmap.render.export import export\n"
        "outline = read(Path('p.csv'), 'csv', b'title,parent\\nA,\\nB,A\\n')\n"
        "ws = Workspace(Path('n.yaml'))\n"
        "assert not plan(outline, ws).problems\n"
        "export(ws, 'csv'); export(ws, 'opml'); export(ws, 'mm')\n"
    )
    loaded = {name.split(".")[0] for name in modules_after(code)[0]}
    assert "openpyxl" not in loaded
    assert not loaded & set(HEAVY)


def test_import_help_is_light() -> None:
    code = (
        "from backmap import cli\n"
        "try:\n    cli.main(['import', '--help'])\nexcept SystemExit:\n    pass"
    )
    loaded = {name.split(".")[0] for name in modules_after(code)[0]}
    assert not loaded & {*HEAVY, "openpyxl", "pydantic"}
