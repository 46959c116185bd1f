"""Plan workflows: activate the plan, and work a step by what it does (dispatch, notify, approve, …)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console import labels
from console.flows.base import FlowBase
from console.screens.choose import ChooseScreen
from console.screens.dispatch import DispatchScreen
from console.screens.form import FormField
from console.screens.listing import ListingScreen
from model import actions
from model.text import N_, _, pick

if TYPE_CHECKING:
    from model.queries import ResourceRow

APPROVAL_CHANNELS = (("phone", N_("phone")), ("fax", N_("fax")), ("document", N_("document")),
                     ("in_person", N_("in person")), ("message", N_("text message")))
UPWARD_KINDS = (("initial", N_("initial report")), ("follow_up", N_("follow-up report")), ("final", N_("final report")))


def translated(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Choices declared as catalog messages, in the desk's language."""
    return tuple((code, _(title)) for code, title in choices)


def _dispatch_choices(session: Any, incident_no: str, wanted: dict[str, int]) -> tuple[list[ResourceRow], list[str], str]:
    """Available resources, the recommended ones for each wanted type, and the shortfall in words."""
    from model.queries import roster_rows
    from model.recommend import recommend

    rows = [row for row in roster_rows(session) if row.status == "available"]
    preselected: list[str] = []
    short: list[str] = []
    for resource_type, count in wanted.items():
        found = recommend(session, incident_no, resource_type, count)
        preselected += [resource.code for resource in found.resources]
        if found.shortfall:
            short.append(f"{labels.configured('resource_types', resource_type)} ×{found.shortfall}")
    first = {code: index for index, code in enumerate(preselected)}
    rows.sort(key=lambda row: (row.code not in first, first.get(row.code, 0), row.tier, row.code))
    note = _("not enough available: {what}").format(what=", ".join(short)) if short else ""
    return rows, preselected, note


