"""Every word printed on a report, named by a key and written once as a catalog message.

A report is printed in a language of its own (reports go to the officers who sign them and to
the authorities above, in Chinese by default), so words are looked up per report rather than
in the console's language. Names of configured things (channels, types, levels, warning
colours) come from the configuration in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.config import load_config
from model.ledger import Head
from model.state_names import entry_kind, incident_state, step_state
from model.text import LANGUAGES, NC_, Message, N_, _, translate

LABELS: dict[str, Message] = {
    "shift_title": N_("Shift handover report"),
    "incident_title": N_("Incident report ({kind})"),
    "kind_initial": N_("initial"),
    "kind_follow-up": N_("follow-up"),
    "kind_final": N_("final"),
    "page": N_("Page {page} of {pages}"),
    "printed": N_("Printed {at}"),
    "drill_banner": N_("DRILL (exercise, not a real incident)"),
    "drill_mark": N_("[DRILL] "),
    "drills_left_out": N_("{count} drill incident(s) left out of the figures"),
    "drills_included": N_("Figures include drill incidents"),
    "empty_shift": N_("Nothing was received or handled in this period"),
    "none": N_("None"),
    "section_duty": N_("Duty"),
    "period": N_("Period"),
    "shift_name": N_("Shift"),
    "officers": N_("Officers on duty"),
    "handed_to": N_("Handed over to"),
    "seats": N_("Signed in at the seats"),
    "seated": N_("{seat} {name} ({roles}) {time}"),
    "section_figures": N_("Figures"),
    "reports_received": N_("Reports received"),
    "incidents_total": NC_("report figure", "Incidents"),
    "dispatches": N_("Dispatches"),
    "by_channel": N_("By channel"),
    "by_type": N_("By type"),
    "by_level": N_("By level"),
    "ungraded": N_("Ungraded"),
    "count": N_("Count"),
    "section_times": N_("Response times"),
    "interval": N_("Interval"),
    "samples": N_("Samples"),
    "median": N_("Median"),
    "p90": N_("90th percentile"),
    "receive_to_dispatch": N_("Receive → first dispatch"),
    "dispatch_to_ack": N_("Dispatch → acknowledged"),
    "dispatch_to_on_scene": N_("Dispatch → on scene"),
    "percentile_note": N_("Times in m:ss; 90th percentile by nearest rank (at least nine samples in ten within it)"),
    "section_incidents": N_("Incidents of the shift"),
    "no": N_("Number"),
    "received_at": N_("Received"),
    "type": N_("Type"),
    "level": N_("Level"),
    "state": N_("State"),
    "place_nature": N_("Place / what happened"),
    "units": N_("Resources"),
    "key_times": N_("Key times"),
    "merged_into": N_("into\n{no}"),
    "ended_short": N_("Ended"),
    "section_steps": N_("Steps still pending"),
    "incident": N_("Incident"),
    "step": N_("Step"),
    "responsible": N_("Responsible"),
    "due_at": N_("Due"),
    "overdue": N_("OVERDUE"),
    "pending": N_("pending"),
    "section_approvals": N_("Approvals still awaited"),
    "approval_by": N_("Approval by"),
    "section_warnings": N_("Warnings in force"),
    "colour": N_("Colour"),
    "area": N_("Area"),
    "text": N_("Text"),
    "valid": N_("Valid"),
    "until_further": N_("until lifted"),
    "section_out_of_service": N_("Resources out of service"),
    "resource": N_("Resource"),
    "unit": N_("Unit"),
    "since": N_("Since"),
    "reason": N_("Reason"),
    "section_notes": N_("Handover notes"),
    "section_chart": N_("Reports per hour"),
    "reports_unit": N_("reports"),
    "section_sign": N_("Signatures"),
    "sign_outgoing": N_("Outgoing officer (signature)"),
    "sign_incoming": N_("Incoming officer (signature)"),
    "sign_reporter": N_("Reported by (signature)"),
    "sign_approver": N_("Checked by (signature)"),
    "sign_time": N_("Time"),
    "ledger_head": N_("Ledger head when printed (check with ledger verify --anchor): {anchor}"),
    "ledger_empty": N_("The ledger was empty when this was printed"),
    "continued": N_("(continued)"),
    "section_basics": N_("Basic facts"),
    "number": N_("Incident number"),
    "occurred_at": N_("Occurred"),
    "verified_at": N_("Verified"),
    "activated_at": N_("Plan activated"),
    "ended_at": N_("Emergency ended"),
    "closed_at": N_("Closed"),
    "channel": N_("Channel"),
    "category": N_("Category"),
    "place": N_("Place"),
    "caller": N_("Caller"),
    "nature": N_("What happened"),
    "section_casualties": N_("Casualties and losses"),
    "people_affected": N_("People affected"),
    "injured": N_("Injured"),
    "deaths": N_("Deaths"),
    "losses": N_("Losses"),
    "trend": N_("Trend"),
    "unknown": N_("unknown"),
    "section_measures": N_("Measures taken"),
    "section_reports": NC_("report section", "Reports received"),
    "section_resources": N_("Units and resources"),
    "dispatched": N_("Dispatched"),
    "acknowledged": N_("Acknowledged"),
    "on_scene": N_("On scene"),
    "cleared": N_("Cleared"),
    "section_plan_steps": N_("Plan steps"),
    "done_at": N_("Done"),
    "operator": N_("Operator"),
    "section_incident_approvals": N_("Approvals"),
    "authority": N_("Authority"),
    "approved_by": N_("Decided by"),
    "decision": N_("Decision"),
    "decided_at": N_("Time"),
    "section_command_post": N_("Command post"),
    "commander": N_("Commander"),
    "location": N_("Location"),
    "opened_at": N_("Opened"),
    "section_timeline": N_("Timeline"),
    "time": N_("Time"),
    "entry": N_("Entry"),
    "decision_approved": N_("approved"),
    "decision_refused": N_("refused"),
}
"""key: the English message; its Chinese is in the catalog."""


@dataclass(frozen=True)
class Labels:
    """The report's words in one language; `name` gives configured names in the same language."""

    lang: str = "zh"

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(_("unknown report language {lang!r}; choose zh or en").format(lang=self.lang))

    def __call__(self, key: str, **values: object) -> str:
        return translate(LABELS[key], self.lang).format(**values)

    def name(self, field: str, code: str) -> str:
        """A configured code (channel, incident type, …) by its name in this language."""
        return load_config().name_of(field, code, self.lang)

    def level(self, code: str | None) -> str:
        if code is None:
            return self("ungraded")
        level = load_config().level(code)
        return f"{level.code} {level.zh if self.lang == 'zh' else level.en}"

    def level_name(self, code: str | None) -> str:
        """The level's short name for a table cell: 较大 in Chinese, III in English."""
        if code is None:
            return self("ungraded")
        return load_config().level(code).zh if self.lang == "zh" else code

    def state(self, code: str) -> str:
        return incident_state(code, self.lang)

    def step_state(self, code: str) -> str:
        return step_state(code, self.lang)

    def anchor(self, head: Head | None) -> str:
        """The ledger head as printed at the signature lines: SEQ:HASH, as `ledger verify --anchor` takes it."""
        if head is None:
            return self("ledger_empty")
        return self("ledger_head", anchor=f"{head.seq}:{head.hash}")

    def entry(self, kind: str) -> str:
        """A ledger entry kind as the timeline prints it; a kind without a name prints as its code."""
        return entry_kind(kind, self.lang)
