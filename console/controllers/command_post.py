"""`c`: the on-site command post (现场指挥部) — open it with its commander and place, or close it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from console.controllers.base import Controller, Key
from console.screens.choose import ChooseScreen
from console.screens.form import FormField
from model import actions
from model.text import N_, _

if TYPE_CHECKING:
    from model.checklist import StepView


class CommandPostController(Controller):
    """Opens and closes the command post; a command-post step opens the same form."""

    KEYS = (Key("c", "command_post", "incident", N_("Command post")),)

    def command_post(self) -> None:
        incident_no = self.need_incident()
        if incident_no is None:
            return
        options = [("open", _("open a command post")), ("close", _("close the open command post"))]
        self.app.push_screen(ChooseScreen(_("On-site command post (现场指挥部)"), options), lambda answer: (
            self.form(incident_no, None) if answer == "open" else
            self.record(_("command post closed"), actions.close_command_post, incident_no=incident_no)
            if answer == "close" else None))

    def form(self, incident_no: str, step: StepView | None) -> None:
        key = f"post:{incident_no}"
        title = _("Open the on-site command post for {no}").format(no=incident_no)
        fields = [FormField("commander", _("Commander"), required=True),
                  FormField("location", _("Location"), required=True), FormField("phone", _("Phone"))]

        def save(values: dict[str, Any]) -> None:
            self.record(_("command post opened"), actions.open_command_post, incident_no=incident_no,
                        commander=values["commander"], location=values["location"], phone=values["phone"],
                        step_id=step.step_id if step is not None else None, draft_key=key,
                        retry=self.retry_form(title, fields, key, save))

        self.ask(title, fields, key, save, note=step.title if step is not None else "")
