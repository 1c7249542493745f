"""Text in any script in PNG and PDF: which fonts draw it, padding for the layout's widths, and
SVG to PNG or vector PDF through resvg and svg2pdf with those fonts.

graphviz-pure draws PNG with fonts built into it that hold Latin, Greek and Cyrillic only, and
it measures a CJK character at 0.83 em where fonts draw it 1 em wide. So a drawing whose text
needs other scripts is laid out by graphviz-pure as SVG, with room added after wide text, and
drawn by resvg (PNG) or svg2pdf (PDF) with the fonts of the system and of font packages
installed with pip (`backmap[fonts]`).
"""

from __future__ import annotations

import html
import importlib.util
import math
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

# Fonts that pip installs: `pip install 'backmap[fonts]'` brings the first two. matplotlib, a
# dependency, brings DejaVu Sans (Latin, Greek, Cyrillic, Hebrew, Arabic in part, symbols).
FONT_PACKAGES = ("cvttf_NotoSansCJK_Regular", "fontpkg_noto_sans_arabic", "matplotlib")
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
SANS = "Arial, Liberation Sans, Arimo, Helvetica, DejaVu Sans, Noto Sans, sans-serif"
"""What the drawing's Arial may be on a machine without it (fonts are not aliased here)."""

# What graphviz-pure's own fonts draw: Latin, Greek, Cyrillic, punctuation, currency.
_BUILT_IN = re.compile(r"[\u0000-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20cf\u2190-\u2199]*")
# Characters drawn 1 em wide (East Asian Wide and Fullwidth).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+"
)
# Styles of a family hold the characters of its regular face: reading them costs time only.
# A last-resort font maps every character to a box naming its script: that is no font for it.
_STYLE = re.compile(
    r"bold|italic|oblique|light|thin|black|medium|heavy|condensed|narrow|mono|lastresort"
)
PAD = "\u200b"
"""Zero width space: graphviz-pure counts it 0.83 em wide, fonts draw nothing."""
PAD_EVERY = 5
"""One PAD per this many wide characters makes up the 0.17 em graphviz-pure leaves out."""
# Greek, Cyrillic, Armenian, Hebrew and Arabic letters graphviz-pure counts 0.56 em, about 5%
# short of what fonts draw: one PAD per this many, spaces between words counted.
_ALPHABETIC = re.compile("[\u0370-\u06ff](?:[\u0370-\u06ff ]*[\u0370-\u06ff])?")
PAD_ALPHABETIC_EVERY = 16
SCRIPTS = (
    ("Japanese kana", 0x3040, 0x30FF),
    ("Chinese characters (Han)", 0x3400, 0x9FFF),
    ("Korean (Hangul)", 0xAC00, 0xD7AF),
    ("Arabic", 0x0600, 0x06FF),
    ("Arabic", 0xFB50, 0xFEFF),
    ("Hebrew", 0x0590, 0x05FF),
    ("Armenian", 0x0530, 0x058F),
    ("Georgian", 0x10A0, 0x10FF),
    ("Devanagari", 0x0900, 0x097F),
    ("Bengali", 0x0980, 0x09FF),
    ("Tamil", 0x0B80, 0x0BFF),
    ("Telugu", 0x0C00, 0x0C7F),
    ("Thai", 0x0E00, 0x0E7F),
    ("Khmer", 0x1780, 0x17FF),
)


def needs_fonts(text: str) -> bool:
    """Whether `text` holds characters graphviz-pure's own fonts cannot draw."""
    return _BUILT_IN.fullmatch(text) is None


def pad(source: str) -> str:
    """DOT whose wide text gets the room fonts need (see PAD)."""
    source = _WIDE.sub(lambda m: m[0] + PAD * math.ceil(len(m[0]) / PAD_EVERY), source)
    return _ALPHABETIC.sub(
        lambda m: m[0] + PAD * math.ceil(len(m[0]) / PAD_ALPHABETIC_EVERY), source
    )


def unpad(svg: bytes) -> bytes:
    """The SVG without the padding: text is centred or starts at its place, so none moves."""
    return svg.replace(PAD.encode(), b"")


def script_of(char: str) -> str:
    """The script a character belongs to, by name, or its code point."""
    import unicodedata

    code = ord(char)
    for name, low, high in SCRIPTS:
        if low <= code <= high:
            return name
    # Unicode names start with the script: GOTHIC LETTER AHSA, ETHIOPIC SYLLABLE HA...
    words = unicodedata.name(char, "").split()
    return words[0].capitalize() if words else f"U+{code:04X}"


def font_dirs() -> list[Path]:
    """Folders of fonts installed with pip, found without importing their packages."""
    found = []
    for name in FONT_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations)))
        found.append(folder / "mpl-data" / "fonts" / "ttf" if name == "matplotlib" else folder)
    return [f for f in found if f.is_dir()]


def system_dirs() -> list[Path]:
    """Where systems keep fonts (what resvg and svg2pdf look through)."""
    home = Path.home()
    if sys.platform == "darwin":
        dirs = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library/Fonts"]
    elif os.name == "nt":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs = [windows / "Fonts", home / "AppData/Local/Microsoft/Windows/Fonts"]
    else:
        share = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
        dirs = [*share, home / ".local/share/fonts", home / ".fonts"]
    return [d for d in dirs if d.is_dir()]


