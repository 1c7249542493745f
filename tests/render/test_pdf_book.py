"""`export -f pdf --page a4 -o map.pdf`: one PDF to print, the overview first, then the pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import Run, run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "maps" / "ideal-group.yaml")


def pages_of(pdf: Path) -> int:
    """The page count, as pdfinfo reads it when it is there, else by counting page objects."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    # "/Type /Page" then a space, a line end or a slash; not "/Type /Pages", the page tree.
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf.read_bytes()))


@dataclass
class Exported:
    folder: Path
    book: Path
    done: Run


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The example map exported once as a folder of slide pages, then as one PDF beside it:
    the two exports are most of these tests' time, and the tests only read what they wrote."""
    where = tmp_path_factory.mktemp("book")
    folder = where / "pages"
    args = ("export", "--map", EXAMPLE, "-f", "pdf", "--page", "slide")
    assert run_cli(*args, "-o", str(folder)).code == 0
    book = where / "map.pdf"
    return Exported(folder, book, run_cli(*args, "-o", str(book)))


def test_a_pdf_file_gets_every_page_in_one_document(exported: Exported) -> None:
    folder, book, done = exported.folder, exported.book, exported.done
    separate = sorted(p.name for p in folder.glob("*.pdf"))
    assert done.code == 0, done.err
    assert book.read_bytes().startswith(b"%PDF-")
    assert pages_of(book) == len(separate) > 1
    assert sorted(p.name for p in book.parent.iterdir()) == ["map.pdf", "pages"]  # nothing else
    assert f"wrote {book} ({len(separate)} pages" in done.err


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler's pdftoppm")
def test_the_first_page_of_the_book_is_the_overview(exported: Exported) -> None:
    def first_page(pdf: Path) -> bytes:
        out = subprocess.run(
            ["pdftoppm", "-f", "1", "-l", "1", "-r", "20", "-gray", str(pdf)],
            capture_output=True,
            check=True,
        )
        return out.stdout

    assert exported.done.code == 0, exported.done.err
    assert first_page(exported.book) == first_page(exported.folder / "overview.pdf")
