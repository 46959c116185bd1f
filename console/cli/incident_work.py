"""`linkdesk incident dispatch | status | approve | command-post | report-upward | skip | done | tick`:
the work the plan's steps ask for. Work that a step asks for settles that step in the same entry
(model.fulfilment), whichever command recorded it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from console.cli.incident_base import (
    AtOption,
    NoArgument,
    StepOption,
    known_incident,
    named_step,
    option_time,
    step_title,
    writing,
)
from model.display import shown
from model.errors import DomainError
from model.text import _

if TYPE_CHECKING:
    from sqlmodel import Session

    from model.directory import ResourceNamed


def dispatch(
    ctx: typer.Context,
    incident_no: NoArgument,
    codes: Annotated[list[str] | None, typer.Argument(
        metavar="[RESOURCE…]", help=_("Resource codes, such as XF-FI01 (default: the recommended ones)."))] = None,
    step: StepOption = None,
    at: AtOption = None,
) -> None:
    from model import actions
    from model.directory import resource_named

    with writing(ctx) as (context, session):
        known_incident(session, incident_no)
        step_id = named_step(session, incident_no, step) if step else None
        if codes:
            orders = [(resource_named(session, code), step_id) for code in codes]
        else:
            orders = _recommended(session, incident_no, step_id)
        _all_available([row for row, _step in orders])
        when = option_time(at, "--at")
        for row, for_step in orders:
            actions.dispatch_resource(session=session, operator=context.operator, incident_no=incident_no,
                                      resource_code=row.code, step_id=for_step, happened_at=when)
            typer.echo(_("{name} ({code}) dispatched to {no}").format(
                name=shown(row.name), code=shown(row.code), no=incident_no))


def _recommended(session: Session, incident_no: str,
                 step_id: str | None) -> list[tuple[ResourceNamed, str | None]]:
    """The resources the plan still wants (for one step, or for all), each with its step; said first."""
    from model.directory import resource_named
    from model.queries import dispatch_choices

    choices = dispatch_choices(session, incident_no)
    chosen = [offer for offer in choices.recommended if step_id is None or offer.step_id == step_id]
    if not chosen:
        raise DomainError(_("{no}: nothing to dispatch without resource codes: {said}").format(
            no=incident_no, said=choices.said))
    if step_id is None:
        typer.echo(choices.said)
    else:
        typer.echo(_("Preselected for “{step}”: {names}").format(
            step=shown(chosen[0].step_title), names=_(", ").join(shown(offer.resource.name) for offer in chosen)))
    return [(resource_named(session, offer.resource.code), offer.step_id) for offer in chosen]


def _all_available(rows: list[ResourceNamed]) -> None:
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


def status(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(metavar="RESOURCE", help=_("The resource's code."))],
    new_status: Annotated[str, typer.Argument(
        metavar="STATUS",
        help=_("acknowledged, en_route, on_scene, returning, available, out_of_service (or 已接令, 途中, 到场 …)."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why (required for out of service)."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions
    from model.directory import resource_named
    from model.state_names import resource_status

    with writing(ctx) as (context, session):
        target = _status_code(new_status)
        incident_no = resource_named(session, code).incident_no
        actions.set_resource_status(session=session, operator=context.operator, resource_code=code,
                                    status=target, reason=reason, happened_at=option_time(at, "--at"))
        row = resource_named(session, code)
    where = _(" · incident {no}").format(no=incident_no) if incident_no else ""
    typer.echo(_("{name} ({code}): {status}{where}").format(
        name=shown(row.name), code=shown(row.code), status=resource_status(row.status), where=where))


def approve(
    ctx: typer.Context,
    incident_no: NoArgument,
    authority: Annotated[str, typer.Option("--authority", help=_("Who decides, such as 管委会."))],
    by: Annotated[str, typer.Option("--by", help=_("The person who decided."))],
    channel: Annotated[str, typer.Option("--channel", help=_("phone, fax, document, in_person or message."))],
    step: StepOption = None,
    refused: Annotated[bool, typer.Option("--refused", help=_("The authority refused."))] = False,
    note: Annotated[str, typer.Option("--note", help=_("What was said."))] = "",
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_id = named_step(session, incident_no, step) if step else None
        actions.record_approval(session=session, operator=context.operator, incident_no=incident_no,
                                authority=authority, approved_by=by, channel=channel, step_id=step_id,
                                decision="refused" if refused else "approved", note=note,
                                happened_at=option_time(at, "--at"))
        title = step_title(session, incident_no, step_id) if step_id else ""
    message = _("{authority} ({who}) refused") if refused else _("{authority} ({who}) approved")
    line = message.format(authority=shown(authority), who=shown(by))
    typer.echo(f"{incident_no}: {line}" + (f": {title}" if title else ""))


def notify(
    ctx: typer.Context,
    incident_no: NoArgument,
    units: Annotated[list[str], typer.Argument(metavar="UNIT…", help=_("Unit codes, such as AJ."))],
    step: StepOption = None,
    at: AtOption = None,
) -> None:
    from model import actions
    from model.directory import unit_names

    with writing(ctx) as (context, session):
        step_id = named_step(session, incident_no, step) if step else None
        actions.notify_units(session=session, operator=context.operator, incident_no=incident_no, unit_codes=units,
                             step_id=step_id, happened_at=option_time(at, "--at"))
        names = [shown(name) for name in unit_names(session, units)]
    typer.echo(_("{no}: notified {units}").format(no=incident_no, units=_(", ").join(names)))


def experts(
    ctx: typer.Context,
    incident_no: NoArgument,
    names: Annotated[list[str], typer.Argument(metavar="EXPERT…", help=_("Experts by name, such as 田国华."))],
    step: StepOption = None,
    at: AtOption = None,
) -> None:
    from model import actions
    from model.directory import expert_named

    with writing(ctx) as (context, session):
        step_id = named_step(session, incident_no, step) if step else None
        chosen = [expert_named(session, name) for name in names]
        actions.call_experts(session=session, operator=context.operator, incident_no=incident_no,
                             expert_ids=[expert.id for expert in chosen], step_id=step_id,
                             happened_at=option_time(at, "--at"))
    typer.echo(_("{no}: experts called: {names}").format(
        no=incident_no, names=_(", ").join(shown(expert.name) for expert in chosen)))


def command_post(
    ctx: typer.Context,
    incident_no: NoArgument,
    open_: Annotated[bool, typer.Option("--open", help=_("Open it (with --commander and --place)."))] = False,
    close: Annotated[bool, typer.Option("--close", help=_("Close the open command post."))] = False,
    commander: Annotated[str, typer.Option("--commander", help=_("The commander's name."))] = "",
    place: Annotated[str, typer.Option("--place", help=_("Where the post is."))] = "",
    phone: Annotated[str, typer.Option("--phone", help=_("The post's phone."))] = "",
    step: StepOption = None,
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        if open_ == close:
            raise DomainError(_("say --open or --close"))
        step_id = named_step(session, incident_no, step) if step else None
        when = option_time(at, "--at")
        if open_:
            actions.open_command_post(session=session, operator=context.operator, incident_no=incident_no,
                                      commander=commander, location=place, phone=phone, step_id=step_id,
                                      happened_at=when)
        else:
            actions.close_command_post(session=session, operator=context.operator, incident_no=incident_no,
                                       happened_at=when)
    if open_:
        typer.echo(_("{no}: command post opened at {place}, commander {commander}").format(
            no=incident_no, place=shown(place), commander=shown(commander)))
    else:
        typer.echo(_("{no}: command post closed").format(no=incident_no))


def report_upward(
    ctx: typer.Context,
    incident_no: NoArgument,
    kind: Annotated[str | None, typer.Option(
        "--kind", help=_("initial, follow_up or final (default: the next in sequence)."))] = None,
    text: Annotated[str | None, typer.Option(
        "--text", help=_("What was reported (default: the text drafted from the record, printed)."))] = None,
    to: Annotated[str | None, typer.Option(
        "--to", help=_("Who it went to (default: whoever the last report went to)."))] = None,
    channel: Annotated[str, typer.Option("--channel", help=_("phone, fax, document, in_person or message."))] = "phone",
    step: StepOption = None,
    at: AtOption = None,
) -> None:
    from model import actions, clock, upward

    with writing(ctx) as (context, session):
        known_incident(session, incident_no)
        step_id = named_step(session, incident_no, step) if step else None
        when = option_time(at, "--at")
        now = when or clock.now()
        if kind is None:
            due = upward.next_report(session, incident_no, now)
            if due is None:
                raise DomainError(_("{no}: no report upward is due; give --kind to send one anyway").format(
                    no=incident_no))
            kind = due.kind
        earlier = upward.sent(session, incident_no)
        recipient = to if to is not None else (earlier[-1].recipient if earlier else "")
        if not recipient.strip():
            raise DomainError(_("{no}: say who the report goes to with --to").format(no=incident_no))
        body = text if text is not None else upward.draft(session, incident_no, kind, now, reporter=context.operator)
        actions.report_upward(session=session, operator=context.operator, incident_no=incident_no, kind=kind,
                              recipient=recipient, channel=channel, text=body, step_id=step_id, happened_at=when)
        title = upward.sent(session, incident_no)[-1].title
    typer.echo(_("{no}: {title} recorded, to {recipient}").format(
        no=incident_no, title=title, recipient=shown(recipient)))
    if text is None:
        typer.echo(shown(body, lines=True))


def skip(
    ctx: typer.Context,
    incident_no: NoArgument,
    step: Annotated[str, typer.Argument(metavar="STEP", help=_("The step: its id or its number in `show`."))],
    reason: Annotated[str, typer.Option("--reason", help=_("Why it is skipped."))],
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_id = named_step(session, incident_no, step)
        actions.record_step_state(session=session, operator=context.operator, incident_no=incident_no,
                                  step_id=step_id, state="skipped", reason=reason, happened_at=option_time(at, "--at"))
        title = step_title(session, incident_no, step_id)
    typer.echo(_("{no}: skipped: {title}").format(no=incident_no, title=title))


def done(
    ctx: typer.Context,
    incident_no: NoArgument,
    step: Annotated[str, typer.Argument(metavar="STEP", help=_("The step: its id or its number in `show`."))],
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_id = named_step(session, incident_no, step)
        actions.record_step_state(session=session, operator=context.operator, incident_no=incident_no,
                                  step_id=step_id, state="done", happened_at=option_time(at, "--at"))
        title = step_title(session, incident_no, step_id)
    typer.echo(_("{no}: done: {title}").format(no=incident_no, title=title))


def tick(
    ctx: typer.Context,
    incident_no: NoArgument,
    items: Annotated[list[str], typer.Argument(metavar="ITEM…", help=_("Closing items: ids or numbers in `show`."))],
    at: AtOption = None,
) -> None:
    from model import actions

    with writing(ctx) as (context, session):
        step_ids = [named_step(session, incident_no, item) for item in items]
        actions.tick_closing(session=session, operator=context.operator, incident_no=incident_no,
                             step_ids=step_ids, happened_at=option_time(at, "--at"))
        titles = [step_title(session, incident_no, step_id) for step_id in dict.fromkeys(step_ids)]
    for title in titles:
        typer.echo(_("{no}: ticked: {title}").format(no=incident_no, title=title))
