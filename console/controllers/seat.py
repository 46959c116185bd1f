"""Signing in at a seat (上岗签到): asked when the console starts, after this desk starts a shift,
or after another desk starts one or hands over to a new one, while the operator has no seat in the
open shift; `s` signs in at another seat later. A prompt due while a form or another screen is
open waits until the officer is back at the desk.

The sign-in is `actions.sign_in`, recorded through the desk's ordered writer like every write;
the status bar shows the seat once it is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.controllers.base import Controller, Key
from console.panes.status_bar import StatusBar
from console.screens.form import FormField
from console.screens.seat import SeatScreen
from model import actions, clock
from model.actions.seats import seat_check, seat_name, shift_change
from model.config import load_config
from model.roles import role_names
from model.text import N_, _, pick

if TYPE_CHECKING:
    from model.actions.seats import SeatCheck


class SeatController(Controller):
    """Which seat this desk's operator sits at in the open shift."""

    KEYS = (Key("s", "sign_in", "desk", N_("Sign in at a seat")),)

    shift_id: int | None = None
    """The open shift the seat shown was read in (None: none open, or not read yet)."""
    prompt_waiting = False
    """A seat prompt came due while another screen was on top: it is asked on the way back to the desk."""

    def check(self, *, prompt: bool = True) -> None:
        """Read the operator's seat in the open shift; show it, and ask for one when there is none."""
        self.fetch(seat_check, lambda found: self._checked(found, prompt), self.desk.operator)

    def shift_moved(self) -> None:
        """The follower read a shift entry: when the open shift is another one, show the seat in it and, when
        another desk changed the shift, ask for one as at start (this desk's own start and handover ask or
        not as they always did)."""
        self.fetch(shift_change, self._shift_changed, self.desk.operator)

    def _shift_changed(self, found: SeatCheck) -> None:
        if found.shift_id != self.shift_id:
            self._checked(found, prompt=found.shift_by != self.desk.operator)

    def resumed(self) -> None:
        """Back at the desk: ask the prompt that waited, if the operator still has no seat."""
        if self.prompt_waiting:
            self.prompt_waiting = False
            self.check()

    def _checked(self, found: SeatCheck, prompt: bool) -> None:
        self.shift_id = found.shift_id
        self._show(found.seat)
        if prompt and found.shift_open and found.seat is None and load_config().seats:
            if self.app.screen is not self.screen:
                self.prompt_waiting = not isinstance(self.app.screen, SeatScreen)
                return
            self.ask_seat(found)

    def sign_in(self) -> None:
        """`s`: the seat prompt whatever the operator's seat now (the cursor starts on it)."""
        self.fetch(seat_check, self.ask_seat, self.desk.operator)

    def ask_seat(self, found: SeatCheck, error: str = "") -> None:
        seats = load_config().seats
        if not seats:
            self._ask_seat_by_name(error)
            return
        required = load_config().seat_required and found.shift_open and found.seat is None
        options = [(seat.code, pick(seat.zh, seat.en)) for seat in seats]
        screen = SeatScreen(found.name, role_names(found.roles), options, current=found.seat, required=required,
                            error=error)

        def chosen(code: str | None) -> None:
            if code is not None:
                self._record(code, lambda reason: self.ask_seat(found, reason))

        self.app.push_screen(screen, chosen)

    def _ask_seat_by_name(self, error: str) -> None:
        """A center that configures no seats takes any seat name (as `linkdesk sign-in` does)."""
        title, key = _("Sign in at a seat (上岗签到)"), "sign-in"
        fields = [FormField("seat", _("Seat"), required=True)]

        def save(values: dict[str, Any]) -> None:
            self._record(str(values["seat"]).strip(), self.retry_form(title, fields, key, save), draft_key=key)

        self.ask(title, fields, key, save, error=error)

    def _record(self, code: str, retry: Callable[[str], None], draft_key: str | None = None) -> None:
        self.record(_("signed in at {seat}").format(seat=seat_name(code)), actions.sign_in, seat=code,
                    retry=retry, draft_key=draft_key, then=lambda _echo: self._show(code))

    def _show(self, code: str | None) -> None:
        """The seat on the status bar at once (the bar repaints every second otherwise)."""
        bar = self.screen.query_one(StatusBar)
        bar.show_seat(seat_name(code) if code is not None else None)
        if self.screen.ready:
            bar.tick(clock.now(), bar.alarm_steps, bar.alarm_acks)
