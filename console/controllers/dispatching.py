"""Orders to the linkage units: dispatch resources (`d` or a dispatch step), notify units, call experts.

Each order is recorded by the action that does it, with the step it serves, so the ledger holds
who was sent, notified or called, and the step settles in the same entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from console import labels
from console.controllers.base import Controller, Key
from console.display import plain
from console.screens.dispatch import DispatchChoice, DispatchScreen, Suggested
from console.screens.ticks import TickRow, TickScreen
from model import actions
from model.text import N_, NC_, _, language, translate

if TYPE_CHECKING:
    from model.checklist import StepView
    from model.desk_reads import ExpertContact, UnitContact
    from model.dispatching import DispatchChoices, RecommendedResource

EXPERT_FIELDS = {
    "chemical": NC_("expert field", "chemical"),
    "environment": NC_("expert field", "environment"),
    "fire": NC_("expert field", "fire"),
    "hydrology": NC_("expert field", "hydrology"),
    "medical": NC_("expert field", "medical"),
    "power": NC_("expert field", "power"),
    "psychology": NC_("expert field", "psychology"),
    "public_health": NC_("expert field", "public health"),
    "seismology": NC_("expert field", "seismology"),
    "structural": NC_("expert field", "structural"),
    "traffic": NC_("expert field", "traffic"),
}
"""Expert fields by name; a field the list does not know is shown as written in the expert roster."""


def dispatch_choice(found: DispatchChoices) -> DispatchChoice:
    """The model's recommendation (for one step's wants, or what the plan still wants), in the dialog's words."""
    recommended = [Suggested(item.resource, why_words(item)) for item in found.recommended]
    return DispatchChoice(recommended, found.others, found.said, "\n".join(found.units_wanted))


def why_words(item: RecommendedResource) -> str:
    """"2.3 km away · available · for “Dispatch fire and rescue …”" — why the resource is preselected."""
    near = (_("{km:.1f} km away").format(km=item.distance_km) if item.distance_km is not None
            else _("distance unknown"))
    parts = [near, labels.resource_status(item.resource.status)]
    if item.step_title:
        parts.append(_("for {step}").format(step=_("“{title}”").format(title=item.step_title)))
    return " · ".join(parts)


class DispatchController(Controller):
    """Orders to the units: `d`, and the dispatch, notify and experts steps of a plan."""

    KEYS = (Key("d", "dispatch_selected", "incident", N_("Dispatch"), footer=True),)

    def dispatch_selected(self) -> None:
        if incident_no := self.need_incident():
            self.dispatch(incident_no, None, None)

    def dispatch(self, incident_no: str, wanted: dict[str, int] | None, step: StepView | None) -> None:
        """Recommended resources first (for the step's wants, or for the incident's type and level)."""
        step_id = step.step_id if step is not None else None

        def show(found: DispatchChoices) -> None:
            title = _("Dispatch to {no} (调派)").format(no=incident_no)
            if step is not None:
                title += f" · {step.title}"
            self.app.push_screen(DispatchScreen(title, dispatch_choice(found)), lambda codes: self._order(
                incident_no, codes, step_id) if codes else None)

        from model.dispatching import dispatch_choices

        self.fetch(dispatch_choices, show, incident_no, wanted, step_id)

    def _order(self, incident_no: str, codes: list[str], step_id: str | None) -> None:
        """Dispatch one after another; a refusal stops the chain. The last one that meets the step settles it."""
        if not codes:
            return
        code, rest = codes[0], codes[1:]
        self.record(_("{code} dispatched to {no}").format(code=code, no=incident_no), actions.dispatch_resource,
                    incident_no=incident_no, resource_code=code, step_id=step_id,
                    then=lambda _echo: self._order(incident_no, rest, step_id))

    def notify_units(self, incident_no: str, step: StepView) -> None:
        """The duty phones of the units the step names; the officer unticks any not reached, and saves once."""
        from model.desk_reads import units_of_kinds

        kinds = list(step.effects["notify"])

        def show(units: list[UnitContact]) -> None:
            ticks = [TickRow(unit.code, [plain(unit.name), Text(labels.configured("unit_kinds", unit.kind)),
                                         plain(unit.duty_phone), plain(unit.contact)], ticked=True) for unit in units]
            self.app.push_screen(TickScreen(
                _("Notify: {step}").format(step=step.title), [_("Unit"), _("Kind"), _("Duty phone"), _("Contact")],
                ticks,
                _("Call each duty office · Space: untick one not reached · Ctrl+S: record the notified · Esc: back")),
                lambda codes: self.record(_("{count} units notified").format(count=len(codes)), actions.notify_units,
                                          incident_no=incident_no, unit_codes=codes, step_id=step.step_id)
                if codes else None)

        self.fetch(units_of_kinds, show, kinds)

    def call_experts(self, incident_no: str, step: StepView) -> None:
        """The experts of the fields the step names; the officer unticks any not reached, and saves once."""
        from model.desk_reads import experts_of_fields

        fields = list(step.effects["experts"])

        def show(experts: list[ExpertContact]) -> None:
            ticks = [TickRow(str(expert.id),
                             [plain(expert.name),
                              Text(translate(EXPERT_FIELDS[expert.field], language())
                                   if expert.field in EXPERT_FIELDS else plain(expert.field)),
                              plain(expert.phone), plain(expert.title)], ticked=True)
                     for expert in experts]
            self.app.push_screen(TickScreen(
                _("Experts: {step}").format(step=step.title), [_("Expert"), _("Field"), _("Phone"), _("Title")],
                ticks, _("Call each expert · Space: untick one not reached · Ctrl+S: record the called · Esc: back")),
                lambda ids: self.record(_("{count} experts called").format(count=len(ids)), actions.call_experts,
                                        incident_no=incident_no, expert_ids=[int(value) for value in ids],
                                        step_id=step.step_id) if ids else None)

        self.fetch(experts_of_fields, show, fields)
