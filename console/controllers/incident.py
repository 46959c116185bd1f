"""Working an incident from the queue: verify, false alarm, merge, grade and regrade, notes, search,
and the incident screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console import labels
from console.controllers.base import Controller, Key
from console.display import shown
from console.screens.choose import ChooseScreen
from console.screens.form import FormField
from console.screens.grade import GradeScreen
from console.screens.incident import IncidentScreen
from console.screens.listing import ListingScreen
from model import actions, clock
from model.config import load_config
from model.text import N_, _
from model.timefmt import show

if TYPE_CHECKING:
    from model.grading import LevelProposal
    from model.queries import IncidentRow


class IncidentController(Controller):
    """The keys that work the highlighted incident's record."""

    KEYS = (
        Key("v", "verify", "incident", N_("Verify"), footer=True),
        Key("f", "false_alarm", "incident", N_("False alarm")),
        Key("m", "merge", "incident", N_("Merge")),
        Key("g", "grade", "incident", N_("Grade / regrade"), footer=True),
        Key("o", "note", "incident", N_("Note / feedback")),
        Key("i", "open_incident", "incident", N_("Incident screen")),
        Key("slash", "search", "incident", N_("Search")),
    )

    def verify(self) -> None:
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

    def false_alarm(self) -> None:
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

    def merge(self) -> None:
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

    def grade(self) -> None:
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
        title = _("Regrade {no}: now level {level} (提级/降级)").format(
            no=incident_no, level=labels.level_name(row.level))
        fields = [FormField("level", _("New level"), "choice", required=True, choices=tuple(levels)),
                  FormField("reason", _("Reason"), required=True)]
        note = shown(proposal.reason)

        def save(values: dict[str, Any]) -> None:
            self.record(_("{no} regraded to {level}").format(no=incident_no, level=labels.level_name(values["level"])),
                        actions.regrade, incident_no=incident_no, level=values["level"], reason=values["reason"],
                        draft_key=key, retry=self.retry_form(title, fields, key, save, note=note))

        self.ask(title, fields, key, save, note=note)

    def note(self) -> None:
        """A note of the center's own, or a unit's feedback: the unit is named, completing from the roster."""
        incident_no = self.need_incident()
        if incident_no is not None:
            from model.desk_reads import unit_names

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

    def open_incident(self) -> None:
        if incident_no := self.need_incident():
            self.app.push_screen(IncidentScreen(self.desk, incident_no))

    def search(self) -> None:
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
