"""The desk's own workflows: shift start and handover, warnings, the shift report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console import labels
from console.controllers.base import Controller, Key
from console.display import shown
from console.screens.choose import ChooseScreen
from console.screens.form import FormField
from console.screens.listing import ListingScreen
from model import actions, clock
from model.config import load_config
from model.errors import DomainError, LinkdeskError
from model.text import N_, _
from model.timefmt import parse_time, show

if TYPE_CHECKING:
    from model.desk_reads import ShiftRow, WarningRow
    from model.schemas import WarningIn


def warning_fields(colour: str | None = None) -> list[FormField]:
    config = load_config()
    return [
        FormField("colour", _("Level colour"), "choice", required=True, value=colour,
                  choices=tuple((c.code, labels.configured("warning_colours", c.code))
                                for c in config.warning_colours)),
        FormField("type", _("Warning type"), required=True, placeholder=_("e.g. rainstorm, chemical release")),
        FormField("area", _("Area"), required=True),
        FormField("text_zh", _("Text (Chinese)"), required=True),
        FormField("text_en", _("Text (English, optional)")),
        FormField("expires", _("Expires (YYYY-MM-DD HH:MM, empty: until lifted)")),
    ]


def warning_from(values: dict[str, Any], incident_no: str | None, is_drill: bool = False) -> WarningIn:
    from model.schemas import WarningIn

    expires = parse_time(values["expires"]) if values.get("expires") else None
    return WarningIn(colour=values["colour"], type=values["type"], area=values["area"], text_zh=values["text_zh"],
                     text_en=values.get("text_en") or "", expires_at=expires, incident_no=incident_no,
                     is_drill=is_drill)


class DeskController(Controller):
    """The desk's keys that belong to no one incident: the shift, the warnings, the shift report."""

    KEYS = (
        Key("h", "shift", "desk", N_("Shift start / handover")),
        Key("w", "warnings", "desk", N_("Warnings")),
        Key("ctrl+r", "shift_report", "desk", N_("Shift report")),
        Key("t", "statistics", "desk", N_("Statistics and assessment")),
    )

    def shift(self) -> None:
        from model.desk_reads import current_shift

        self.fetch(current_shift, self._shift_form)

    def _shift_form(self, current: ShiftRow | None) -> None:
        patterns = tuple((p.name, f"{p.name} {p.start}–{p.end}") for p in load_config().shift_patterns)
        if current is None:
            key, title = "shift-start", _("Start the shift (接班)")
            fields = [FormField("name", _("Shift"), "choice", required=True, choices=patterns),
                      FormField("officers", _("Officers on duty (comma-separated)"), required=True,
                                value=self.desk.operator)]

            def start(values: dict[str, Any]) -> None:
                self.record(_("shift started"), actions.start_shift, name=values["name"],
                            officers=[name.strip() for name in values["officers"].replace("，", ",").split(",")],
                            draft_key=key, retry=self.retry_form(title, fields, key, start),
                            then=lambda _echo: self.screen.seat.check())

            self.ask(title, fields, key, start)
            return
        key, title = "handover", _("Hand over shift {name} (交接班)").format(name=current.name)
        fields = [FormField("notes", _("Handover notes"), required=True),
                  FormField("handed_to", _("Officer taking over"), required=True),
                  FormField("next_name", _("Next shift"), "choice", choices=patterns),
                  FormField("next_officers", _("Next shift's officers (comma-separated)"))]

        def hand_over(values: dict[str, Any]) -> None:
            officers = [name.strip() for name in (values["next_officers"] or "").replace("，", ",").split(",")
                        if name.strip()]
            self.record(_("shift handed over"), actions.hand_over_shift, notes=values["notes"],
                        handed_to=values["handed_to"], next_name=values["next_name"],
                        next_officers=officers or None, draft_key=key,
                        retry=self.retry_form(title, fields, key, hand_over),
                        then=lambda _echo: self.screen.seat.check(prompt=False))

        self.ask(title, fields, key, hand_over)

    def shift_report(self) -> None:
        """Write the current shift's report (PDF) in a worker and say where it went."""
        self.notify(_("writing the shift report…"), timeout=3)
        self.screen.background(self._write_shift_report, self._reported, group="report")

    def _write_shift_report(self) -> tuple[bool, str]:
        from console.reports import write_shift_report

        assert self.desk.engine is not None
        try:
            path = write_shift_report(self.desk.engine, lang=labels.language())
        except LinkdeskError as error:
            return False, str(error)
        return True, _("shift report written to {path}").format(path=path)

    def _reported(self, outcome: tuple[bool, str]) -> None:
        written, words = outcome
        if written:
            self.notify(shown(words), title=_("Shift report"), timeout=30)
        else:
            self.notify(shown(words, lines=True), title=_("No report"), severity="error", timeout=15)

    def statistics(self) -> None:
        """The month's assessment per unit and per officer, with charts (console/screens/statistics.py)."""
        from console.screens.statistics import StatisticsScreen

        self.app.push_screen(StatisticsScreen(self.desk))

    def warnings(self) -> None:
        """The warnings view: in force first; Enter on one updates or lifts it, Ctrl+S issues a new one."""
        from model.desk_reads import warning_rows

        self.fetch(warning_rows, self._show_warnings, clock.now())

    def _show_warnings(self, rows: list[WarningRow]) -> None:
        listing = [(str(row.id), [str(row.id), labels.configured("warning_colours", row.colour), shown(row.type),
                                  shown(row.area), labels.warning_status(row.status), show(row.expires_at),
                                  shown(row.text_zh)]) for row in rows]
        columns = [_("Id"), _("Level"), _("Type"), _("Area"), _("Status"), _("Expires"), _("Text")]
        self.app.push_screen(ListingScreen(_("Warnings (预警)"), columns, listing, confirm_key="new",
                                           hint=_("Enter: update or lift · Ctrl+S: issue a new warning · Esc: back")),
                             lambda key: self.warning_form(None, None, None) if key == "new"
                             else self._warning_chosen(next(row for row in rows if str(row.id) == key)) if key
                             else None)

    def _warning_chosen(self, row: WarningRow) -> None:
        options = [("update", _("update it")), ("lift", _("lift it (解除)"))]

        def chosen(answer: str | None) -> None:
            if answer == "lift":
                self.record(_("warning {id} lifted").format(id=row.id), actions.lift_warning, warning_id=row.id)
            elif answer == "update":
                self.warning_form(row.incident_no, row.colour, None, update=row)

        self.app.push_screen(ChooseScreen(_("Warning {id}: {area}").format(id=row.id, area=shown(row.area)), options),
                             chosen)

    def warning_form(self, incident_no: str | None, colour: str | None, step_id: str | None,
                     update: WarningRow | None = None) -> None:
        """Issue a warning (prefilled with a plan step's colour), or update one with its current fields."""
        key = f"warning:{update.id if update else incident_no}"
        title = _("Update warning {id}").format(id=update.id) if update else _("Issue a warning (发布预警)")
        fields = warning_fields(colour)
        if update is not None and key not in self.drafts:
            self.drafts[key] = {"colour": update.colour, "type": update.type, "area": update.area,
                                "text_zh": update.text_zh, "text_en": update.text_en,
                                "expires": show(update.expires_at)}

        def save(values: dict[str, Any]) -> None:
            from pydantic import ValidationError

            from model.schemas import describe_invalid

            try:
                notice = warning_from(values, incident_no, update.is_drill if update is not None else False)
            except ValidationError as error:
                self.ask(title, fields, key, save, error=describe_invalid(error, _("warning")))
                return
            except DomainError as error:
                self.ask(title, fields, key, save, error=str(error))
                return
            if update is not None:
                self.record(_("warning {id} updated").format(id=update.id), actions.update_warning,
                            warning_id=update.id, warning=notice, draft_key=key,
                            retry=self.retry_form(title, fields, key, save))
                return
            self.record(_("warning issued"), actions.issue_warning, warning=notice, draft_key=key,
                        step_id=step_id if incident_no else None, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)
