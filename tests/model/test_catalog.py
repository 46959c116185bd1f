"""Every word the console, the CLI and the reports show exists in Chinese and in English.

The messages are found in the code itself (every `_()`, `N_()`, `NC_()` and the message of
`require()`), f-strings included, so a message added without updating the catalogs fails here.
"""

from __future__ import annotations

import ast
import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from model.text import LANGUAGES, LOCALE_DIR

PROJECT = Path(__file__).resolve().parents[2]
SOURCES = sorted([*PROJECT.glob("console/**/*.py"), *PROJECT.glob("model/**/*.py")])
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Key = tuple[str | None, str]


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def messages_in(path: Path) -> set[Key]:
    found: set[Key] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or not node.args:
            continue
        name, args = node.func.id, node.args
        if name in ("_", "N_") and (text := _literal(args[0])) is not None:
            found.add((None, text))
        elif name == "NC_" and len(args) == 2 and (context := _literal(args[0])) and (text := _literal(args[1])):
            found.add((context, text))
        elif name == "require" and len(args) >= 2 and (text := _literal(args[1])) is not None:
            found.add((None, text))
    return found


def catalog(lang: str) -> Catalog:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "linkdesk.po").open("rb") as handle:
        return read_po(handle)


def test_the_code_has_messages_to_translate() -> None:
    found = set().union(*(messages_in(path) for path in SOURCES))
    assert len(found) > 500
    assert (None, "New report") in found and ("ledger entry", "verified") in found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalog(lang: str) -> None:
    entries = {(message.context, message.id): message for message in catalog(lang) if message.id}
    missing = [f"{path.relative_to(PROJECT)}: {text!r}" for path in SOURCES for context, text in messages_in(path)
               if (context, text) not in entries]
    assert not missing, f"not in the {lang} catalog (run the catalog commands in the README):\n" + "\n".join(missing)


def test_every_chinese_message_is_translated_with_the_same_placeholders() -> None:
    untranslated, broken = [], []
    for message in catalog("zh"):
        if not message.id:
            continue
        if not message.string:
            untranslated.append(message.id)
        elif sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
            broken.append(f"{message.id!r} → {message.string!r}")
    assert not untranslated, "no Chinese for:\n" + "\n".join(map(repr, untranslated))
    assert not broken, "placeholders differ:\n" + "\n".join(broken)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_is_the_current_one(lang: str) -> None:
    compiled = BytesIO()
    write_mo(compiled, catalog(lang))
    shipped = (LOCALE_DIR / lang / "LC_MESSAGES" / "linkdesk.mo").read_bytes()
    assert shipped == compiled.getvalue(), f"{lang}: run `pybabel compile` (see README, Translations)"
