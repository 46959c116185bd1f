"""The `linkdesk` script: choose the language before any command's help text is built.

Typer reads help texts when the commands are declared, so `--lang` (and LINKDESK_LANG) must
be settled before `console.cli` is imported. The words Click and Typer print themselves
(`Usage:`, `Options`, `Show this message and exit.`) are in our catalog too, so a help page
reads in one language. Typer carries its own copy of Click in which two of them are fixed
strings; `speak` hands those two our words (checked by tests/cli/test_cli_language.py, so a
Typer upgrade that moves them fails a test instead of going English unnoticed).
"""

from __future__ import annotations

import gettext
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from model.text import DOMAIN, LOCALE_DIR, N_, _, set_language

TOOLKIT_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "ABORTED_TEXT": N_("Aborted."),
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
"""Typer's own words, by the name of the constant that holds them."""

CLICK_WORDS = (
    N_("Usage:"), N_("Show this message and exit."), N_("Missing argument {name}."),
    N_("Missing option {name}."), N_("No such option: {name}"), N_("No such command {name!r}."),
    N_("Invalid value for {param_hint}: {message}"), N_("Invalid value: {message}"),
    N_("Got unexpected extra argument ({args})"), N_("Option {name!r} requires an argument."),
    N_("Did you mean {possibility}?"), N_("{value!r} is not a valid integer."),
)
"""Click's own words (Click looks them up through the standard gettext domain)."""


def requested_language(args: Sequence[str]) -> str | None:
    """The value of `--lang` on the command line, wherever it stands, if given."""
    for index, arg in enumerate(args):
        if arg == "--":
            return None
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def speak(lang: str) -> None:
    """Make Click and Typer print their own words in `lang` as well.

    Typer's help pages are drawn by `typer.rich_utils`, which imports most of Rich (0.1-0.3 s): it
    is handed our words when a help page is formatted, so a command that prints no help (the
    console above all) never imports it. The root runs with `standalone_mode=False`, so Typer's
    error and abort panels, its only other users of those words, are never drawn (`cli.main`
    prints its own line).
    """
    import typer.core
    from typer._click import core, formatting

    os.environ["LANGUAGE"] = lang
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    HELP_WORDS.update({name: _(message) for name, message in TOOLKIT_WORDS.items()})
    for command in (typer.core.TyperCommand, typer.core.TyperGroup):
        if command.format_help not in WORDED_HELP:
            command.format_help = help_in_language(command.format_help)  # type: ignore[method-assign,assignment]
    usage, show_help = _("Usage:") + " ", _("Show this message and exit.")
    write_usage, help_option = formatting.HelpFormatter.write_usage, core.Command.get_help_option

    def usage_in_language(self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, usage if prefix is None else prefix)

    def help_option_in_language(self: core.Command, ctx: core.Context) -> core.TyperOption | None:
        option = help_option(self, ctx)
        if option is not None:
            option.help = show_help
        return option

    formatting.HelpFormatter.write_usage = usage_in_language  # type: ignore[method-assign]
    core.Command.get_help_option = help_option_in_language  # type: ignore[method-assign]


HELP_WORDS: dict[str, str] = {}
"""Typer's words (TOOLKIT_WORDS) in the language `speak` was last given, by constant name."""
WORDED_HELP: list[Callable[[Any, Any, Any], None]] = []
"""The `format_help` methods that set HELP_WORDS first (each wrapped once, however often `speak` runs)."""


def help_in_language(format_help: Callable[[Any, Any, Any], None]) -> Callable[[Any, Any, Any], None]:
    """`format_help` with Typer's help words in the chosen language, set just before the page is drawn."""

    def formatted(self: Any, ctx: Any, formatter: Any) -> None:
        import typer.rich_utils

        for name, word in HELP_WORDS.items():
            setattr(typer.rich_utils, name, word)
        format_help(self, ctx, formatter)

    WORDED_HELP.append(formatted)
    return formatted


def main() -> None:
    try:
        lang = set_language(requested_language(sys.argv[1:]))
    except ValueError as error:
        sys.stderr.write(f"linkdesk: {error}\n")
        sys.exit(2)
    speak(lang)
    from console.cli import main as run

    run()
