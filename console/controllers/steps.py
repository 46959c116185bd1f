"""The plan pane's workflows: activate the plan, and work a step by what it does (dispatch, notify, approve, …).

Every dialog and message names a step by its title. The action that does a step's work settles
the step in the same ledger entry (`model.fulfilment`), so nothing here marks a step done after
the work; a step whose work is recorded shows done, and working it records nothing twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console import labels
from console.controllers.base import Controller, Key
from console.controllers.upward import APPROVAL_CHANNELS, translated
from console.display import plain
from console.screens.choose import ChooseScreen
from console.screens.form import FormField
from model import actions
from model.text import N_, _, pick

if TYPE_CHECKING:
    from model.checklist import StepView


def quoted(title: str) -> str:
    """A step's title inside a sentence, marked off as the desk's language does."""
    return _("“{title}”").format(title=title)


class StepsController(Controller):
    """The plan and its steps: activation, working a step, approvals and skips."""

    KEYS = (
        Key("a", "activate_plan", "plan", N_("Activate plan"), footer=True),
        Key("p", "approval", "plan", N_("Approval")),
        Key("k", "skip_selected", "plan", N_("Skip step")),
    )

    def activate_plan(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        from model.plans import plan_for_type

        if not self.desk.plans_ready:
            self.notify(_("the plans are still loading; try again in a moment"), severity="warning")
            return
        row = next((r for r in self.incident_rows() if r.no == incident_no), None)
        if row is None or not self.desk.plans:
            self.notify(_("no plans are loaded"), severity="error")
            return
        proposed = plan_for_type(self.desk.plans, row.type)
        ordered = [proposed] + [plan for plan in self.desk.plans if plan.id != proposed.id]
        options = [(plan.id, _("{title} (version {version})").format(title=pick(plan.title_zh, plan.title_en),
                                                                      version=plan.version)) for plan in ordered]

        def chosen(plan_id: str | None) -> None:
            plan = next((p for p in self.desk.plans if p.id == plan_id), None)
            if plan is not None:
                self.record(_("plan {plan} activated for {no}").format(plan=pick(plan.title_zh, plan.title_en),
                                                                        no=incident_no),
                            actions.activate_plan, incident_no=incident_no, plan=plan)

        note = _("proposed for this type: {title}").format(title=pick(proposed.title_zh, proposed.title_en))
        self.app.push_screen(ChooseScreen(_("Activate a plan for {no} (启动预案)").format(no=incident_no), options,
                                          note=note),
                             chosen)

    def work_step(self, incident_no: str, step: StepView | None, closing: bool = False) -> None:
        """Open what the step does; the closing checklist opens its one tick screen."""
        if step is None or (closing and not step.approval_by):
            self.screen.closing.closing_checklist(incident_no)
            return
        effects: dict[str, Any] = step.effects or {}
        title = quoted(step.title)
        if step.state in ("done", "skipped"):
            settled = self.settlement_of(step)
            self.notify(plain(_("{step} is already {state}").format(step=title, state=labels.step_state(step.state))
                              + (f" · {settled}" if settled else "")))
            return
        if step.state == "blocked" and step.approval_by:
            self.approval_form(incident_no, step)
            return
        if step.state == "blocked":
            self.notify(plain(_("{step} is blocked: {reason}").format(step=title, reason=step.reason)),
                        severity="warning")
            return
        if effects.get("dispatch"):
            self.screen.dispatching.dispatch(incident_no, dict(effects["dispatch"]), step)
        elif effects.get("notify"):
            self.screen.dispatching.notify_units(incident_no, step)
        elif effects.get("experts"):
            self.screen.dispatching.call_experts(incident_no, step)
        elif effects.get("command_post"):
            self.screen.command_post.form(incident_no, step)
        elif effects.get("report"):
            self.screen.upward.upward(incident_no, step)
        elif effects.get("warning"):
            self.screen.desk_work.warning_form(incident_no, effects["warning"], step.step_id)
        else:
            self.confirm_done(incident_no, step)

    def settlement_of(self, step: StepView) -> str:
        """The entry that settled a step, in words, as the plan pane read it."""
        return self.screen.plan.view.settlements.get(step.step_id, "")

    def confirm_done(self, incident_no: str, step: StepView) -> None:
        options = [("done", _("done")), ("skip", _("skip it (with a reason)"))]
        self.app.push_screen(ChooseScreen(step.title, options, note=_("responsible: {who}").format(
            who=labels.configured("unit_kinds", step.responsible) or step.responsible)), lambda answer: (
            self.mark_step_done(incident_no, step) if answer == "done"
            else self.skip_step(incident_no, step) if answer == "skip" else None))

    def mark_step_done(self, incident_no: str, step: StepView) -> None:
        """Tick a step the ledger has no other entry for (a phone call, a check on site)."""
        self.record(_("{step} done").format(step=quoted(step.title)), actions.record_step_state,
                    incident_no=incident_no, step_id=step.step_id, state="done")

    def skip_step(self, incident_no: str, step: StepView) -> None:
        key = f"skip:{incident_no}:{step.step_id}"
        title = _("Skip {step}").format(step=quoted(step.title))
        fields = [FormField("reason", _("Why is it skipped?"), required=True)]

        def save(values: dict[str, Any]) -> None:
            self.record(_("{step} skipped").format(step=quoted(step.title)), actions.record_step_state,
                        incident_no=incident_no, step_id=step.step_id, state="skipped", reason=values["reason"],
                        draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def approval(self) -> None:
        if incident_no := self.need_incident():
            step = self.selected_step()
            waiting = step if step is not None and step.approval_by and step.state == "blocked" else None
            self.approval_form(incident_no, waiting)

    def approval_form(self, incident_no: str, step: StepView | None) -> None:
        step_id = step.step_id if step is not None else None
        key = f"approval:{incident_no}:{step_id}"
        title = _("Approval (审批) for {no}").format(no=incident_no) + (f" · {step.title}" if step is not None else "")
        fields = [FormField("authority", _("Authority"), required=True, value=step.approval_by if step else None),
                  FormField("approved_by", _("Who decided"), required=True),
                  FormField("channel", _("Channel"), "choice", required=True, value="phone",
                            choices=translated(APPROVAL_CHANNELS)),
                  FormField("decision", _("Decision"), "choice", required=True, value="approved",
                            choices=(("approved", _("approved 同意")), ("refused", _("refused 不同意")))),
                  FormField("note", _("Note"))]

        def save(values: dict[str, Any]) -> None:
            self.record(_("approval recorded"), actions.record_approval, incident_no=incident_no, step_id=step_id,
                        authority=values["authority"], approved_by=values["approved_by"],
                        channel=values["channel"], decision=values["decision"], note=values["note"],
                        draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def skip_selected(self) -> None:
        incident_no = self.need_incident()
        step = self.selected_step()
        if incident_no and step is not None:
            self.skip_step(incident_no, step)
