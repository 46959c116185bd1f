"""One pass over a file's bytes before it is read: its hash, what it starts with, and its encoding.

The desk takes CSV in UTF-8 (with or without BOM) or GB18030 (a superset of GBK, what Chinese
Excel writes). Anything else is never decoded on a guess: a Big5 or Shift-JIS file read as
GB18030 gives readable-looking nonsense, so the detector (charset-normalizer) names the likely
encoding and the officer confirms it with `--encoding`.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from console.importers.table import NotATable
from model.text import N_, _

CHUNK = 1 << 20
SAMPLE_BYTES = 1 << 16
"""How much of the file the format, delimiter and encoding detection look at."""
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
GB_CODECS = frozenset({"gb18030", "gbk", "gb2312", "cp936", "hz"})
ENCODING_NAMES = {
    "big5": N_("Big5, traditional Chinese"), "cp950": N_("Big5, traditional Chinese"),
    "big5hkscs": N_("Big5-HKSCS, traditional Chinese"),
    "cp932": N_("Shift-JIS, Japanese"), "shift_jis": N_("Shift-JIS, Japanese"),
    "euc_jp": N_("EUC-JP, Japanese"), "euc_jis_2004": N_("EUC-JP, Japanese"),
    "cp949": N_("EUC-KR, Korean"), "euc_kr": N_("EUC-KR, Korean"),
}
"""How the refusal names an encoding the detector found, beside the codec name `--encoding` takes."""


@dataclass(frozen=True)
class Scan:
    """What one pass over the bytes found: the hash the ledger records and what detection needs."""

    sha256: str
    sample: bytes
    """The first bytes, for telling the format, the delimiter and the encoding."""
    utf8: bool
    """The whole file is valid UTF-8."""
    nul: bool
    """The file holds a NUL byte somewhere."""


def scan(path: Path) -> Scan:
    """SHA-256, the first bytes, whether all of it is UTF-8 and whether it holds a NUL byte."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    sample = b""
    utf8 = True
    nul = False
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                if len(sample) < SAMPLE_BYTES:
                    sample += chunk[:SAMPLE_BYTES - len(sample)]
                nul = nul or b"\x00" in chunk
                if utf8:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
        if utf8:
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        utf8 = False
    except OSError as error:
        raise NotATable(_("cannot read {path}: {reason}").format(path=path, reason=error.strerror or error)) from error
    return Scan(digest.hexdigest(), sample, utf8, nul)


@dataclass(frozen=True)
class TextEncoding:
    """How a text table is decoded, and whether its bytes are binary data rather than text."""

    name: str
    binary: bool


def _detected(sample: bytes, name: str) -> str:
    """GB18030 when the detector finds it as likely as anything else; otherwise refuse, naming the best."""
    cut = sample.rfind(b"\n")
    matches = from_bytes(sample[:cut + 1] if cut > 0 else sample)
    best = matches.best()
    gb = next((match for match in matches if match.encoding in GB_CODECS), None)
    if best is not None and gb is not None and gb.chaos <= best.chaos:
        return "gb18030"
    if best is None:
        raise NotATable(_("{file} is neither UTF-8 nor GB18030, and its encoding cannot be told; "
                          "name it with --encoding").format(file=name))
    described = ENCODING_NAMES.get(best.encoding)
    looks_like = f"{best.encoding} ({_(described)})" if described else best.encoding
    raise NotATable(_("{file} is neither UTF-8 nor GB18030: it looks like {encoding}; if it is, import it "
                      "with --encoding {codec}").format(file=name, encoding=looks_like, codec=best.encoding))


def text_encoding(found: Scan, name: str, encoding: str | None = None) -> TextEncoding:
    """`encoding` (from `--encoding`) overrides detection; a BOM decides before the bytes are looked at.

    A NUL byte means binary data unless the file is UTF-8 and its first line has none: a stored
    text may hold a NUL, and an export must read back, but no office file's header row does.
    """
    mark = next((found_mark for bom, found_mark in BOMS if found.sample.startswith(bom)), None)
    binary = mark != "utf-16" and found.nul and (not found.utf8 or b"\x00" in found.sample.split(b"\n", 1)[0])
    if encoding is not None:
        chosen = encoding
    elif mark is not None:
        chosen = mark
    elif found.utf8:
        chosen = "utf-8"
    elif binary:
        chosen = "gb18030"
    else:
        chosen = _detected(found.sample, name)
    try:
        codecs.lookup(chosen)
    except LookupError as error:
        raise NotATable(_("unknown encoding {encoding!r}").format(encoding=chosen)) from error
    return TextEncoding(chosen, binary)


def sample_text(found: Scan, encoding: str) -> str:
    """The sample decoded, for telling the delimiter; a character cut at its end is dropped."""
    return found.sample.decode(encoding, errors="ignore")
