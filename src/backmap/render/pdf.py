"""A one-page PDF holding a JPEG, for engines that cannot write PDF themselves.

PDF reads JPEG data as it is (DCTDecode), so no image library is needed; the page takes the
picture's size at the resolution it was rendered with.
"""

from __future__ import annotations

import re
import struct

# Start-of-frame markers (baseline, extended, progressive, ...) carry the picture's size.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def jpeg_size(data: bytes) -> tuple[int, int, int]:
    """Width, height and number of colour components of a JPEG."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xFF, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 1 if marker == 0xFF else 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height, data[i + 9]
        i += 2 + length
    raise ValueError("JPEG without a frame header")


def jpeg_page(data: bytes, dpi: float, title: str) -> bytes:
    """A PDF whose single page shows the JPEG at `dpi`."""
    width, height, components = jpeg_size(data)
    space = {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}[components]
    w, h = width * 72 / dpi, height * 72 / dpi
    content = f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2f} {h:.2f}] "
            "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
        ).encode(),
        (
            f"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} "
            f"/ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\n"
            "stream\n"
        ).encode()
        + data
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Title " + _pdf_string(title) + b" /Producer (backmap) >>",
    ]
    return _document(objects)


def _document(objects: list[bytes]) -> bytes:
    """A PDF of `objects`, numbered from 1; the first is the catalog, the last the info."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _pdf_string(text: str) -> bytes:
    # UTF-16 with a byte-order mark is how PDF spells text outside Latin-1; hex needs no escapes.
    return b"<" + ("\ufeff" + text).encode("utf-16-be").hex().upper().encode() + b">"


_OWN = re.compile(
    rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\].*?/Width (\d+) /Height (\d+) /ColorSpace (/\w+) "
    rb"/BitsPerComponent 8 /Filter /DCTDecode /Length (\d+) >>\nstream\n",
    re.S,
)


class BookError(Exception):
    """Pages that cannot be bound into one PDF here; the message says what to do."""


def book(pages: list[bytes], title: str) -> bytes:
    """One PDF holding `pages` (PDFs) in order: the pages `jpeg_page` writes are bound here;
    vector pages (svg2pdf's, the system `dot`'s) by pypdf, imported only then."""
    own = [_OWN.search(page) for page in pages]
    if all(own):
        return _jpeg_book([m for m in own if m is not None], pages, title)
    try:
        from pypdf import PdfWriter  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raise BookError(
            "binding PDF pages into one file needs pypdf "
            "(`pip install pypdf`); or write the pages into a folder with -o DIR/"
        ) from None
    import io

    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    writer.add_metadata({"/Title": title, "/Producer": "backmap"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _jpeg_book(found: list[re.Match[bytes]], pages: list[bytes], title: str) -> bytes:
    count = len(found)
    kids = " ".join(f"{3 + 3 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    for i, (m, page) in enumerate(zip(found, pages, strict=True)):
        w, h, width, height, space, length = m.groups()
        data = page[m.end() : m.end() + int(length)]
        content = f"q {w.decode()} 0 0 {h.decode()} 0 0 cm /Im0 Do Q".encode()
        image, stream = 4 + 3 * i, 5 + 3 * i
        objects += [
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w.decode()} {h.decode()}] "
                f"/Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {stream} 0 R >>"
            ).encode(),
            (
                f"<< /Type /XObject /Subtype /Image /Width {width.decode()} /Height "
                f"{height.decode()} /ColorSpace {space.decode()} /BitsPerComponent 8 "
                f"/Filter /DCTDecode /Length {len(data)} >>\nstream\n"
            ).encode()
            + data
            + b"\nendstream",
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        ]
    objects.append(b"<< /Title " + _pdf_string(title) + b" /Producer (backmap) >>")
    return _document(objects)
