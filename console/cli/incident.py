"""`linkdesk incident …`: the duty desk's incident work from the command line.

For scripts, drills and other systems that hand reports to the desk. Every command is one call
of the action layer the console uses (one ledger entry each, or none on a refusal), so a path
worked here gives the same checklist as the same path worked by keys. A refusal is one line on
stderr in the desk's language and exit 1.
"""

from __future__ import annotations

import typer

from console.cli import incident_intake, incident_work
from model.text import _

incident_app = typer.Typer(help=_("Incident work: receive, verify, grade, activate, dispatch, report, end, close."),
                           no_args_is_help=True)

incident_app.command(help=_("Record a new report as a new incident (接报) and print its number."))(
    incident_intake.receive)
incident_app.command(help=_("Mark the report checked and true (核实)."))(incident_intake.verify)
incident_app.command(help=_("Give the incident its level (定级), or change it with a reason (提级/降级)."))(
    incident_intake.grade)
incident_app.command(help=_("Activate the plan (启动预案) at the incident's level: by default the one for its type."))(
    incident_intake.activate)
incident_app.command(help=_("Order resources to the incident (调派), by code."))(incident_work.dispatch)
incident_app.command(help=_("Move a resource on the roster: acknowledged, en route, on scene, returning, available …"))(
    incident_work.status)
incident_app.command(help=_("Record who approved (or refused), by what channel (审批)."))(incident_work.approve)
incident_app.command(help=_("Record that units' duty offices were notified (通知), by unit code."))(
    incident_work.notify)
incident_app.command(help=_("Record that experts were called (专家会商), by name."))(incident_work.experts)
incident_app.command("command-post",
                     help=_("Open or close the on-site command post (现场指挥部)."))(incident_work.command_post)
incident_app.command("report-upward",
                     help=_("Record a report sent upward (首报 / 续报 / 终报)."))(incident_work.report_upward)
incident_app.command(help=_("Skip a step, with the reason (kept in the ledger)."))(incident_work.skip)
incident_app.command(help=_("Mark a step done that the officer did by hand (a call, a check)."))(incident_work.done)
incident_app.command(help=_("Tick items of the closing checklist, all in one entry."))(incident_work.tick)
incident_app.command(help=_("Declare the emergency over (应急结束)."))(incident_intake.end)
incident_app.command(help=_("Archive an ended incident (已归档)."))(incident_intake.close)
incident_app.command(help=_("The incident and its checklist: each step's state and the ledger entry that settled it."))(
    incident_intake.show)
