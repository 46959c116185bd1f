"""Which language the desk speaks: `--lang`, else LINKDESK_LANG, else the system locale."""

from __future__ import annotations

import pytest

from model.text import _, choose_language, language, set_language, system_language, translate


@pytest.fixture
def bare_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for variable in ("LINKDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


@pytest.mark.parametrize(("locale", "lang"), [("zh_CN.UTF-8", "zh"), ("zh_TW", "zh"), ("en_GB.UTF-8", "en"),
                                              ("C.UTF-8", "en"), ("POSIX", "en"), ("de_DE.UTF-8", "en")])
def test_chinese_is_the_default_only_where_the_locale_is_chinese(bare_environment: pytest.MonkeyPatch,
                                                                 locale: str, lang: str) -> None:
    bare_environment.setenv("LANG", locale)
    assert system_language() == lang
    assert choose_language() == lang


def test_lc_all_outranks_lang(bare_environment: pytest.MonkeyPatch) -> None:
    bare_environment.setenv("LANG", "en_US.UTF-8")
    bare_environment.setenv("LC_ALL", "zh_CN.UTF-8")
    assert choose_language() == "zh"


def test_linkdesk_lang_outranks_the_locale_and_the_option_outranks_both(bare_environment: pytest.MonkeyPatch) -> None:
    bare_environment.setenv("LANG", "zh_CN.UTF-8")
    bare_environment.setenv("LINKDESK_LANG", "en")
    assert choose_language() == "en"
    assert choose_language("zh") == "zh"


def test_an_unknown_language_is_refused_by_name(bare_environment: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="unknown language 'fr'; choose zh or en"):
        choose_language("fr")
    bare_environment.setenv("LINKDESK_LANG", "klingon")
    with pytest.raises(ValueError, match="klingon"):
        choose_language()


def test_messages_follow_the_language_set() -> None:
    before = language()
    try:
        set_language("zh")
        assert any("\u4e00" <= char <= "\u9fff" for char in _("New report"))
        set_language("en")
        assert _("New report") == "New report"
    finally:
        set_language(before)


def test_a_document_can_speak_a_language_of_its_own() -> None:
    assert translate("Shift handover report", "zh") == "交接班报告"
    assert translate("Shift handover report", "en") == "Shift handover report"
    assert translate(("ledger entry", "verified"), "zh") == "核实"
    assert translate("verified", "zh") == "已核实"
