"""`linkdesk incident receive | verify | grade | activate | end | close | show`: the incident itself,
from the report to the archive.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any

import typer

from console.cli.context import cli_context
from console.cli.incident_base import AtOption, NoArgument, checklist_now, option_time, refused_in_one_line, writing
from model.display import shown
from model.errors import DomainError
from model.text import _

if TYPE_CHECKING:
    from model.plans import Plan
    from model.schemas import ReportIn

REPORT_FIELD_OPTION = {
    "channel": "--channel", "type": "--type", "address": "--address", "description": "--description",
    "caller_name": "--caller", "caller_phone": "--phone", "caller_unit": "--caller-unit",
    "people_affected": "--people-affected", "injured": "--injured", "deaths": "--deaths", "losses": "--losses",
    "trend": "--trend", "measures_taken": "--measures", "occurred_at": "--happened-at", "lat": "--lat",
    "lon": "--lon", "external_id": "--external-id",
}
"""The option behind each field of a report, so a refusal names what was typed."""


def receive(
    ctx: typer.Context,
    channel: Annotated[str, typer.Option("--channel", help=_("How it came in: 110, 119, 120, 122, 12345, phone …"))],
    type_: Annotated[str, typer.Option("--type", help=_("Incident type, by code or name (危险化学品泄漏)."))],
    address: Annotated[str, typer.Option("--address", help=_("Where it happened."))],
    description: Annotated[str, typer.Option("--description", help=_("What happened."))] = "",
    injured: Annotated[int | None, typer.Option("--injured", help=_("People injured so far."))] = None,
    deaths: Annotated[int | None, typer.Option("--deaths", help=_("Deaths so far."))] = None,
    caller: Annotated[str, typer.Option("--caller", help=_("The caller's name."))] = "",
    phone: Annotated[str, typer.Option("--phone", help=_("The caller's phone."))] = "",
    caller_unit: Annotated[str, typer.Option("--caller-unit", help=_("The caller's unit."))] = "",
    people_affected: Annotated[int | None, typer.Option("--people-affected", help=_("People affected."))] = None,
    losses: Annotated[str, typer.Option("--losses", help=_("Losses so far, in words."))] = "",
    trend: Annotated[str, typer.Option("--trend", help=_("How it is developing."))] = "",
    measures: Annotated[str, typer.Option("--measures", help=_("What has been done already."))] = "",
    happened_at: Annotated[str | None, typer.Option(
        "--happened-at",
        help=_("When the event happened: YYYY-MM-DD HH:MM local time or ISO 8601 with an offset."))] = None,
    lat: Annotated[float | None, typer.Option("--lat", help=_("Latitude (WGS 84)."))] = None,
    lon: Annotated[float | None, typer.Option("--lon", help=_("Longitude (WGS 84)."))] = None,
    external_id: Annotated[str | None, typer.Option(
        "--external-id", help=_("The sending system's id of the report; the same id is refused twice."))] = None,
    drill: Annotated[bool, typer.Option("--drill", help=_("The report is a drill (演练)."))] = False,
    at: AtOption = None,
    as_json: Annotated[bool,
                       typer.Option("--json", help=_("Print a JSON object with the new incident's number."))] = False,
) -> None:
    from model import actions, clock
    from model.queries import duplicate_candidates

    with writing(ctx) as (context, session):
        report = _report_in({
            "channel": channel, "type": type_, "address": address, "description": description,
            "injured": injured, "deaths": deaths, "caller_name": caller, "caller_phone": phone,
            "caller_unit": caller_unit, "people_affected": people_affected, "losses": losses, "trend": trend,
            "measures_taken": measures, "occurred_at": option_time(happened_at, "--happened-at"), "lat": lat,
            "lon": lon, "external_id": external_id, "is_drill": drill})
        received_at = option_time(at, "--at")
        same = duplicate_candidates(session, type=report.type, address=report.address, lat=report.lat,
                                    lon=report.lon, now=received_at or clock.now())
        row = actions.receive_report(session=session, operator=context.operator, report=report,
                                     received_at=received_at)
    if as_json:
        typer.echo(json.dumps({"no": row.no, "state": row.state, "is_drill": row.is_drill,
                               "possible_duplicates": [other.no for other in same]}, ensure_ascii=False))
        return
    typer.echo(_("report recorded: incident {no}").format(no=row.no))
    if same:
        typer.echo(_("same type at the same place as {nos}: if it is the same incident, merge it").format(
            nos=", ".join(other.no for other in same)))


def _report_in(fields: dict[str, Any]) -> ReportIn:
    """The typed options as a validated report; a refusal names each bad option as it was typed."""
    from pydantic import ValidationError

    from model.schemas import ReportIn

    try:
        return ReportIn(**{name: value for name, value in fields.items() if value is not None})
    except ValidationError as error:
        problems = "; ".join(
            f"{REPORT_FIELD_OPTION.get(str(problem['loc'][0]), problem['loc'][0]) if problem['loc'] else _('report')}: "
            f"{str(problem['msg']).removeprefix('Value error, ')}"
            for problem in error.errors())
        raise DomainError(_("report not recorded: {problems}").format(problems=problems)) from error


def verify(
    ctx: typer.Context,
    incident_no: NoArgument,
    method: Annotated[str | None, typer.Option(
        "--method", help=_("How it was checked: call_back, unit_on_duty, video, second_caller, on_scene "
                           "(or 回拨核实, 值班单位核实 …)."))] = None,
    note: Annotated[str, typer.Option("--note", help=_("What the check found."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        row = actions.verify(session=session, operator=context.operator, incident_no=incident_no, method=method,
                             note=note, happened_at=option_time(at, "--at"))
    typer.echo(_("{no} verified").format(no=row.no))


def grade(
    ctx: typer.Context,
    incident_no: NoArgument,
    level: Annotated[str | None, typer.Option(
        "--level",
        help=_("I, II, III or IV, or the level's name (default: the level proposed from the casualties and "
               "loss)."))] = None,
    reason: Annotated[str, typer.Option("--reason", help=_("Why (required to change a level)."))] = "",
    at: AtOption = None,
) -> None:
    from console import labels
    from model import actions
    from model.actions._core import incident
    from model.config import load_config
    from model.grading import propose_level

    with writing(ctx) as (context, session):
        graded = incident(session, incident_no).level is not None
        proposal = propose_level(session, incident_no) if level is None else None
        code = proposal.level if proposal else load_config().resolve("levels", str(level))
        write = actions.regrade if graded else actions.grade
        row = write(session=session, operator=context.operator, incident_no=incident_no, level=code,
                    reason=reason or (proposal.reason if proposal else ""), happened_at=option_time(at, "--at"))
    line = _("{no} graded {level}").format(no=row.no, level=labels.level_name(code))
    if proposal:
        line += " " + _("(the proposed level: {reason})").format(reason=proposal.reason)
    typer.echo(line)


def _plans() -> list[Plan]:
    """Every plan that checks clean; each broken file is named on stderr, never silently left out."""
    from model.plans import PLANS_DIR, check_paths, load_plan, plan_files

    problems = check_paths([PLANS_DIR])
    for problem in problems:
        typer.echo(_("note: plan file not loaded: {problem}").format(problem=shown(str(problem))), err=True)
    broken = {problem.source for problem in problems}
    return [load_plan(path) for path in plan_files([PLANS_DIR]) if str(path) not in broken]


def activate(
    ctx: typer.Context,
    incident_no: NoArgument,
    plan_id: Annotated[str | None, typer.Option("--plan", help=_("The plan's id (see `linkdesk plans list`)."))] = None,
    at: AtOption = None,
) -> None:
    from model import actions
    from model.actions._core import incident
    from model.plans import plan_for_type
    from model.text import pick

    with writing(ctx) as (context, session):
        plans = _plans()
        if plan_id is None:
            plan = plan_for_type(plans, incident(session, incident_no).type)
        else:
            found = next((candidate for candidate in plans if candidate.id == plan_id), None)
            if found is None:
                raise DomainError(_("no plan {id}; the plans are {known}").format(
                    id=plan_id, known=", ".join(candidate.id for candidate in plans)))
            plan = found
        activation = actions.activate_plan(session=session, operator=context.operator, incident_no=incident_no,
                                           plan=plan, happened_at=option_time(at, "--at"))
        count = len(checklist_now(session, incident_no))
    typer.echo(_("plan {title} (version {version}) activated for {no} at level {level}: {count} steps").format(
        title=shown(pick(plan.title_zh, plan.title_en)), version=shown(plan.version), no=incident_no,
        level=activation.level, count=count))


def end(
    ctx: typer.Context,
    incident_no: NoArgument,
    summary: Annotated[str, typer.Option("--summary", help=_("Summary of the handling."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.end_incident(session=session, operator=context.operator, incident_no=incident_no,
                             summary=summary, happened_at=option_time(at, "--at"))
    typer.echo(_("{no} ended").format(no=incident_no))


def close(
    ctx: typer.Context,
    incident_no: NoArgument,
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.close_incident(session=session, operator=context.operator, incident_no=incident_no,
                               happened_at=option_time(at, "--at"))
    typer.echo(_("{no} closed").format(no=incident_no))


def show(
    ctx: typer.Context,
    incident_no: NoArgument,
    as_json: Annotated[bool, typer.Option("--json", help=_("A JSON object, keys as in the README."))] = False,
) -> None:
    from console.cli.incident_view import lines, record
    from model import clock
    from model.checklist import checklist
    from model.db import read_session, translated

    context = cli_context(ctx)
    with refused_in_one_line(), translated(context.where), read_session(context.engine()) as session:
        sheet = checklist(session, incident_no, clock.now())
    if as_json:
        typer.echo(json.dumps(record(sheet), ensure_ascii=False, indent=2))
        return
    for line in lines(sheet):
        typer.echo(line)
