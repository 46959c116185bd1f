"""`linkdesk sign-in SEAT` and `linkdesk seats`: who sits at which seat this shift.

The operator is the one the system vouches for (model.login): the database role on PostgreSQL,
the OS login on an SQLite file; the entry records them with the roles the roster gives them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from console.cli.context import cli_context
from console.cli.incident_base import refused_in_one_line, writing
from console.cli.output import say
from model.text import _


def sign_in(
    ctx: typer.Context,
    seat: Annotated[str, typer.Argument(
        help=_("The seat taken, by its code in the configuration (such as dispatch)."))],
) -> None:
    """Records the sign-in as a ledger entry; the shift report lists who signed in at each seat."""
    from model import actions
    from model.actions.seats import seat_name
    from model.roles import role_names
    from model.timefmt import TIME, show

    with writing(ctx) as (context, session):
        signed = actions.sign_in(session=session, operator=context.operator, seat=seat)
    say(_("{name} ({login}, {roles}) signed in at {seat} at {time} (entry {seq})").format(
        name=signed.name, login=signed.operator, roles=role_names(signed.roles), seat=seat_name(signed.seat),
        time=show(signed.at, TIME), seq=signed.seq))


def seats(ctx: typer.Context) -> None:
    """Lists the sign-ins of the open shift (of the whole ledger when no shift is open)."""
    from model.actions.seats import seat_name
    from model.actions.shifts import open_shift
    from model.db import read_session, translated
    from model.roles import role_names
    from model.sign_ins import sign_ins
    from model.timefmt import DAY_TIME, show

    context = cli_context(ctx)
    with refused_in_one_line(), translated(context.where), read_session(context.engine()) as session:
        shift = open_shift(session)
        found = sign_ins(session, shift.id if shift else None)
    if not found:
        say(_("nobody has signed in at a seat yet"))
    for signed in found:
        say(_("{time}  {seat}: {name} ({login}, {roles})").format(
            time=show(signed.at, DAY_TIME), seat=seat_name(signed.seat), name=signed.name, login=signed.operator,
            roles=role_names(signed.roles)))