def lacking(texts: Iterable[str], dirs: list[Path] | None = None) -> dict[str, str]:
    """Scripts no font draws, each with the characters of `texts` it leaves out.

    Looks through the font files of `dirs` (default: pip's, then the system's), stopping as
    soon as every character has a font, so the usual map (Latin) reads no font at all.
    """
    met = [c for text in texts if needs_fonts(text) for c in text if needs_fonts(c)]
    wanted = set(met) - {PAD, "\u200c", "\u200d", "\u200e", "\u200f"}  # drawn as nothing
    if not wanted:
        return {}
    for folder in font_dirs() + system_dirs() if dirs is None else dirs:
        for path in sorted(folder.rglob("*")):
            font = path.suffix.lower() in FONT_SUFFIXES and not _STYLE.search(path.stem.lower())
            if wanted and font:
                wanted -= _covered(path)
    missing: dict[str, str] = {}
    for char in dict.fromkeys(c for c in met if c in wanted):  # in the order met
        missing[script_of(char)] = missing.get(script_of(char), "") + char
    return missing


@cache
def _covered(path: Path) -> frozenset[str]:
    from fontTools.ttLib import TTCollection, TTFont, TTLibError  # matplotlib brings fontTools

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = list(TTCollection(str(path), lazy=True))
        else:
            fonts = [TTFont(str(path), lazy=True)]
        return frozenset(chr(c) for font in fonts for c in (font.getBestCmap() or {}))
    except (OSError, TTLibError, KeyError, AssertionError, ValueError):
        return frozenset()  # a broken or unreadable font draws nothing: the next one might


def _portable(svg: bytes) -> str:
    """Graphviz's SVG for resvg and svg2pdf: Arial falls back to its look-alikes, sizes in pt
    become user units, so that a PDF page is as many points as the drawing."""
    text = unpad(svg).decode("utf-8")
    text = text.replace('font-family="Arial"', f'font-family="{SANS}"')
    head, _, rest = text.partition("<svg")
    tag, _, body = rest.partition(">")
    tag = re.sub(r'\s(width|height)="([\d.]+)pt"', r' \1="\2"', tag)
    return f"{head}<svg{tag}>{body}"


def can_draw() -> bool:
    """Whether resvg is installed (a dependency; a platform without its wheel goes without)."""
    return importlib.util.find_spec("resvg_py") is not None


def can_convert() -> bool:
    """Whether svg2pdf is installed, for vector PDF without a system Graphviz."""
    return importlib.util.find_spec("svg2pdf_py") is not None


def to_png(svg: bytes, dpi: float) -> bytes:
    """The SVG drawn at `dpi` (pt to pixels) with every font found."""
    import resvg_py

    text = _portable(svg)
    dirs = [str(d) for d in font_dirs()]
    with _arial_files(text) as faces:
        # dpi 72: a user unit is a pixel, as the pt sizes became; zoom scales to `dpi`.
        drawn = resvg_py.svg_to_bytes(
            svg_string=text, font_dirs=dirs, font_files=faces, dpi=72.0, zoom=dpi / 72
        )
    return bytes(drawn)


def to_pdf(svg: bytes) -> bytes:
    """The SVG as a vector PDF, its fonts embedded; ImportError without svg2pdf."""
    import svg2pdf_py

    text = _portable(svg)
    fonts = svg2pdf_py.FontDatabase.system()
    for found in font_dirs():
        fonts.load_fonts_dir(str(found))
    with _arial_files(text) as faces:
        for face in faces:
            fonts.load_font_file(face)
        return bytes(svg2pdf_py.svg_to_pdf(text, fonts))


@contextmanager
def _arial_files(text: str) -> Iterator[list[str]]:
    """`arial_faces` for `text` in a folder of their own, removed once drawn."""
    with tempfile.TemporaryDirectory(prefix="backmap-fonts-") as folder:
        yield arial_faces(text, Path(folder))


ARIAL_LIKE = "fontpkg_arimo"
"""The package of Arimo, drawn to Arial's widths: what the layout measured its text with."""


def arial_faces(text: str, folder: Path) -> list[str]:
    """Arimo's regular and bold faces for the characters of `text`, written into `folder`.

    The layout measures text as Arial. A machine without Arial (most Linux ones) would draw it
    in DejaVu Sans, some 10% wider: titles run out of their boxes. Arimo has Arial's widths,
    but its package ships one variable font, which PDF and PNG writers draw at its regular
    weight only; so the two weights are cut from it, holding just the characters drawn (a
    quarter of a second, where the whole font would take three). None without the package.
    """
    source = _arimo()
    if source is None:
        return []
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(str(source))
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=html.unescape(text))  # `&#39;` is drawn as `'`: keep its glyph
    subsetter.subset(font)
    faces = []
    for weight, name in ((400, "Regular"), (700, "Bold")):
        face = instancer.instantiateVariableFont(font, {"wght": weight}, updateFontNames=True)
        path = folder / f"Arimo-{name}.ttf"
        face.save(str(path))
        faces.append(str(path))
    return faces


@cache
def _arimo() -> Path | None:
    """The upright variable font of ARIAL_LIKE's package, found without importing it."""
    spec = importlib.util.find_spec(ARIAL_LIKE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(p for p in folder.rglob("Arimo*.ttf") if "italic" not in p.name.lower())
    return found[0] if found else None
