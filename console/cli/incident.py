"""`linkdesk incident …`: the duty desk's incident work from the command line.

For scripts, drills and other systems that hand reports to the desk. Every command is one call
of the action layer the console uses (one ledger entry each, or none on a refusal), so a path
worked here gives the same checklist as the same path worked by keys. A refusal is one line on
stderr in the desk's language and exit 1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import typer

from console.cli.context import CliContext, cli_context
from model.display import shown
from model.errors import DomainError, LinkdeskError
from model.text import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from model.checklist import StepView
    from model.plans import Plan

incident_app = typer.Typer(help=_("Incident work: receive, verify, grade, activate, dispatch, report, end, close."),
                           no_args_is_help=True)

NoArgument = Annotated[str, typer.Argument(metavar="NO", help=_("The incident's number, such as 20261128-0007."))]
AtOption = Annotated[str | None, typer.Option(
    "--at", help=_("When it was done, for a late entry: YYYY-MM-DD HH:MM local time or ISO 8601 with an offset "
                   "(default: now)."))]

REPORT_FIELD_OPTION = {
    "channel": "--channel", "type": "--type", "address": "--address", "description": "--description",
    "caller_name": "--caller", "caller_phone": "--phone", "caller_unit": "--caller-unit",
    "people_affected": "--people-affected", "injured": "--injured", "deaths": "--deaths", "losses": "--losses",
    "trend": "--trend", "measures_taken": "--measures", "occurred_at": "--happened-at", "lat": "--lat",
    "lon": "--lon", "external_id": "--external-id",
}
"""The option behind each field of a report, so a refusal names what was typed."""


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
    with refused_in_one_line(), translated(str(context.ledger_path)), write_session(context.engine()) as session:
        yield context, session


def _time(text: str | None, option: str) -> datetime | None:
    """A typed time as the warnings commands read it; a refusal names the option."""
    from model.timefmt import parse_time

    if text is None:
        return None
    try:
        return parse_time(text)
    except DomainError as error:
        raise DomainError(f"{option}: {error}") from error


def _views(session: Session, incident_no: str) -> list[StepView]:
    from model import clock
    from model.checklist import step_views

    _known(session, incident_no)
    return step_views(session, incident_no, clock.now())


def _known(session: Session, incident_no: str) -> None:
    from model.actions._core import incident

    incident(session, incident_no)


def _step_id(session: Session, incident_no: str, name: str) -> str:
    from console.cli.incident_view import step_named

    return step_named(_views(session, incident_no), incident_no, name).step_id


def _step_title(session: Session, incident_no: str, step_id: str) -> str:
    view = next(step for step in _views(session, incident_no) if step.step_id == step_id)
    return shown(view.title)


@incident_app.command(help=_("Record a new report as a new incident (接报) and print its number."))
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
        "--happened-at", help=_("When the event happened: YYYY-MM-DD HH:MM local time or ISO 8601 with an offset."))] = None,
    lat: Annotated[float | None, typer.Option("--lat", help=_("Latitude (WGS 84)."))] = None,
    lon: Annotated[float | None, typer.Option("--lon", help=_("Longitude (WGS 84)."))] = None,
    external_id: Annotated[str | None, typer.Option(
        "--external-id", help=_("The sending system's id of the report; the same id is refused twice."))] = None,
    drill: Annotated[bool, typer.Option("--drill", help=_("The report is a drill (演练)."))] = False,
    at: AtOption = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print a JSON object with the new incident's number."))] = False,
) -> None:
    from model import actions, clock
    from model.queries import duplicate_candidates

    with writing(ctx) as (context, session):
        report = _report_in({
            "channel": channel, "type": type_, "address": address, "description": description,
            "injured": injured, "deaths": deaths, "caller_name": caller, "caller_phone": phone,
            "caller_unit": caller_unit, "people_affected": people_affected, "losses": losses, "trend": trend,
            "measures_taken": measures, "occurred_at": _time(happened_at, "--happened-at"), "lat": lat,
            "lon": lon, "external_id": external_id, "is_drill": drill})
        received_at = _time(at, "--at")
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


def _report_in(fields: dict[str, Any]) -> Any:
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


@incident_app.command(help=_("Mark the report checked and true (核实)."))
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
                             note=note, happened_at=_time(at, "--at"))
    typer.echo(_("{no} verified").format(no=row.no))


@incident_app.command(help=_("Give the incident its level (定级), or change it with a reason (提级/降级)."))
def grade(
    ctx: typer.Context,
    incident_no: NoArgument,
    level: Annotated[str, typer.Option("--level", help=_("I, II, III or IV (or the level's name)."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why (required to change a level)."))] = "",
    at: AtOption = None,
) -> None:
    from console import labels
    from model import actions
    from model.actions._core import incident
    from model.config import load_config

    with writing(ctx) as (context, session):
        code = load_config().resolve("levels", level)
        graded = incident(session, incident_no).level is not None
        write = actions.regrade if graded else actions.grade
        row = write(session=session, operator=context.operator, incident_no=incident_no, level=code,
                    reason=reason, happened_at=_time(at, "--at"))
    typer.echo(_("{no} graded {level}").format(no=row.no, level=labels.level_name(code)))


def _plans() -> list[Plan]:
    """Every plan that checks clean; each broken file is named on stderr, never silently left out."""
    from model.plans import PLANS_DIR, check_paths, load_plan, plan_files

    problems = check_paths([PLANS_DIR])
    for problem in problems:
        typer.echo(_("note: plan file not loaded: {problem}").format(problem=shown(str(problem))), err=True)
    broken = {problem.source for problem in problems}
    return [load_plan(path) for path in plan_files([PLANS_DIR]) if str(path) not in broken]


@incident_app.command(help=_("Activate the plan (启动预案) at the incident's level: by default the one for its type."))
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
                                           plan=plan, happened_at=_time(at, "--at"))
        count = len(_views(session, incident_no))
    typer.echo(_("plan {title} (version {version}) activated for {no} at level {level}: {count} steps").format(
        title=shown(pick(plan.title_zh, plan.title_en)), version=shown(plan.version), no=incident_no,
        level=activation.level, count=count))


@incident_app.command(help=_("Order resources to the incident (调派), by code."))
def dispatch(
    ctx: typer.Context,
    incident_no: NoArgument,
    codes: Annotated[list[str], typer.Argument(metavar="RESOURCE…", help=_("Resource codes, such as XF-FI01."))],
    step: Annotated[str | None, typer.Option("--step", help=_("The step the resources are for (id or number in `show`)."))] = None,
    at: AtOption = None,
) -> None:
    from model import actions
    from model.actions._core import resource

    with writing(ctx) as (context, session):
        step_id = _step_id(session, incident_no, step) if step else None
        _known(session, incident_no)
        rows = [resource(session, code) for code in codes]
        _all_available(rows)
        when = _time(at, "--at")
        for row in rows:
            actions.dispatch_resource(session=session, operator=context.operator, incident_no=incident_no,
                                      resource_code=row.code, step_id=step_id, happened_at=when)
            typer.echo(_("{name} ({code}) dispatched to {no}").format(
                name=shown(row.name), code=shown(row.code), no=incident_no))


def _all_available(rows: list[Any]) -> None:
    """Refuse the whole order before any entry when one of its resources cannot go."""
    from model.lifecycle import ResourceStatus
    from model.state_names import resource_status

    for row in rows:
        if row.status != ResourceStatus.AVAILABLE:
            raise DomainError(_("{name} ({code}) is {status}: nothing was dispatched").format(
                name=row.name, code=row.code, status=resource_status(row.status)))


def _status_code(text: str) -> str:
    """A resource status by code or by its name in either language (到场, on scene, on_scene)."""
    from model.state_names import RESOURCE_STATUSES
    from model.text import translate

    for code, name in RESOURCE_STATUSES.items():
        if text.strip().casefold() in (code, translate(name, "zh"), translate(name, "en").casefold()):
            return code
    known = ", ".join(f"{code} {translate(name, 'zh')}" for code, name in RESOURCE_STATUSES.items())
    raise DomainError(_("unknown resource status {status!r}; known: {known}").format(status=text, known=known))


@incident_app.command(help=_("Move a resource on the roster: acknowledged, en route, on scene, returning, available …"))
def status(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="RESOURCE", help=_("The resource's code."))],
    new_status: Annotated[str, typer.Argument(metavar="STATUS", help=_("acknowledged, en_route, on_scene, returning, available, out_of_service (or 已接令, 途中, 到场 …)."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why (required for out of service)."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions
    from model.actions._core import resource
    from model.state_names import resource_status

    with writing(ctx) as (context, session):
        target = _status_code(new_status)
        before = resource(session, code)
        incident_no = before.incident_no
        row = actions.set_resource_status(session=session, operator=context.operator, resource_code=code,
                                          status=target, reason=reason, happened_at=_time(at, "--at"))
    where = _(" · incident {no}").format(no=incident_no) if incident_no else ""
    typer.echo(_("{name} ({code}): {status}{where}").format(
        name=shown(row.name), code=shown(row.code), status=resource_status(row.status), where=where))


@incident_app.command(help=_("Record who approved (or refused), by what channel (审批)."))
def approve(
    ctx: typer.Context,
    incident_no: NoArgument,
    authority: Annotated[str, typer.Option("--authority", help=_("Who decides, such as 管委会."))],
    by: Annotated[str, typer.Option("--by", help=_("The person who decided."))],
    channel: Annotated[str, typer.Option("--channel", help=_("phone, fax, document, in_person or message."))],
    step: Annotated[str | None, typer.Option("--step", help=_("The step it approves (id or number in `show`)."))] = None,
    refused: Annotated[bool, typer.Option("--refused", help=_("The authority refused."))] = False,
    note: Annotated[str, typer.Option("--note", help=_("What was said."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_id = _step_id(session, incident_no, step) if step else None
        actions.record_approval(session=session, operator=context.operator, incident_no=incident_no,
                                authority=authority, approved_by=by, channel=channel, step_id=step_id,
                                decision="refused" if refused else "approved", note=note,
                                happened_at=_time(at, "--at"))
        title = _step_title(session, incident_no, step_id) if step_id else ""
    message = _("{authority} ({who}) refused") if refused else _("{authority} ({who}) approved")
    line = message.format(authority=shown(authority), who=shown(by))
    typer.echo(f"{incident_no}: {line}" + (f": {title}" if title else ""))


@incident_app.command("command-post", help=_("Open or close the on-site command post (现场指挥部)."))
def command_post(
    ctx: typer.Context,
    incident_no: NoArgument,
    open_: Annotated[bool, typer.Option("--open", help=_("Open it (with --commander and --place)."))] = False,
    close: Annotated[bool, typer.Option("--close", help=_("Close the open command post."))] = False,
    commander: Annotated[str, typer.Option("--commander", help=_("The commander's name."))] = "",
    place: Annotated[str, typer.Option("--place", help=_("Where the post is."))] = "",
    phone: Annotated[str, typer.Option("--phone", help=_("The post's phone."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        if open_ == close:
            raise DomainError(_("say --open or --close"))
        when = _time(at, "--at")
        if open_:
            actions.open_command_post(session=session, operator=context.operator, incident_no=incident_no,
                                      commander=commander, location=place, phone=phone, happened_at=when)
        else:
            actions.close_command_post(session=session, operator=context.operator, incident_no=incident_no,
                                       happened_at=when)
    if open_:
        typer.echo(_("{no}: command post opened at {place}, commander {commander}").format(
            no=incident_no, place=shown(place), commander=shown(commander)))
    else:
        typer.echo(_("{no}: command post closed").format(no=incident_no))


@incident_app.command("report-upward", help=_("Record a report sent upward (首报 / 续报 / 终报)."))
def report_upward(
    ctx: typer.Context,
    incident_no: NoArgument,
    kind: Annotated[str, typer.Option("--kind", help=_("initial, follow_up or final."))],
    text: Annotated[str, typer.Option("--text", help=_("What was reported."))],
    to: Annotated[str, typer.Option("--to", help=_("Who it went to."))],
    channel: Annotated[str, typer.Option("--channel", help=_("phone, fax, document, in_person or message."))] = "phone",
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.report_upward(session=session, operator=context.operator, incident_no=incident_no, kind=kind,
                              recipient=to, channel=channel, text=text, happened_at=_time(at, "--at"))
    typer.echo(_("{no}: upward report recorded, to {recipient}").format(no=incident_no, recipient=shown(to)))


@incident_app.command(help=_("Skip a step, with the reason (kept in the ledger)."))
def skip(
    ctx: typer.Context,
    incident_no: NoArgument,
    step: Annotated[str, typer.Argument(metavar="STEP", help=_("The step: its id or its number in `show`."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why it is skipped."))],
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_id = _step_id(session, incident_no, step)
        actions.record_step_state(session=session, operator=context.operator, incident_no=incident_no,
                                  step_id=step_id, state="skipped", reason=reason, happened_at=_time(at, "--at"))
        title = _step_title(session, incident_no, step_id)
    typer.echo(_("{no}: skipped: {title}").format(no=incident_no, title=title))


@incident_app.command(help=_("Mark a step done that the officer did by hand (a call, a check)."))
def done(
    ctx: typer.Context,
    incident_no: NoArgument,
    step: Annotated[str, typer.Argument(metavar="STEP", help=_("The step: its id or its number in `show`."))],
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_id = _step_id(session, incident_no, step)
        actions.record_step_state(session=session, operator=context.operator, incident_no=incident_no,
                                  step_id=step_id, state="done", happened_at=_time(at, "--at"))
        title = _step_title(session, incident_no, step_id)
    typer.echo(_("{no}: done: {title}").format(no=incident_no, title=title))


@incident_app.command(help=_("Tick items of the closing checklist, all in one entry."))
def tick(
    ctx: typer.Context,
    incident_no: NoArgument,
    items: Annotated[list[str], typer.Argument(metavar="ITEM…", help=_("Closing items: ids or numbers in `show`."))],
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_ids = [_step_id(session, incident_no, item) for item in items]
        actions.tick_closing(session=session, operator=context.operator, incident_no=incident_no,
                             step_ids=step_ids, happened_at=_time(at, "--at"))
        titles = [_step_title(session, incident_no, step_id) for step_id in dict.fromkeys(step_ids)]
    for title in titles:
        typer.echo(_("{no}: ticked: {title}").format(no=incident_no, title=title))


@incident_app.command(help=_("Declare the emergency over (应急结束)."))
def end(
    ctx: typer.Context,
    incident_no: NoArgument,
    summary: Annotated[str, typer.Option("--summary", help=_("Summary of the handling."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.end_incident(session=session, operator=context.operator, incident_no=incident_no,
                             summary=summary, happened_at=_time(at, "--at"))
    typer.echo(_("{no} ended").format(no=incident_no))


@incident_app.command(help=_("Archive an ended incident (已归档)."))
def close(
    ctx: typer.Context,
    incident_no: NoArgument,
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.close_incident(session=session, operator=context.operator, incident_no=incident_no,
                               happened_at=_time(at, "--at"))
    typer.echo(_("{no} closed").format(no=incident_no))


@incident_app.command(help=_("The incident and its checklist: each step's state and the ledger entry that settled it."))
def show(
    ctx: typer.Context,
    incident_no: NoArgument,
    as_json: Annotated[bool, typer.Option("--json", help=_("A JSON object, keys as in the README."))] = False,
) -> None:
    from console.cli.incident_view import checklist, lines, record
    from model import clock
    from model.db import read_session, translated

    context = cli_context(ctx)
    with refused_in_one_line(), translated(str(context.ledger_path)), read_session(context.engine()) as session:
        sheet = checklist(session, incident_no, clock.now())
    if as_json:
        typer.echo(json.dumps(record(sheet), ensure_ascii=False, indent=2))
        return
    for line in lines(sheet):
        typer.echo(line)
