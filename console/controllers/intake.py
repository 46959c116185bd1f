"""`n`: take a report (接报) — the intake form, the duplicate check, and the merge it offers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from console import labels
from console.controllers.base import Controller, Key
from console.display import shown
from console.screens.choose import ChooseScreen
from console.screens.form import FormField
from model import actions, clock
from model.config import load_config
from model.errors import DomainError
from model.text import N_, _
from model.timefmt import local, parse_time

if TYPE_CHECKING:
    from pydantic import ValidationError

    from console.screens.main import MainScreen
    from model.desk_reads import Places
    from model.follow import WriteEcho
    from model.queries import IncidentRow
    from model.schemas import ReportIn


TIME_LAYOUT = "%Y-%m-%d %H:%M"
"""How the intake form writes a time, the layout `parse_time` reads back."""

def intake_fields(type_names: list[str], places: list[str], received: str) -> list[FormField]:
    """Every field of a report as DOMAIN.md §1 lists it, in three columns: the event, who called, how bad."""
    config = load_config()
    return [
        FormField("type", _("Incident type"), required=True, suggestions=tuple(type_names), column=1,
                  placeholder=_("e.g. 危险化学品泄漏 · Tab completes")),
        FormField("address", _("Place"), required=True, suggestions=tuple(places), column=1,
                  placeholder=_("type it, or Tab takes a known place")),
        FormField("description", _("What happened"), column=1),
        FormField("occurred_at", _("Happened at"), column=1, placeholder=_("YYYY-MM-DD HH:MM (empty: unknown)")),
        FormField("trend", _("Trend"), column=1, placeholder=_("e.g. spreading, under control")),
        FormField("channel", _("Channel"), "choice", required=True, value="phone", column=2,
                  choices=tuple((c.code, labels.configured("channels", c.code)) for c in config.channels)),
        FormField("received_at", _("Received at"), required=True, value=received, column=2),
        FormField("caller_name", _("Caller"), column=2),
        FormField("caller_unit", _("Caller's unit"), column=2),
        FormField("caller_phone", _("Caller phone"), column=2),
        FormField("people_affected", _("People affected"), column=3, placeholder=_("empty: unknown")),
        FormField("injured", _("Injured"), column=3, placeholder=_("empty: unknown")),
        FormField("deaths", _("Deaths"), column=3, placeholder=_("empty: unknown")),
        FormField("losses", _("Losses"), column=3),
        FormField("measures_taken", _("Action taken"), column=3),
        FormField("is_drill", _("Drill"), "check", column=3, placeholder=_("this report is a drill")),
    ]


def type_names() -> list[str]:
    """What the type field completes from: the configured types in the desk's language, in Chinese, by
    code, then their short names (the queue's and the board's), each of which the form takes as well."""
    types = load_config().incident_types
    return list(dict.fromkeys([labels.configured("incident_types", t.code) for t in types]
                              + [t.zh for t in types] + [t.code for t in types]
                              + [name for t in types for name in (t.short_en, t.short_zh) if name]))


def received_now() -> str:
    return local(clock.now()).strftime(TIME_LAYOUT)


def report_from(values: dict[str, Any], places: Places) -> ReportIn:
    """The intake values as a validated report; empty optional fields mean unknown. A known place
    brings its coordinates; a typed one has none until someone measures it."""
    from model.schemas import ReportIn

    present = {key: value for key, value in values.items() if value not in ("", None) and key != "received_at"}
    if "occurred_at" in present:
        present["occurred_at"] = parse_time(present["occurred_at"])
    lat, lon = places.get(values.get("address") or "", (None, None))
    return ReportIn.model_validate({**present, "lat": lat, "lon": lon})


def received_at(values: dict[str, Any], offered: str) -> datetime | None:
    """None when the officer left the time as offered (the entry takes the exact moment); the typed time otherwise."""
    typed = (values.get("received_at") or "").strip()
    return None if typed in ("", offered) else parse_time(typed)


def invalid(error: ValidationError, fields: list[FormField]) -> str:
    """The refusal naming each bad field by its label on the form."""
    names = {spec.name: spec.label for spec in fields}
    parts = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        message = str(problem["msg"]).removeprefix("Value error, ")
        if field == "type":
            message = _("not a type the desk knows; type a few letters and Tab takes the name")
        parts.append(f"{names.get(field, _('report'))}: {message}")
    return "; ".join(parts)


class IntakeController(Controller):
    """The intake form and its duplicate check, on the main screen."""

    KEYS = (Key("n", "new_report", "incident", N_("New report"), footer=True),)

    def __init__(self, screen: MainScreen) -> None:
        super().__init__(screen)
        self.places: Places | None = None
        """The known places as last read (they complete the place field and bring coordinates)."""
        self.preparing = False

    def new_report(self) -> None:
        """The intake form. The first time once the known places are read; after that at once with
        the places read last time, read again once the form is up (another desk may have added some)."""
        from model.desk_reads import known_places

        if self.places is None:
            self.fetch(known_places, self._intake)
            return
        self._intake(self.places)
        self.screen.call_after_refresh(self.fetch, known_places, self._places_read)

    def _places_read(self, places: Places) -> None:
        if places == self.places:
            return
        self.places = places
        form = self.kept_form
        if form is not None and form.is_current:
            form.complete("address", tuple(places))

    def prepare(self) -> None:
        """Build the intake form before the first n (building it is most of a first opening)."""
        from model.desk_reads import known_places

        if self.kept_form is None and not self.preparing:
            self.preparing = True
            self.fetch(known_places, self._build)

    def _build(self, places: Places) -> None:
        if self.places is None:
            self.places = places
        self.build_kept(_("New report (接报)"), intake_fields(type_names(), list(self.places), received_now()),
                        "intake")

    def _intake(self, places: Places) -> None:
        self.places = places
        offered = received_now()
        fields = intake_fields(type_names(), list(places), offered)
        title = _("New report (接报)")

        def save(values: dict[str, Any]) -> None:
            from pydantic import ValidationError

            from model.queries import duplicate_candidates

            try:
                report, when = report_from(values, self.places or places), received_at(values, offered)
            except ValidationError as error:
                self.ask(title, fields, "intake", save, error=invalid(error, fields), keep=True, hold=True)
                return
            except DomainError as error:
                self.ask(title, fields, "intake", save, error=str(error), keep=True, hold=True)
                return
            retry = self.retry_form(title, fields, "intake", save, keep=True, hold=True)
            follow = self.screen.queue.follow

            def recorded(echo: WriteEcho) -> None:
                self.close_saved()
                follow(echo.incident_no)

            # The duplicate check runs in the writer's turn, just before the write: one trip to the worker.
            self.record(_("report recorded"), actions.receive_report, report=report, received_at=when, retry=retry,
                        draft_key="intake", then=recorded,
                        check=lambda session: duplicate_candidates(
                            session, type=report.type, address=report.address, lat=report.lat, lon=report.lon,
                            now=clock.now()),
                        checked=lambda found: self._offer_merge(
                            report, when, cast("list[IncidentRow]", list(found)), title, fields, save))

        self.ask(title, fields, "intake", save, keep=True, hold=True)

    def _offer_merge(self, report: ReportIn, when: datetime | None, found: list[IncidentRow], title: str,
                     fields: list[FormField], save: Callable[[dict[str, Any]], None]) -> None:
        """Open incidents of the same type at the same place: merge into one of them, or record a new one."""
        retry = self.retry_form(title, fields, "intake", save, keep=True, hold=True)
        follow = self.screen.queue.follow
        self.close_saved()
        options = [(row.no, _("merge into {no} · {place} · {state}").format(
            no=row.no, place=shown(row.address), state=labels.incident_state(row.state)))
                   for row in found] + [("", _("no: record it as a new incident"))]

        def chosen(target: str | None) -> None:
            if target is None:
                self.ask(title, fields, "intake", save, keep=True, hold=True)
            elif target == "":
                self.record(_("report recorded"), actions.receive_report, report=report, received_at=when, retry=retry,
                            draft_key="intake", then=lambda echo: follow(echo.incident_no))
            else:
                self.record(_("report recorded"), actions.receive_report, report=report, received_at=when, retry=retry,
                            draft_key="intake", then=lambda echo: self.record(
                                _("merged into {no}").format(no=target), actions.merge_into,
                                incident_no=echo.incident_no, target_no=target, then=lambda _echo: follow(target)))

        self.app.push_screen(ChooseScreen(_("Same type at the same place: is it the same incident?"), options), chosen)
