"""The text of a PDF that fpdf2 wrote, read through the font's own ToUnicode map.

pypdf's `extract_text` misreads fpdf2's two-byte codes once a document uses more than about 250
distinct glyphs (a whole Chinese report does), so the tests decode the shown strings themselves:
every `Tj` string is a run of two-byte glyph codes, and the ToUnicode map names each one's text.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream

CODE = re.compile(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")


def pages_text(data: bytes | Path) -> list[str]:
    """Each page's text, one line per string shown."""
    reader = PdfReader(BytesIO(data.read_bytes() if isinstance(data, Path) else data))
    pages = []
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts = {name: font.get_object() for name, font in resources["/Font"].items()}
        maps = {name: {int(code, 16): bytes.fromhex(text).decode("utf-16-be") for code, text in
                       CODE.findall(font["/ToUnicode"].get_object().get_data().decode("latin-1"))}
                for name, font in fonts.items()}
        current: dict[int, str] = {}
        lines = []
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = maps[operands[0]]
            elif operator == b"Tj":
                raw = bytes(getattr(operands[0], "original_bytes", operands[0]))
                lines.append("".join(current.get(int.from_bytes(raw[at:at + 2], "big"), "\ufffd")
                                     for at in range(0, len(raw), 2)))
        pages.append("\n".join(lines))
    return pages


def pdf_text(data: bytes | Path) -> str:
    return "\n".join(pages_text(data))
