"""Closing an incident: the closing checklist on one screen, the end (`e`) and the close (`z`).

The officer ticks on the checklist what the ledger cannot decide, and saves once.

Items the ledger decides (command post closed, final report sent, every unit withdrawn) tick
themselves when that work is recorded; here they show ticked with the entry that settled them,
or say what will tick them. The approval to end is recorded with `p`, not ticked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from console import labels
from console.controllers.base import Controller, Key
from console.display import plain
from console.screens.choose import ChooseScreen
from console.screens.form import FormField
from console.screens.ticks import TickRow, TickScreen
from model import actions
from model.text import N_, _
from model.timefmt import TIME, show

if TYPE_CHECKING:
    from model.checklist import StepView

LEDGER_DECIDED = {
    "command_post_closed": N_("ticks itself when the post is closed (c), or at the end if none opened"),
    "final_report_sent": N_("ticks itself when the final report is sent (u)"),
    "units_withdrawn": N_("ticks itself when every unit has withdrawn"),
}
"""Closing items the ledger settles, and what the officer does to settle them."""


def closing_row(step: StepView, settled_by: str) -> TickRow:
    """One closing item: settled (ticked, with its entry), decided by the ledger (locked), or the officer's."""
    if step.state in ("done", "skipped"):
        words = " ".join(part for part in (labels.step_state(step.state), show(step.completed_at, TIME),
                                           step.completed_by) if part)
        if settled_by:
            words += f" · {settled_by}"
        return TickRow(step.step_id, [plain(step.title), plain(words, style="green")], ticked=True, locked=True)
    if step.kind in LEDGER_DECIDED:
        return TickRow(step.step_id, [plain(step.title), Text(_(LEDGER_DECIDED[step.kind]), style="grey50")],
                       locked=True)
    return TickRow(step.step_id, [plain(step.title), Text(labels.step_state("pending"))])


class ClosingController(Controller):
    """The end of an incident's handling: the closing checklist, the end and the archive."""

    KEYS = (
        Key("e", "end", "incident", N_("End"), footer=True),
        Key("z", "close", "incident", N_("Close (archive)")),
    )

    def closing_checklist(self, incident_no: str) -> None:
        """Open the closing checklist; one save ticks every item ticked on it in one ledger entry."""
        pane = self.screen.plan
        items = [step for step in pane.steps if step.section == "closing" and not step.approval_by]
        if not items:
            self.notify(_("the plan is not activated: there is no closing checklist yet"), severity="warning")
            return
        rows = [closing_row(step, pane.view.settlements.get(step.step_id, "")) for step in items]
        open_items = sum(1 for row in rows if not row.locked)
        title = _("Closing checklist (应急结束条件) for {no}").format(no=incident_no)
        note = _("{open} of {all} items are yours to tick; the others are settled by the ledger").format(
            open=open_items, all=len(rows))
        hint = _("Space: tick · Ctrl+S: save the ticked items · Esc: back")
        self.app.push_screen(TickScreen(title, [_("Item"), _("Settled")], rows, hint, note),
                             lambda ticked: self._tick(incident_no, ticked) if ticked else None)

    def _tick(self, incident_no: str, step_ids: list[str]) -> None:
        self.record(_("{count} closing items ticked").format(count=len(step_ids)), actions.tick_closing,
                    incident_no=incident_no, step_ids=step_ids)

    def end(self) -> None:
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

    def close(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        options = [("yes", _("yes, close and archive {no}").format(no=incident_no)), ("no", _("no, keep it open"))]
        self.app.push_screen(ChooseScreen(_("Close {no} (已归档)?").format(no=incident_no), options), lambda answer: (
            self.record(_("{no} closed").format(no=incident_no), actions.close_incident, incident_no=incident_no)
            if answer == "yes" else None))
