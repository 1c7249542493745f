"""openpyxl loads only for XLSX; `backmap import --help` loads nothing heavy (probed by
tests/startup.py)."""

from __future__ import annotations

from tests.startup import HEAVY, core_and_libraries, front_end, packages


def test_text_formats_never_load_openpyxl() -> None:
    loaded = core_and_libraries()["text formats"]
    assert "backmap.importing" in loaded
    assert "openpyxl" not in packages(loaded)
    assert not packages(loaded) & HEAVY


def test_import_help_is_light() -> None:
    loaded = packages(front_end()["import --help"])
    assert not loaded & {*HEAVY, "openpyxl", "pydantic"}
