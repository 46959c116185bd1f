"""What every `linkdesk incident` command shares: one write session, one-line refusals, typed
times, and steps named on the command line by id or by their number in `show`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from console.cli.context import CliContext, cli_context
from model.display import shown
from model.errors import DomainError, LinkdeskError
from model.text import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from model.checklist import StepView

NoArgument = Annotated[str, typer.Argument(metavar="NO", help=_("The incident's number, such as 20261128-0007."))]
AtOption = Annotated[str | None, typer.Option(
    "--at", help=_("When it was done, for a late entry: YYYY-MM-DD HH:MM local time or ISO 8601 with an offset "
                   "(default: now)."))]
StepOption = Annotated[str | None, typer.Option(
    "--step", help=_("The step it is for: its id or its number in `show`."))]


@contextmanager
def refused_in_one_line() -> Iterator[None]:
    """A refusal leaves as one line on stderr and exit 1, whoever runs the command (script or test)."""
    try:
        yield
    except LinkdeskError as error:
        typer.echo(f"linkdesk: {shown(str(error))}", err=True)
        raise typer.Exit(1) from None


@contextmanager
def writing(ctx: typer.Context) -> Iterator[tuple[CliContext, Session]]:
    """The context and one write session on its ledger, refusals turned into one line."""
    from model.db import translated, write_session

    context = cli_context(ctx)
    with refused_in_one_line(), translated(context.where), write_session(context.engine()) as session:
        yield context, session


def option_time(text: str | None, option: str) -> datetime | None:
    """A typed time, read as the warnings commands read it; a refusal names the option."""
    from model.timefmt import parse_time

    if text is None:
        return None
    try:
        return parse_time(text)
    except DomainError as error:
        raise DomainError(f"{option}: {error}") from error


def known_incident(session: Session, incident_no: str) -> None:
    """Refuse an incident number that does not exist, before anything else is asked of it."""
    from model.lookups import incident

    incident(session, incident_no)


def checklist_now(session: Session, incident_no: str) -> list[StepView]:
    from model import clock
    from model.checklist import step_views

    known_incident(session, incident_no)
    return step_views(session, incident_no, clock.now())


def named_step(session: Session, incident_no: str, name: str) -> str:
    """The id of the step a command line names by id or by number."""
    from console.cli.incident_view import step_named

    return step_named(checklist_now(session, incident_no), incident_no, name).step_id


def step_title(session: Session, incident_no: str, step_id: str) -> str:
    """The step's title in the desk's language, as it may be printed."""
    view = next(step for step in checklist_now(session, incident_no) if step.step_id == step_id)
    return shown(view.title)
