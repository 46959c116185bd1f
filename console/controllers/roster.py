"""Roster moves (the roster pane's keys): a resource's status, and the correction of this desk's last move."""

from __future__ import annotations

from typing import Any

from console import labels
from console.controllers.base import Controller
from console.display import shown
from console.panes import UnitRoster
from console.screens.form import FormField
from model import actions
from model.text import _


def move_summary(resource: str, status: str, incident_no: str | None) -> str:
    """The line that confirms a roster move: which resource, where it went, for which incident."""
    if incident_no is None:
        return _("{resource} → {status} (Ctrl+Z corrects it)").format(
            resource=resource, status=labels.resource_status(status))
    return _("{resource} → {status} · incident {no} (Ctrl+Z corrects it)").format(
        resource=resource, status=labels.resource_status(status), no=incident_no)


class RosterController(Controller):
    """Answers the roster pane's requests (its keys post them): record the move, or correct the last one."""

    def status(self, event: UnitRoster.StatusRequested) -> None:
        code, status = event.resource_code, event.status
        resource = f"{event.resource_name} {code}"
        summary = move_summary(resource, status, event.incident_no)
        if status != "out_of_service":
            self.record(summary, actions.set_resource_status, resource_code=code, status=status)
            return
        key = f"out:{code}"
        title = _("Take {resource} out of service (停用)").format(resource=resource)
        fields = [FormField("reason", _("Why?"), required=True)]

        def save(values: dict[str, Any]) -> None:
            self.record(summary, actions.set_resource_status, resource_code=code, status=status,
                        reason=values["reason"], draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def correct(self, event: UnitRoster.CorrectionRequested) -> None:
        code, resource = event.resource_code, f"{event.resource_name} {event.resource_code}"

        def correct(seq: int | None) -> None:
            if seq is None:
                self.notify(shown(_("{resource}: no move of yours to correct").format(resource=resource)),
                            severity="warning", markup=False)
                return
            self.record(_("{resource}: last move corrected (the correction is a new entry; the move stays on record)")
                        .format(resource=resource), actions.correct_resource_status, seq=seq)

        from model.desk_reads import last_move

        self.fetch(last_move, correct, code, self.desk.operator)
