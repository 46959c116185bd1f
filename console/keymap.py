"""The keyboard map: one list shown by the help screen (F1 or ?) and copied into the README."""

from __future__ import annotations

from model.text import _

KEYMAP: list[tuple[str, list[tuple[str, str]]]] = [
    (_("Anywhere"), [
        ("F1 / ?", _("this keyboard map")),
        ("Ctrl+P", _("command palette: every action by name")),
        ("Tab / Shift+Tab", _("next / previous pane")),
        ("Esc", _("back out of a form or screen (a half-typed form is kept as a draft)")),
        ("Ctrl+S", _("save the open form")),
        ("Ctrl+Q", _("quit")),
    ]),
    (_("Incidents"), [
        ("n", _("new report (intake form; offers to merge a duplicate)")),
        ("v", _("verify the selected incident")),
        ("f", _("false alarm (needs a reason)")),
        ("m", _("merge the selected incident into another open one")),
        ("g", _("grade, or regrade with a reason")),
        ("a", _("activate the plan (the plan for the type is proposed)")),
        ("d", _("dispatch resources")),
        ("o", _("add a note or unit feedback")),
        ("p", _("record an approval")),
        ("c", _("open or close the on-site command post")),
        ("u", _("report upward (initial, follow-up, final)")),
        ("e", _("end the emergency")),
        ("z", _("close (archive) the incident")),
        ("i", _("incident screen with the whole timeline")),
        ("/", _("search all incidents, closed ones included")),
        ("1 2 3 4", _("queue filter: all, overdue, drills, mine")),
    ]),
    (_("Plan pane"), [
        ("Enter", _("work the highlighted step (dispatch, notify, approval, command post, report, warning)")),
        ("k", _("skip the highlighted step (needs a reason)")),
    ]),
    (_("Unit roster"), [
        ("type", _("filter by code, unit, type, status, kind or T1/T2/T3")),
        ("Enter", _("next status: acknowledged → en route → on scene → returning → available")),
        ("r", _("returning")),
        ("x", _("out of service / back in service")),
    ]),
    (_("Desk"), [
        ("w", _("warnings screen")),
        ("h", _("start the shift or hand it over")),
        ("ctrl+r", _("write the current shift report")),
    ]),
]
