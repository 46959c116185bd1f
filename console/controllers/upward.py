"""`u`: report upward (信息报送) — the next report in sequence, drafted from the record, edited, recorded once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console.controllers.base import Controller, Key
from console.screens.upward import UpwardProposal, UpwardScreen
from model import actions, clock
from model.state_names import SENDING_CHANNELS
from model.text import N_, _
from model.timefmt import TIME, show

if TYPE_CHECKING:
    from model.checklist import StepView
    from model.upward import UpwardDue, UpwardRead

APPROVAL_CHANNELS = tuple(SENDING_CHANNELS.items())
UPWARD_KINDS = (("initial", N_("initial report")), ("follow_up", N_("follow-up report")), ("final", N_("final report")))
def translated(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Choices declared as catalog messages, in the desk's language."""
    return tuple((code, _(title)) for code, title in choices)


def due_heading(due: UpwardDue) -> str:
    """"Next: 续报一, due 10:30 (12m left)" — the report proposed and when it is due."""
    from console.panes.plan_pane import duration

    if due.due_at is None:
        return _("Next: {title}").format(title=due.title)
    span = duration(abs((due.due_at - clock.now()).total_seconds()))
    late = due.overdue or due.due_at < clock.now()
    words = _("{span} overdue") if late else _("{span} left")
    heading = _("Next: {title}, due {time} ({when})").format(title=due.title, time=show(due.due_at, TIME),
                                                             when=words.format(span=span))
    if due.written_due_at is not None:
        heading += _("; in writing by {time}").format(time=show(due.written_due_at, TIME))
    return heading


class UpwardController(Controller):
    """`u` and the report steps of a plan: the report due next, drafted from the record."""

    KEYS = (Key("u", "report_upward", "incident", N_("Report upward")),)

    def report_upward(self) -> None:
        if incident_no := self.need_incident():
            self.upward(incident_no, None)

    def upward(self, incident_no: str, step: StepView | None) -> None:
        """Propose the next report with its draft; the report settles the step that asks for it."""

        def show_proposal(found: UpwardRead) -> None:
            if found.due is None:
                self.notify(_("the final report has been sent: no report is due for {no}").format(no=incident_no))
                return
            proposal = UpwardProposal(kind=found.due.kind, heading=due_heading(found.due), text=found.text,
                                      recipient=found.recipient, channel=found.channel)
            self.open_upward(incident_no, proposal, step)

        from model.upward import upward_read

        self.fetch(upward_read, show_proposal, incident_no, clock.now())

    def open_upward(self, incident_no: str, proposal: UpwardProposal, step: StepView | None, error: str = "") -> None:
        key = f"upward:{incident_no}"
        title = _("Report upward (信息报告) for {no}").format(no=incident_no)
        if step is not None:
            title += f" · {step.title}"

        def save(values: dict[str, Any] | None) -> None:
            if values is None:
                return
            self.record(_("{kind} recorded").format(kind=dict(translated(UPWARD_KINDS))[values["kind"]]),
                        actions.report_upward, incident_no=incident_no, kind=values["kind"],
                        recipient=values["recipient"], channel=values["channel"], text=values["text"],
                        step_id=step.step_id if step is not None else None, draft_key=key,
                        retry=lambda reason: self.open_upward(incident_no, proposal, step, reason))

        self.app.push_screen(UpwardScreen(title, proposal, translated(UPWARD_KINDS), translated(APPROVAL_CHANNELS),
                                          self.drafts, key, error), save)
