"""The closing checklist on one screen: the officer ticks what the ledger cannot decide, and saves once.

Items the ledger decides (command post closed, final report sent, every unit withdrawn) tick
themselves when that work is recorded; here they show ticked with the entry that settled them,
or say what will tick them. The approval to end is recorded with `p`, not ticked.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from console import labels
from console.display import plain
from console.flows.base import FlowBase
from console.screens.ticks import TickRow, TickScreen
from model import actions
from model.text import N_, _
from model.timefmt import TIME, show

LEDGER_DECIDED = {
    "command_post_closed": N_("ticks itself when the post is closed (c), or at the end if none opened"),
    "final_report_sent": N_("ticks itself when the final report is sent (u)"),
    "units_withdrawn": N_("ticks itself when every unit has withdrawn"),
}
"""Closing items the ledger settles, and what the officer does to settle them."""


def closing_row(step: Any, settled_by: str) -> TickRow:
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


class ClosingFlows(FlowBase):
    def closing_checklist(self, incident_no: str) -> None:
        """Open the closing checklist; one save ticks every item ticked on it in one ledger entry."""
        from console.panes import PlanPane

        pane = self.query_one(PlanPane)
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
