"""The command line speaks the chosen language: its help, Click's own words and its refusals."""

from __future__ import annotations

from pathlib import Path

from model.text import translate
from tests.cli.conftest import linkdesk


def zh(message: str) -> str:
    return translate(message, "zh")


def test_help_in_chinese_by_option() -> None:
    result = linkdesk("--lang", "zh", "ledger", "--help")
    assert result.returncode == 0, result.stderr
    for message in ("Usage:", "Options", "Commands", "Show this message and exit.", "Check and export the ledger."):
        assert zh(message) in result.stdout, message
    assert "Usage" not in result.stdout and "Options" not in result.stdout


def test_help_in_chinese_by_environment_and_english_by_option() -> None:
    chinese = linkdesk("plans", "--help", env={"LINKDESK_LANG": "zh"})
    assert zh("Check, list and describe the emergency plans.") in chinese.stdout
    english = linkdesk("--lang", "en", "plans", "--help", env={"LINKDESK_LANG": "zh"})
    assert "Check, list and describe the emergency plans." in english.stdout


def test_a_refusal_in_chinese_names_the_file(tmp_path: Path) -> None:
    not_a_ledger = tmp_path / "notes.db"
    not_a_ledger.write_text("this is not a database\n" * 100, encoding="utf-8")
    result = linkdesk("--lang", "zh", "--db", str(not_a_ledger), "ledger", "verify")
    assert result.returncode == 1
    expected = zh("{where} is not a linkdesk ledger (the file is not an SQLite database)").format(where=not_a_ledger)
    assert result.stderr == f"linkdesk: {expected}\n"


def test_an_unknown_language_is_one_line_and_exit_2() -> None:
    result = linkdesk("--lang", "fr", "--help")
    assert result.returncode == 2
    assert result.stderr == "linkdesk: unknown language 'fr'; choose zh or en\n"
