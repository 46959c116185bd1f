"""`linkdesk drill check|run|pause|resume|stop|list`: scripted drills (演练) against the desk.

`run` feeds a scenario's injects into the ledger on the drill clock while officers work the desk
from the console or with `linkdesk incident …`; `pause`, `resume` and `stop` given from another
terminal are ledger entries the running drill obeys before its next feed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from console.cli.context import cli_context
from console.cli.incident_base import writing
from console.cli.output import say
from model.text import _, pick

if TYPE_CHECKING:
    from model.drill_record import DrillRecord
    from model.drill_run import DrillEvent
    from model.drills import Scenario

drill_app = typer.Typer(help=_("Drills (演练): check and run scenarios against the desk, pause or stop them."),
                        no_args_is_help=True)

DrillArgument = Annotated[str, typer.Argument(
    help=_("The drill's id, such as D20261202-01 (see `linkdesk drill list`)."))]


@drill_app.command(
    help=_("Report every error in every scenario file as file:line:column: field: problem; exit 1 if any."))
def check(
    paths: Annotated[list[Path] | None, typer.Argument(
        help=_("Scenario files or folders of *.yaml files (default: the drills/ folder)."))] = None,
) -> None:
    from model.drills import DRILLS_DIR, check_paths

    targets = paths or [DRILLS_DIR]
    missing = [str(path) for path in targets if not path.exists()]
    if missing:
        say(_("linkdesk: no such scenario file or folder: {paths}").format(paths=", ".join(missing)), err=True)
        raise typer.Exit(1)
    files, errors = check_paths(targets)
    for error in errors:
        say(error)
    if errors:
        broken = len({error.source for error in errors})
        say(_("{errors} error(s) in {broken} of {files} scenario file(s)").format(
            errors=len(errors), broken=broken, files=len(files)), err=True)
        raise typer.Exit(1)
    say(_("OK: {count} scenario file(s) checked, no errors").format(count=len(files)))


def _event_line(event: DrillEvent, scenario: Scenario) -> str:
    from model import clock
    from model.timefmt import TIME, show

    record = event.record
    minute = record.minute_at(record.ended_at or clock.now())
    stamp = _("[drill minute {minute:.0f}]").format(minute=minute)
    if event.kind == "started":
        return _("drill {id} started: {title} at {speed}× speed ({at}); stop it with Ctrl+C or "
                 "`linkdesk drill stop {id}`").format(id=record.drill_id, speed=f"{record.speed:g}",
                                                      title=pick(scenario.title_zh, scenario.title_en),
                                                      at=show(record.started_at, TIME))
    if event.kind == "fed" and event.position is not None:
        from console.labels import drill_inject_kind

        fed = next(item for item in record.fed if item.position == event.position)
        where = f" → {fed.incident_no}" if fed.incident_no else ""
        stamp = _("[drill minute {minute:.0f}]").format(minute=record.minute_at(fed.fed_at))
        return f"{stamp} " + _("inject {number}: {kind}{where}").format(
            number=event.position + 1, kind=drill_inject_kind(fed.kind), where=where)
    words = {"paused": _("paused"), "resumed": _("resumed"), "stopped": _("stopped"), "finished": _("finished")}
    return f"{stamp} " + _("drill {id} {what}").format(id=record.drill_id, what=words.get(event.kind, event.kind))


@drill_app.command(help=_("Run a scenario: feed its injects into the ledger at their times on the drill clock."))
def run(
    ctx: typer.Context,
    scenario_name: Annotated[str, typer.Argument(
        metavar="SCENARIO",
        help=_("A scenario file, or the name of one in drills/ (such as chemical_leak_iii_to_ii)."))],
    speed: Annotated[float, typer.Option("--speed", help=_("How many drill minutes pass in one real minute."))] = 1.0,
) -> None:
    from model.drill_run import run_drill
    from model.drills import find_scenario, load_scenario

    scenario = load_scenario(find_scenario(scenario_name))
    context = cli_context(ctx)
    record = run_drill(context.engine(), scenario, operator=context.operator, speed=speed,
                       on_event=lambda event: say(_event_line(event, scenario)))
    say(_("write its score with `linkdesk report drill {id}`").format(id=record.drill_id))


@drill_app.command(help=_("Pause a running drill: its clock stops and no inject is fed until it is resumed."))
def pause(ctx: typer.Context, drill_id: DrillArgument) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.pause_drill(session=session, operator=context.operator, drill_id=drill_id)
    say(_("drill {id} paused").format(id=drill_id))


@drill_app.command(help=_("Resume a paused drill where its clock stood."))
def resume(ctx: typer.Context, drill_id: DrillArgument) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.resume_drill(session=session, operator=context.operator, drill_id=drill_id)
    say(_("drill {id} resumed").format(id=drill_id))


@drill_app.command(help=_("Stop a drill: injects not yet fed never will be; what was fed stays on the record."))
def stop(
    ctx: typer.Context,
    drill_id: DrillArgument,
    reason: Annotated[str, typer.Option("--reason", help=_("Why it was stopped (kept in the ledger)."))] = "",
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        actions.stop_drill(session=session, operator=context.operator, drill_id=drill_id, reason=reason)
    say(_("drill {id} stopped").format(id=drill_id))


def _list_line(record: DrillRecord) -> str:
    from console.labels import drill_state
    from model import clock
    from model.timefmt import show

    return _("{id}  {state}  {title}  started {at} by {who}  {speed}×  {minutes:.0f} drill minutes, "
             "{fed} inject(s), incidents: {incidents}").format(
        id=record.drill_id, state=drill_state(record.state), title=pick(record.title_zh, record.title_en),
        at=show(record.started_at), who=record.started_by, speed=f"{record.speed:g}",
        minutes=record.length(clock.now()), fed=len(record.fed),
        incidents=", ".join(record.incident_numbers) or _("none"))


@drill_app.command("list", help=_("One line per drill on the ledger: id, state, scenario, start, incidents."))
def list_drills(ctx: typer.Context) -> None:
    from model.db import read_session
    from model.drill_record import drill_records

    with read_session(cli_context(ctx).engine()) as session:
        records = drill_records(session)
    if not records:
        say(_("no drills on this ledger"))
    for record in records:
        say(_list_line(record))
