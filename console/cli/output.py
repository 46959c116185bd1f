"""Everything the CLI writes: outside text shown as data, and a reader that may stop early.

Every line that may carry outside text (a caller, a unit code, a plan's title, a file name, an
error quoting any of them) leaves through `say` or `complain`, which pass it through
`model.display.shown`: an escape sequence in an imported name cannot clear the screen or retitle
the terminal of whoever reads the output, on standard output or standard error.
"""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

from model.display import VISIBLE_CATEGORIES, shown

READER_LEFT_EXIT = 141
"""The status a Unix tool killed by SIGPIPE leaves (128 + 13), so `set -o pipefail` scripts see the same."""


def say(line: object = "", *, err: bool = False) -> None:
    """One line on standard output (or error), every acting character in it made visible."""
    typer.echo(shown(str(line)), err=err)


def complain(message: object) -> None:
    """One line on standard error, `linkdesk: …`; a line feed in the message is shown, never obeyed."""
    typer.echo(f"linkdesk: {shown(str(message))}", err=True)


def refuse(message: object, code: int = 1) -> typer.Exit:
    """Say why on standard error and hand back the Exit to raise."""
    complain(message)
    return typer.Exit(code)


def _escaped(character: str) -> str:
    code = ord(character)
    if code > 0xFFFF:
        high, low = divmod(code - 0x10000, 0x400)
        return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"
    return f"\\u{code:04x}"


def shown_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON for a script that may be read on a terminal: Chinese as it is, acting characters escaped.

    `json.dumps` escapes C0 controls but leaves DEL, C1 controls, bidi and format characters raw;
    here they are written as `\\uXXXX` too, which any JSON reader turns back into the same text,
    so the data stays exact while the terminal is left alone.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return "".join(_escaped(character) if character != "\n" and unicodedata.category(character) in VISIBLE_CATEGORIES
                   else character for character in text)


def shown_xml(document: bytes) -> bytes:
    """UTF-8 XML for standard output: acting characters as character references, the same document to a parser.

    A bidi or format character's reference means exactly that character to any XML reader. A C0
    control such as ESC is not allowed in XML 1.0 written either way; as a reference it at least
    stays off the terminal.
    """
    text = document.decode("utf-8")
    return "".join(f"&#x{ord(character):X};"
                   if character != "\n" and unicodedata.category(character) in VISIBLE_CATEGORIES
                   else character for character in text).encode("utf-8")


@contextmanager
def reader_may_leave() -> Iterator[None]:
    """Stop quietly when the reader of standard output closes the pipe, instead of a traceback.

    The rest of the output has nowhere to go, so standard output is pointed at the null device
    (as Python's documentation advises) and the interpreter's last flush cannot fail again.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(READER_LEFT_EXIT) from None