class StepFlows(FlowBase):
    def action_activate_plan(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        from model.plans import plan_for_type

        row = next((r for r in self.incident_rows() if r.no == incident_no), None)
        if row is None or not self.desk.plans:
            self.notify(_("no plans are loaded"), severity="error")
            return
        proposed = plan_for_type(self.desk.plans, row.type)
        ordered = [proposed] + [plan for plan in self.desk.plans if plan.id != proposed.id]
        options = [(plan.id, f"{pick(plan.title_zh, plan.title_en)} ({plan.id} v{plan.version})") for plan in ordered]

        def chosen(plan_id: str | None) -> None:
            plan = next((p for p in self.desk.plans if p.id == plan_id), None)
            if plan is not None:
                self.record(_("plan {plan} activated for {no}").format(plan=plan.id, no=incident_no),
                            actions.activate_plan, incident_no=incident_no, plan=plan)

        self.app.push_screen(ChooseScreen(_("Activate a plan for {no} (启动预案)").format(no=incident_no), options,
                                          note=_("proposed for this type: {title}").format(title=pick(proposed.title_zh, proposed.title_en))),
                             chosen)

    def work_step(self, incident_no: str, step: Any) -> None:
        """Open what the step does; a step with nothing to open asks whether it is done."""
        effects: dict[str, Any] = step.effects or {}
        if step.state in ("done", "skipped"):
            self.notify(_("step {step} is already {state}").format(step=step.step_id, state=labels.step_state(step.state)))
            return
        if step.state == "blocked" and step.approval_by:
            self.approval_form(incident_no, step.step_id, step.approval_by)
            return
        if step.state == "blocked":
            self.notify(_("step {step} is blocked: {reason}").format(step=step.step_id, reason=step.reason),
                        severity="warning")
            return
        if effects.get("dispatch"):
            self.dispatch(incident_no, dict(effects["dispatch"]), step.step_id)
        elif effects.get("notify"):
            self.notify_units(incident_no, step)
        elif effects.get("experts"):
            self.call_experts(incident_no, step)
        elif effects.get("command_post"):
            self.command_post_form(incident_no, step.step_id)
        elif effects.get("report"):
            self.upward_form(incident_no, effects["report"], step.step_id)
        elif effects.get("warning"):
            self.warning_form(incident_no, effects["warning"], step.step_id)
        else:
            self.confirm_done(incident_no, step)

    def confirm_done(self, incident_no: str, step: Any) -> None:
        options = [("done", _("done")), ("skip", _("skip it (with a reason)"))]
        self.app.push_screen(ChooseScreen(step.text, options, note=_("responsible: {who}").format(
            who=labels.configured("unit_kinds", step.responsible) or step.responsible)), lambda answer: (
            self.mark_done(incident_no, step.step_id) if answer == "done"
            else self.skip_step(incident_no, step.step_id) if answer == "skip" else None))

    def skip_step(self, incident_no: str, step_id: str) -> None:
        key = f"skip:{incident_no}:{step_id}"
        title = _("Skip step {step}").format(step=step_id)
        fields = [FormField("reason", _("Why is it skipped?"), required=True)]

        def save(values: dict[str, Any]) -> None:
            self.record(_("step {step} skipped").format(step=step_id), actions.record_step_state,
                        incident_no=incident_no, step_id=step_id, state="skipped", reason=values["reason"],
                        draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def action_dispatch(self) -> None:
        if incident_no := self.need_incident():
            self.dispatch(incident_no, {}, None)

    def dispatch(self, incident_no: str, wanted: dict[str, int], step_id: str | None) -> None:
        def show(found: tuple[list[ResourceRow], list[str], str]) -> None:
            rows, preselected, note = found
            title = _("Dispatch to {no} (调派)").format(no=incident_no)
            self.app.push_screen(DispatchScreen(title, rows, preselected, note), lambda codes: self._order(
                incident_no, codes, step_id) if codes else None)

        self.fetch(lambda session: _dispatch_choices(session, incident_no, wanted), show)

    def _order(self, incident_no: str, codes: list[str], step_id: str | None) -> None:
        """Dispatch one after another, then close the step; a refusal stops the chain and leaves it open."""
        if not codes:
            return
        code, rest = codes[0], codes[1:]
        self.record(_("{code} dispatched to {no}").format(code=code, no=incident_no), actions.dispatch_resource,
                    incident_no=incident_no, resource_code=code, step_id=step_id,
                    then=lambda _assignment: self._order(incident_no, rest, step_id))

    def notify_units(self, incident_no: str, step: Any) -> None:
        from sqlalchemy import select

        from model.tables import Unit

        kinds = list(step.effects["notify"])
        rows = lambda session: session.execute(select(Unit).where(Unit.kind.in_(kinds)).order_by(Unit.tier)).scalars().all()  # noqa: E731
        self.fetch(rows, lambda units: self.app.push_screen(ListingScreen(
            _("Notify for step {step}: {text}").format(step=step.step_id, text=step.text),
            [_("Unit"), _("Kind"), _("Duty phone"), _("Contact")],
            [(unit.code, [unit.name, labels.configured("unit_kinds", unit.kind), unit.duty_phone, unit.contact])
             for unit in units],
            hint=_("Call each duty office, then Ctrl+S: all notified · Esc: back"), confirm_key="done"),
            lambda answer: self.mark_done(incident_no, step.step_id) if answer == "done" else None))

    def call_experts(self, incident_no: str, step: Any) -> None:
        from sqlalchemy import select

        from model.tables import Expert

        fields = list(step.effects["experts"])
        rows = lambda session: session.execute(select(Expert).where(Expert.field.in_(fields))).scalars().all()  # noqa: E731
        self.fetch(rows, lambda experts: self.app.push_screen(ListingScreen(
            _("Experts for step {step}").format(step=step.step_id), [_("Expert"), _("Field"), _("Phone"), _("Title")],
            [(str(expert.id), [expert.name, expert.field, expert.phone, expert.title]) for expert in experts],
            hint=_("Call them, then Ctrl+S: called · Esc: back"), confirm_key="done"),
            lambda answer: self.mark_done(incident_no, step.step_id) if answer == "done" else None))

    def action_approval(self) -> None:
        if incident_no := self.need_incident():
            step = self.selected_step()
            waiting = step if step is not None and step.approval_by and step.state == "blocked" else None
            self.approval_form(incident_no, waiting.step_id if waiting else None,
                               waiting.approval_by if waiting else "")

    def approval_form(self, incident_no: str, step_id: str | None, authority: str) -> None:
        key = f"approval:{incident_no}:{step_id}"
        title = _("Approval (审批) for {no}").format(no=incident_no) + (f" · {step_id}" if step_id else "")
        fields = [FormField("authority", _("Authority"), required=True, value=authority or None),
                  FormField("approved_by", _("Who decided"), required=True),
                  FormField("channel", _("Channel"), "choice", required=True, value="phone", choices=translated(APPROVAL_CHANNELS)),
                  FormField("decision", _("Decision"), "choice", required=True, value="approved",
                            choices=(("approved", _("approved 同意")), ("refused", _("refused 不同意")))),
                  FormField("note", _("Note"))]

        def save(values: dict[str, Any]) -> None:
            self.record(_("approval recorded"), actions.record_approval, incident_no=incident_no, step_id=step_id,
                        authority=values["authority"], approved_by=values["approved_by"],
                        channel=values["channel"], decision=values["decision"], note=values["note"],
                        draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def action_command_post(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        options = [("open", _("open a command post")), ("close", _("close the open command post"))]
        self.app.push_screen(ChooseScreen(_("On-site command post (现场指挥部)"), options), lambda answer: (
            self.command_post_form(incident_no, None) if answer == "open" else
            self.record(_("command post closed"), actions.close_command_post, incident_no=incident_no)
            if answer == "close" else None))

    def command_post_form(self, incident_no: str, step_id: str | None) -> None:
        key = f"post:{incident_no}"
        title = _("Open the on-site command post for {no}").format(no=incident_no)
        fields = [FormField("commander", _("Commander"), required=True),
                  FormField("location", _("Location"), required=True), FormField("phone", _("Phone"))]

        def save(values: dict[str, Any]) -> None:
            self.record(_("command post opened"), actions.open_command_post, incident_no=incident_no,
                        commander=values["commander"], location=values["location"], phone=values["phone"],
                        step_id=step_id, draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def action_upward(self) -> None:
        if incident_no := self.need_incident():
            self.upward_form(incident_no, "initial", None)

    def upward_form(self, incident_no: str, kind: str, step_id: str | None) -> None:
        key = f"upward:{incident_no}"
        title = _("Report upward (信息报告) for {no}").format(no=incident_no)
        fields = [FormField("kind", _("Kind"), "choice", required=True, value=kind.replace("-", "_"), choices=translated(UPWARD_KINDS)),
                  FormField("recipient", _("To"), required=True, value="区政府总值班室"),
                  FormField("channel", _("Channel"), "choice", required=True, value="phone", choices=translated(APPROVAL_CHANNELS)),
                  FormField("text", _("What was reported"), required=True)]

        def save(values: dict[str, Any]) -> None:
            self.record(_("upward report recorded"), actions.report_upward, incident_no=incident_no,
                        kind=values["kind"], recipient=values["recipient"], channel=values["channel"],
                        text=values["text"], step_id=step_id, draft_key=key, retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save)

    def action_skip_step(self) -> None:
        incident_no = self.need_incident()
        step = self.selected_step()
        if incident_no and step is not None:
            self.skip_step(incident_no, step.step_id)
