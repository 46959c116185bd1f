"""Incident workflows: intake with duplicate check, verify, false alarm, merge, grade, notes, end, close."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from console import labels
from console.display import shown
from console.flows.base import FlowBase
from console.panes import IncidentQueue
from console.screens.choose import ChooseScreen
from console.screens.form import FormField
from console.screens.grade import GradeScreen
from console.screens.incident import IncidentScreen
from console.screens.listing import ListingScreen
from model import actions, clock
from model.config import load_config
from model.errors import DomainError
from model.text import _
from model.timefmt import local, parse_time, show

if TYPE_CHECKING:
    from pydantic import ValidationError

    from model.grading import LevelProposal
    from model.queries import IncidentRow
    from model.schemas import ReportIn


TIME_LAYOUT = "%Y-%m-%d %H:%M"
"""How the intake form writes a time, the layout `parse_time` reads back."""

Places = dict[str, tuple[float | None, float | None]]
"""Known places by address, with their coordinates where the roster or an earlier report has them."""


def known_places(session: Any) -> Places:
    """Addresses the desk already knows: units' duty addresses, then earlier incidents' places, newest first."""
    from sqlalchemy import select

    from model.tables import Incident, Unit

    places: Places = {}
    for address, lat, lon in session.execute(select(Unit.address, Unit.lat, Unit.lon).where(Unit.address != "")):
        places.setdefault(address, (lat, lon))
    incidents = select(Incident.address, Incident.lat, Incident.lon).order_by(Incident.received_at.desc())  # type: ignore[attr-defined]
    for address, lat, lon in session.execute(incidents.limit(500)):
        places.setdefault(address, (lat, lon))
    return places


def unit_names(session: Any) -> dict[str, str]:
    """Unit codes by the unit's name, for naming a unit in a form instead of typing its code."""
    from sqlalchemy import select

    from model.tables import Unit

    return {name: code for code, name in session.execute(select(Unit.code, Unit.name).order_by(Unit.name))}


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


