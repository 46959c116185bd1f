"""The one place user-facing text passes through, so the console can speak Chinese and English.

Messages are written in English in the code and looked up in the message catalog of the chosen
language; until a catalog has a message, the English text is shown.
"""

from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
_translation: gettext.NullTranslations = gettext.NullTranslations()


def set_language(lang: str) -> None:
    """Switch every later message to `lang` ("zh" or "en")."""
    global _translation
    _translation = gettext.translation("linkdesk", LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    return _translation.gettext(message)
