"""`export -f pdf --page a4 -o map.pdf`: one PDF to print, the overview first, then the pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "maps" / "ideal-group.yaml")


def pages_of(pdf: Path) -> int:
    """The page count, as pdfinfo reads it when it is there, else by counting page objects."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    return pdf.read_bytes().count(b"/Type /Page ")


def test_a_pdf_file_gets_every_page_in_one_document(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    args = ("export", "--map", EXAMPLE, "-f", "pdf", "--page", "slide")
    assert run_cli(*args, "-o", str(folder)).code == 0
    separate = sorted(p.name for p in folder.glob("*.pdf"))
    book = tmp_path / "map.pdf"
    done = run_cli(*args, "-o", str(book))
    assert done.code == 0, done.err
    assert book.read_bytes().startswith(b"%PDF-")
    assert pages_of(book) == len(separate) > 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.pdf", "pages"]  # nothing else
    assert f"wrote {book} ({len(separate)} pages" in done.err


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler's pdftoppm")
def test_the_first_page_of_the_book_is_the_overview(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    args = ("export", "--map", EXAMPLE, "-f", "pdf", "--page", "slide")
    assert run_cli(*args, "-o", str(folder)).code == 0
    book = tmp_path / "map.pdf"
    assert run_cli(*args, "-o", str(book)).code == 0

    def first_page(pdf: Path) -> bytes:
        out = subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", "20", "-gray", str(pdf)],
            capture_output=True,
            check=True,
        )
        return out.stdout

    assert first_page(book) == first_page(folder / "overview.pdf")
