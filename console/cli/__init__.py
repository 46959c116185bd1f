"""The `linkdesk` command: one Typer app with a sub-app per group of commands.

Every failure leaves as one line on stderr and a non-zero exit, never a traceback. Building the
app imports only Typer and the catalog: each command imports the ledger, the readers and the
reports when it runs, so `--help` and `--version` answer at once (tests/cli/test_cli_startup.py),
and a group's module is imported only when that group is named (or help lists them all).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, MutableMapping
from importlib import import_module
from typing import Annotated, Any

import typer
from typer._click import Command
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup
from typer.main import get_group_from_info
from typer.models import TyperInfo

from console.cli.backup import backup
from console.cli.coercion import defer_coercion
from console.cli.context import CliContext
from console.cli.demo import demo
from console.cli.failure import crash_line, os_line, usage_line
from console.cli.output import complain
from console.cli.seats import seats, sign_in
from console.cli.serve import board, serve
from model.errors import LinkdeskError
from model.text import _, set_language

GROUPS = {
    "incident": ("console.cli.incident", "incident_app"),
    "ledger": ("console.cli.ledger", "ledger_app"),
    "db": ("console.cli.db", "db_app"),
    "import": ("console.cli.imports", "import_app"),
    "export": ("console.cli.imports", "export_app"),
    "report": ("console.cli.report", "report_app"),
    "warnings": ("console.cli.warnings", "warnings_app"),
    "plans": ("console.cli.plans", "plans_app"),
    "drill": ("console.cli.drill", "drill_app"),
}
"""The groups of commands, in the order help lists them: name → (module, its Typer app)."""


class GroupsOnDemand(MutableMapping[str, Command]):
    """The root's commands: its own, then each group, imported and built the first time it is looked up.

    Typer builds every command of every group (their parameters, from the signatures) before it
    parses anything; the console and any single command need one of them. Help lists them all and
    so builds them all, the same as Typer would; a mistyped name is matched against every name.
    """

    def __init__(self, commands: MutableMapping[str, Command], root: typer.Typer) -> None:
        self.commands = dict(commands)
        self.root = root
        for name in GROUPS:
            self.commands.setdefault(name, None)  # type: ignore[arg-type]  # built by __getitem__

    def __getitem__(self, name: str) -> Command:
        command = self.commands[name]
        if command is None:
            module, attribute = GROUPS[name]
            group_app: typer.Typer = getattr(import_module(module), attribute)
            # The group as `app.add_typer(group_app, name=name)` would have registered and built it.
            info = TyperInfo(group_app, name=name, options_metavar=self.root._info_val_str("options_metavar"),
                             deprecated=False)
            command = self.commands[name] = get_group_from_info(
                info, pretty_exceptions_short=self.root.pretty_exceptions_short,
                rich_markup_mode=self.root.rich_markup_mode, suggest_commands=self.root.suggest_commands)
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self.commands[name] = command

    def __delitem__(self, name: str) -> None:
        del self.commands[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.commands)

    def __len__(self) -> int:
        return len(self.commands)


class RootGroup(TyperGroup):
    """`linkdesk`: its groups of commands come on demand (`GroupsOnDemand`)."""

    def __init__(self, *, commands: Mapping[str, Command] | None = None, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = GroupsOnDemand(dict(commands or {}), app)


app = typer.Typer(
    name="linkdesk",
    cls=RootGroup,
    help=_("Keyboard-first dispatch console and ledger of the emergency linkage center."),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command(help=_("Seed the demo ledger (its own file, never the real one) and open the console on it."))(demo)
app.command(help=_("Copy the ledger consistently, even while the console is running."))(backup)
app.command(help=_("Show the situation board alone, read-only, in this terminal."))(board)
app.command(help=_("Serve the situation board to browsers (read-only), through textual-serve."))(serve)
app.command("sign-in", help=_("Sign in at a seat at the start of the shift (recorded in the ledger)."))(sign_in)
app.command(help=_("Who signed in at which seat this shift."))(seats)


def print_version(asked: bool) -> None:
    """Print the installed package's version (from its metadata) and stop."""
    if not asked:
        return
    from importlib.metadata import version

    typer.echo(f"linkdesk {version('linkdesk')}")
    raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(
        "--db", help=_("Ledger file, or a PostgreSQL server's libpq URI postgresql://… (default: LINKDESK_DB, "
                       "else the user data folder)."))] = None,
    operator: Annotated[str | None, typer.Option(
        "--operator", help=_("Who is entering (default: LINKDESK_OPERATOR, else the login name)."))] = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", help=_("Language: zh or en (default: LINKDESK_LANG, else the system locale)."))] = None,
    version: Annotated[bool, typer.Option("--version", callback=print_version, is_eager=True,
                                          help=_("Print the version and exit."))] = False,
) -> None:
    """Without a command, open the console on the configured ledger."""
    if lang is not None:
        try:
            set_language(lang)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--lang") from error
    ctx.obj = CliContext.from_options(db=db, operator=operator)
    if ctx.invoked_subcommand is None:
        from console.app import make_app, run_console

        status = run_console(make_app(ctx.obj.ledger_path, ctx.obj.operator))
        if status:
            raise typer.Exit(status)


def is_text(argument: str) -> bool:
    """Whether a command-line argument is text: bytes the system could not decode arrive as lone
    surrogates, which no ledger, file or terminal can hold, so such an argument is refused whole."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def main() -> None:
    """Entry point of the `linkdesk` script: every failure becomes one line on stderr, never a traceback."""
    defer_coercion()
    unreadable = next((argument for argument in sys.argv[1:] if not is_text(argument)), None)
    if unreadable is not None:
        complain(_("the argument {argument} is not text this system can read (bytes that are not valid in its "
                   "encoding): nothing was done").format(argument=unreadable))
        sys.exit(1)
    try:
        exit_code = app(prog_name="linkdesk", standalone_mode=False)
    except LinkdeskError as error:
        complain(error)
        sys.exit(1)
    except NoArgsIsHelpError as asked:
        # A group named without a command: its help is what was asked for.
        typer.echo(asked.format_message())
        sys.exit(0)
    except UsageError as error:
        complain(usage_line(error))
        sys.exit(error.exit_code)
    except ClickException as error:
        complain(error.format_message())
        sys.exit(error.exit_code)
    except typer.Abort:
        typer.echo(_("linkdesk: aborted"), err=True)
        sys.exit(1)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except OSError as error:
        complain(os_line(error))
        sys.exit(1)
    except KeyboardInterrupt:
        complain(_("interrupted"))
        sys.exit(130)
    except Exception as error:
        complain(crash_line(error))
        sys.exit(1)
    sys.exit(exit_code if isinstance(exit_code, int) else 0)
