"""`linkdesk warnings issue|update|lift|list|export`: warnings (预警) for scripts fed by monitoring
systems, and their CAP 1.2 messages for sirens, SMS gateways and the province's platform.

The actions, the ledger and pydantic are imported inside each command, so `--help` stays quick.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from console.cli.context import cli_context
from console.cli.output import say, shown_json, shown_xml
from model.errors import DomainError
from model.text import _

if TYPE_CHECKING:
    from model.schemas import WarningIn
    from model.warnings_view import WarningListed

warnings_app = typer.Typer(help=_("Warnings: issue, update, lift, list, export as CAP 1.2."),
                           no_args_is_help=True)

OPTION_OF = {"colour": "--level", "type": "--type", "area": "--area", "text_zh": "--text",
             "text_en": "--text-en", "area_geometry": "--geometry", "effective_at": "--effective",
             "expires_at": "--expires", "incident_no": "--incident", "is_drill": "--drill"}
"""The command-line option behind each field of `WarningIn`, so a refusal names what was typed."""

LEVEL = typer.Option("--level", help=_("red, orange, yellow or blue (or the Chinese name, such as 红色预警（一级）)."))
TYPE = typer.Option("--type", help=_("What is coming: rainstorm, 暴雨, chemical_release …"))
AREA = typer.Option("--area", help=_("Where, in words (areaDesc)."))
TEXT = typer.Option("--text", help=_("The warning text in Chinese."))
TextEnOption = Annotated[str | None,
                         typer.Option("--text-en", help=_("The warning text in English (adds an en-US info)."))]
GeometryOption = Annotated[str | None, typer.Option(
    "--geometry", help=_("circle:LAT,LON RADIUS_KM or polygon:LAT,LON LAT,LON … (WGS 84, first point repeated last)."))]
ExpiresOption = Annotated[str | None,
                          typer.Option("--expires", help=_("YYYY-MM-DD HH:MM local time, or ISO 8601 with an offset."))]
EffectiveOption = Annotated[str | None, typer.Option("--effective", help=_("When it takes effect (default: now)."))]
IncidentOption = Annotated[str | None, typer.Option("--incident", help=_("Number of the incident it belongs to."))]
DrillOption = Annotated[bool, typer.Option("--drill", help=_("A drill: exported with CAP status Exercise."))]
IdArgument = Annotated[int, typer.Argument(metavar="ID", help=_("The warning's id."))]


def _time(text: str | None, option: str) -> datetime | None:
    from model.timefmt import parse_time

    if text is None:
        return None
    try:
        return parse_time(text)
    except DomainError as error:
        raise DomainError(f"{option}: {error}") from error


def _warning_in(fields: dict[str, Any]) -> WarningIn:
    """Validate the typed options; a refusal names each bad option the way it was typed."""
    from pydantic import ValidationError

    from model.schemas import WarningIn

    warning = _("warning")
    try:
        return WarningIn(**fields)
    except ValidationError as error:
        problems = "; ".join(
            f"{OPTION_OF.get(str(problem['loc'][0]), problem['loc'][0]) if problem['loc'] else warning}: "
            f"{str(problem['msg']).removeprefix('Value error, ')}"
            for problem in error.errors())
        raise DomainError(_("warning not recorded: {problems}").format(problems=problems)) from error


def _given(**options: Any) -> dict[str, Any]:
    return {name: value for name, value in options.items() if value is not None}


@warnings_app.command(help=_("Issue a warning and print its id."))
def issue(
    ctx: typer.Context,
    level: Annotated[str, LEVEL],
    type_: Annotated[str, TYPE],
    area: Annotated[str, AREA],
    text: Annotated[str, TEXT],
    text_en: TextEnOption = None,
    geometry: GeometryOption = None,
    expires: ExpiresOption = None,
    effective: EffectiveOption = None,
    incident: IncidentOption = None,
    drill: DrillOption = False,
) -> None:
    from model import actions
    from model.db import translated, write_session

    context = cli_context(ctx)
    warning = _warning_in(_given(
        colour=level, type=type_, area=area, text_zh=text, text_en=text_en, area_geometry=geometry,
        expires_at=_time(expires, "--expires"), effective_at=_time(effective, "--effective"),
        incident_no=incident, is_drill=drill))
    with translated(context.where), write_session(context.engine()) as session:
        row = actions.issue_warning(session=session, operator=context.operator, warning=warning)
    say(row.id)


@warnings_app.command(help=_("Change a warning; what is not given stays as it is. Exported as a CAP Update."))
def update(
    ctx: typer.Context,
    warning_id: IdArgument,
    level: Annotated[str | None, LEVEL] = None,
    type_: Annotated[str | None, TYPE] = None,
    area: Annotated[str | None, AREA] = None,
    text: Annotated[str | None, TEXT] = None,
    text_en: TextEnOption = None,
    geometry: GeometryOption = None,
    expires: ExpiresOption = None,
    effective: EffectiveOption = None,
    incident: IncidentOption = None,
    drill: DrillOption = False,
) -> None:
    from model import actions, warnings_view
    from model.db import translated, write_session

    context = cli_context(ctx)
    changes = _given(
        colour=level, type=type_, area=area, text_zh=text, text_en=text_en, area_geometry=geometry,
        expires_at=_time(expires, "--expires"), effective_at=_time(effective, "--effective"),
        incident_no=incident)
    with translated(context.where), write_session(context.engine()) as session:
        current = warnings_view.editable(session, warning_id)
        warning = _warning_in({**current, **changes, "is_drill": current["is_drill"] or drill})
        row = actions.update_warning(session=session, operator=context.operator, warning_id=warning_id,
                                     warning=warning)
    say(_("warning {id} updated: revision {revision}").format(id=row.id, revision=row.revision))


@warnings_app.command(help=_("Lift a warning. Exported as a CAP Cancel."))
def lift(
    ctx: typer.Context,
    warning_id: IdArgument,
    reason: Annotated[str, typer.Option("--reason", help=_("Why it is lifted (kept in the ledger)."))] = "",
) -> None:
    from model import actions
    from model.db import translated, write_session
    from model.timefmt import show

    context = cli_context(ctx)
    with translated(context.where), write_session(context.engine()) as session:
        row = actions.lift_warning(session=session, operator=context.operator, warning_id=warning_id,
                                   reason=reason)
    say(_("warning {id} lifted at {at}").format(id=row.id, at=show(row.lifted_at)))


def _line(row: WarningListed) -> str:
    from console.labels import warning_status
    from model.timefmt import show

    until = show(row.expires_at) if row.expires_at else _("no expiry")
    drill = "  " + _("DRILL") if row.is_drill else ""
    return (f"{row.id:>4}  {warning_status(row.status):<8}  {row.colour:<6}  "
            f"{show(row.effective_at)} → {until}  r{row.revision}  {row.type}  {row.area}{drill}")


@warnings_app.command("list", help=_("Every warning, those in force first."))
def list_(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("A JSON array, keys as in the README."))] = False,
) -> None:
    from model import clock, warnings_view
    from model.db import read_session, translated

    context = cli_context(ctx)
    at = clock.now()
    with translated(context.where), read_session(context.engine()) as session:
        rows = warnings_view.listed(session, at)
    if as_json:
        typer.echo(shown_json([row.record for row in rows]))
        return
    for row in rows:
        say(_line(row))


@warnings_app.command(help=_("Write the warning's current message as CAP 1.2 XML (Alert, Update or Cancel)."))
def export(
    ctx: typer.Context,
    warning_id: IdArgument,
    output: Annotated[Path | None,
                      typer.Option("-o", "--output", help=_("File to write (default: standard output)."))] = None,
) -> None:
    from model import cap
    from model.db import read_session, translated

    context = cli_context(ctx)
    with translated(context.where), read_session(context.engine()) as session:
        message = cap.export_alert(session, warning_id)
    if output is None:
        typer.echo(shown_xml(message.xml), nl=False)
        return
    try:
        output.write_bytes(message.xml)
    except OSError as error:
        raise DomainError(_("cannot write {path}: {reason}").format(path=output, reason=error.strerror)) from error
    say(_("wrote CAP {type} {identifier} to {path}").format(type=message.msg_type,
                                                            identifier=message.identifier, path=output))