class IncidentFlows(FlowBase):
    def action_new_report(self) -> None:
        """The intake form, once the known places are read (they complete the place field)."""
        self.fetch(known_places, self._intake)

    def _intake(self, places: Places) -> None:
        config = load_config()
        names = list(dict.fromkeys([labels.configured("incident_types", t.code) for t in config.incident_types]
                                   + [t.zh for t in config.incident_types] + [t.code for t in config.incident_types]))
        offered = received_now()
        fields = intake_fields(names, list(places), offered)
        title = _("New report (接报)")

        def save(values: dict[str, Any]) -> None:
            from pydantic import ValidationError

            from model.queries import duplicate_candidates

            try:
                report, when = report_from(values, places), received_at(values, offered)
            except ValidationError as error:
                self.ask(title, fields, "intake", save, error=invalid(error, fields))
                return
            except DomainError as error:
                self.ask(title, fields, "intake", save, error=str(error))
                return
            self.fetch(lambda session: duplicate_candidates(
                session, type=report.type, address=report.address, lat=report.lat, lon=report.lon,
                now=clock.now()), lambda found: self._offer_merge(report, when, found, title, fields, save))

        self.ask(title, fields, "intake", save)

    def _offer_merge(self, report: ReportIn, when: datetime | None, found: list[IncidentRow], title: str,
                     fields: list[FormField], save: Any) -> None:
        retry = self.retry_form(title, fields, "intake", save)
        follow = self.query_one(IncidentQueue).follow
        if not found:
            self.record(_("report recorded"), actions.receive_report, report=report, received_at=when, retry=retry,
                        draft_key="intake", then=lambda incident: follow(incident.no))
            return
        options = [(row.no, _("merge into {no} · {place} · {state}").format(
            no=row.no, place=shown(row.address), state=labels.incident_state(row.state)))
                   for row in found] + [("", _("no: record it as a new incident"))]

        def chosen(target: str | None) -> None:
            if target is None:
                self.ask(title, fields, "intake", save)
            elif target == "":
                self.record(_("report recorded"), actions.receive_report, report=report, received_at=when, retry=retry,
                            draft_key="intake", then=lambda incident: follow(incident.no))
            else:
                self.record(_("report recorded"), actions.receive_report, report=report, received_at=when, retry=retry,
                            draft_key="intake", then=lambda incident: self.record(
                                _("merged into {no}").format(no=target), actions.merge_into,
                                incident_no=incident.no, target_no=target, then=lambda _target: follow(target)))

        self.app.push_screen(ChooseScreen(_("Same type at the same place: is it the same incident?"), options), chosen)

    def action_verify(self) -> None:
        """Ask how the report was checked (the configured methods), then record it verified that way."""
        incident_no = self.need_incident()
        if incident_no is None:
            return
        methods = [(method.code, labels.configured("verification_methods", method.code))
                   for method in load_config().verification_methods]
        self.app.push_screen(ChooseScreen(_("How was {no} checked? (核实)").format(no=incident_no), methods),
                             lambda method: self.record(
                                 _("{no} verified: {method}").format(
                                     no=incident_no, method=labels.configured("verification_methods", method)),
                                 actions.verify, incident_no=incident_no, method=method) if method else None)

    def action_false_alarm(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        fields = [FormField("reason", _("Why is it a false alarm?"), required=True)]
        key = f"false-alarm:{incident_no}"
        title = _("False alarm (误报): {no}").format(no=incident_no)

        def save(values: dict[str, Any]) -> None:
            self.record(_("{no} marked false alarm").format(no=incident_no), actions.mark_false_alarm,
                        incident_no=incident_no, reason=values["reason"], draft_key=key,
                        retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def action_merge(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return

        from model.queries import open_incident_rows

        def offer(rows: list[IncidentRow]) -> None:
            options = [(row.no, f"{row.no} · {labels.configured('incident_types', row.type)} · {shown(row.address)}")
                       for row in rows if row.no != incident_no]
            if not options:
                self.notify(_("no other open incident to merge into"), severity="warning")
                return
            self.app.push_screen(ChooseScreen(_("Merge {no} into…").format(no=incident_no), options), lambda target: (
                self.record(_("{no} merged into {target}").format(no=incident_no, target=target), actions.merge_into,
                            incident_no=incident_no, target_no=target) if target else None))

        self.fetch(lambda session: open_incident_rows(session, clock.now()), offer)

    def action_grade(self) -> None:
        """Grade with the level the plan's criteria give for the recorded figures proposed; regrade with a reason."""
        incident_no = self.need_incident()
        if incident_no is None:
            return
        from model.grading import propose_level

        self.fetch(lambda session: propose_level(session, incident_no),
                   lambda proposal: self._grade(incident_no, proposal))

    def _grade(self, incident_no: str, proposal: LevelProposal) -> None:
        row = next((r for r in self.incident_rows() if r.no == incident_no), None)
        levels = [(lv.code, labels.level_name(lv.code)) for lv in load_config().levels]
        if row is None or row.level is None:
            self.app.push_screen(GradeScreen(_("Grade {no} (定级)").format(no=incident_no), levels, proposal.level,
                                             proposal.reason),
                                 lambda level: self.record(
                                     _("{no} graded {level}").format(no=incident_no, level=labels.level_name(level)),
                                     actions.grade, incident_no=incident_no, level=level,
                                     reason=proposal.reason if level == proposal.level else "") if level else None)
            return
        key = f"regrade:{incident_no}"
        title = _("Regrade {no}: now level {level} (提级/降级)").format(no=incident_no, level=labels.level_name(row.level))
        fields = [FormField("level", _("New level"), "choice", required=True, choices=tuple(levels)),
                  FormField("reason", _("Reason"), required=True)]
        note = shown(proposal.reason)

        def save(values: dict[str, Any]) -> None:
            self.record(_("{no} regraded to {level}").format(no=incident_no, level=labels.level_name(values["level"])),
                        actions.regrade, incident_no=incident_no, level=values["level"], reason=values["reason"],
                        draft_key=key, retry=self.retry_form(title, fields, key, save, note=note))

        self.ask(title, fields, key, save, note=note)

    def action_note(self) -> None:
        """A note of the center's own, or a unit's feedback: the unit is named, completing from the roster."""
        incident_no = self.need_incident()
        if incident_no is not None:
            self.fetch(unit_names, lambda units: self._note(incident_no, units))

    def _note(self, incident_no: str, units: dict[str, str]) -> None:
        key = f"note:{incident_no}"
        title = _("Note or unit feedback: {no}").format(no=incident_no)
        fields = [FormField("text", _("Note"), required=True),
                  FormField("unit", _("From unit (empty: the center's own note)"), suggestions=tuple(units))]

        def save(values: dict[str, Any]) -> None:
            named = values["unit"]
            code = units.get(named, named) or None
            self.record(_("note recorded"), actions.add_note, incident_no=incident_no, text=values["text"],
                        unit_code=code, draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def action_end(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        key = f"end:{incident_no}"
        title = _("End the emergency (应急结束): {no}").format(no=incident_no)
        fields = [FormField("summary", _("Summary of the handling"))]

        def save(values: dict[str, Any]) -> None:
            self.record(_("{no} ended").format(no=incident_no), actions.end_incident, incident_no=incident_no,
                        summary=values["summary"], draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def action_close(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        options = [("yes", _("yes, close and archive {no}").format(no=incident_no)), ("no", _("no, keep it open"))]
        self.app.push_screen(ChooseScreen(_("Close {no} (已归档)?").format(no=incident_no), options), lambda answer: (
            self.record(_("{no} closed").format(no=incident_no), actions.close_incident, incident_no=incident_no)
            if answer == "yes" else None))

    def action_open_incident(self) -> None:
        if incident_no := self.need_incident():
            self.app.push_screen(IncidentScreen(self.desk, incident_no))

    def action_search(self) -> None:
        fields = [FormField("text", _("Number, place, type or words of the description"), required=True)]

        def save(values: dict[str, Any]) -> None:
            from model.queries import search_incidents

            self.fetch(lambda session: search_incidents(session, values["text"]), self._show_found)

        self.ask(_("Search all incidents"), fields, "search", save)

    def _show_found(self, rows: list[IncidentRow]) -> None:
        listing = [(row.no, [row.no, show(row.received_at), labels.configured("incident_types", row.type),
                             shown(row.address), labels.incident_state(row.state)]) for row in rows]
        columns = [_("No."), _("Received"), _("Type"), _("Place"), _("State")]
        self.app.push_screen(ListingScreen(_("{n} found").format(n=len(rows)), columns, listing,
                                           hint=_("Enter: open the incident · Esc: back")),
                             lambda no: self.app.push_screen(IncidentScreen(self.desk, no)) if no else None)
