"""The one place user-facing text passes through, so the console can speak Chinese and English.

Messages are written in English in the code and looked up in the gettext catalog of the chosen
language (`model/locale/<lang>/LC_MESSAGES/linkdesk.po`, compiled beside it to `.mo`). The
language is chosen once per process: `--lang`, else `LINKDESK_LANG`, else the system locale;
Chinese when the locale is Chinese, English otherwise. Reports pick their own language per
document through `translate`, so one process can print both.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "linkdesk"
LANGUAGES = ("zh", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")

Message = str | tuple[str, str]
"""A catalog message: its English text, or (context, English text)."""

_current = "en"
"""The language spoken now; English until the default is chosen at the end of this module."""


def normalise(name: str | None) -> str | None:
    """`zh`, `zh_CN.UTF-8`, `zh-Hans` → zh; `en_GB` → en; anything else → None."""
    if not name:
        return None
    code = name.strip().lower().replace("-", "_")
    for lang in LANGUAGES:
        if code == lang or code.startswith(lang + "_") or code.startswith(lang + "."):
            return lang
    return None


def system_language() -> str:
    """Chinese when the system locale is Chinese, English otherwise (C, POSIX, other languages)."""
    for variable in LOCALE_VARIABLES:
        value = os.environ.get(variable)
        if value:
            return normalise(value.split(":")[0]) or "en"
    return normalise(locale.getlocale(locale.LC_MESSAGES)[0]) or "en"


def choose_language(requested: str | None = None) -> str:
    """The language to speak: the one asked for, else LINKDESK_LANG, else the system locale."""
    for candidate in (requested, os.environ.get("LINKDESK_LANG")):
        if candidate:
            lang = normalise(candidate)
            if lang is None:
                raise ValueError(_("unknown language {name!r}; choose zh or en").format(name=candidate))
            return lang
    return system_language()


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; English falls back to the source text where it has none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=lang == "en")


def set_language(lang: str | None = None) -> str:
    """Switch every later message to `lang` (or the chosen default) and return the language set."""
    global _current
    _current = choose_language(lang)
    return _current


def language() -> str:
    """The language the console and the CLI speak now: zh or en."""
    return _current


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block, for a document printed in a language of its own.

    The console prints its reports in the desk's language, so only the CLI's `--lang` ever
    switches here; the switch is process-wide, which a one-shot command can afford.
    """
    global _current
    before = _current
    _current = lang
    try:
        yield
    finally:
        _current = before


def _(message: str) -> str:
    return translation(_current).gettext(message)


def translate(message: Message, lang: str) -> str:
    """`message` in a given language, for documents printed in a language of their own."""
    if isinstance(message, tuple):
        return translation(lang).pgettext(*message)
    return translation(lang).gettext(message)


def N_(message: str) -> str:
    """Mark a message for the catalog where it is defined; it is translated where it is shown."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark a message whose English is shared by words the other language tells apart."""
    return (context, message)


def pick(zh: str, en: str | None) -> str:
    """Text a plan or the configuration gives in both languages, in the chosen one."""
    return en if _current == "en" and en else zh


def _default() -> str:
    """The language at import: a misspelt LINKDESK_LANG is reported by the CLI, not at import."""
    try:
        return choose_language()
    except ValueError:
        return system_language()


_current = _default()
