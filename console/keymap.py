"""The keyboard map: one list shown by the help screen (F1 or ?) and copied into the README."""

from __future__ import annotations

from model.text import N_

KEYMAP: list[tuple[str, list[tuple[str, str]]]] = [
    (N_("Anywhere"), [
        ("F1 / ?", N_("this keyboard map")),
        ("Ctrl+P", N_("command palette: every action by name")),
        ("Tab / Shift+Tab", N_("next / previous pane")),
        ("Esc", N_("back out of a form or screen (a half-typed form is kept as a draft)")),
        ("Ctrl+S", N_("save the open form")),
        ("Ctrl+Q", N_("quit")),
    ]),
    (N_("Incidents"), [
        ("n", N_("new report: every field on one form, Tab takes a completion; offers to merge a duplicate")),
        ("v", N_("verify the selected incident, saying how it was checked")),
        ("f", N_("false alarm (needs a reason)")),
        ("m", N_("merge the selected incident into another open one")),
        ("g", N_("grade (the level the plan's criteria give is proposed), or regrade with a reason")),
        ("a", N_("activate the plan (the plan for the type is proposed)")),
        ("d", N_("dispatch resources")),
        ("o", N_("add a note or unit feedback")),
        ("p", N_("record an approval")),
        ("c", N_("open or close the on-site command post")),
        ("u", N_("report upward (initial, follow-up, final)")),
        ("e", N_("end the emergency")),
        ("z", N_("close (archive) the incident")),
        ("i", N_("incident screen: the report and the timeline in sentences")),
        ("/", N_("search all incidents, closed ones included")),
        ("1 2 3 4", N_("queue filter: all, overdue, drills, mine")),
    ]),
    (N_("Plan pane"), [
        ("Enter", N_("work the highlighted step (dispatch, notify, approval, command post, report, warning)")),
        ("k", N_("skip the highlighted step (needs a reason)")),
    ]),
    (N_("Unit roster"), [
        ("type", N_("filter by code, unit, type, status, kind or T1/T2/T3")),
        ("Enter", N_("next status: acknowledged → en route → on scene → returning → available")),
        ("r", N_("returning")),
        ("x", N_("out of service / back in service")),
        ("Ctrl+Z", N_("correct the highlighted resource's last move (within minutes; a correction entry)")),
    ]),
    (N_("Desk"), [
        ("w", N_("warnings screen")),
        ("h", N_("start the shift or hand it over")),
        ("s", N_("sign in at a seat (asked at start while you have none this shift)")),
        ("ctrl+r", N_("write the current shift report")),
        ("t", N_("statistics and assessment of the month ([ / ] change the month)")),
        ("M", N_("map: the district with incidents, resources, warning areas and command posts")),
        ("B", N_("situation board: the center's figures in large type, read-only")),
    ]),
    (N_("Map"), [
        ("+ / -", N_("zoom in / out")),
        ("← → ↑ ↓", N_("pan")),
        ("0", N_("the whole district")),
        ("Tab / Shift+Tab", N_("next / previous incident (the queue follows)")),
        ("Enter", N_("centre on the incident")),
    ]),
]
