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
from model.text import LANGUAGES, N_, NC_, Message, _, translate

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
    "seat": N_("Seat"),
    "seated_officer": NC_("seat sign-in", "Officer"),
    "roles": N_("Roles"),
    "signed_in_at": N_("Signed in at"),
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
    "drill_title": N_("Drill assessment report"),
    "section_drill": N_("Drill"),
    "drill_scenario": N_("Scenario"),
    "drill_id": N_("Drill id"),
    "drill_started": N_("Started"),
    "drill_by": N_("Started by"),
    "drill_speed": N_("Drill clock"),
    "drill_speed_value": N_("{speed} drill minutes per real minute"),
    "drill_length": N_("Length"),
    "drill_minutes": N_("{minutes} drill minutes"),
    "drill_incidents": N_("Drill incidents"),
    "section_drill_score": N_("Score and reasons"),
    "drill_score_line": N_("Score {score} of 100: {lost} of {stake} points lost"),
    "drill_expected": N_("Expected of the desk"),
    "drill_due": N_("Due (min)"),
    "drill_done": N_("Done (min)"),
    "drill_outcome": N_("Outcome"),
    "drill_lost": N_("Lost"),
    "drill_points": N_("Points"),
    "outcome_on_time": N_("on time"),
    "outcome_late": N_("late"),
    "outcome_missed": N_("missed"),
    "outcome_not_due": N_("not yet due"),
    "section_drill_times": N_("Times of the desk"),
    "drill_time_verify": N_("Report → verified"),
    "drill_time_grade": N_("Report → graded"),
    "drill_time_activate": N_("Report → plan activated"),
    "drill_time_dispatch": N_("Report → first dispatch"),
    "drill_time_report": N_("Report → {kind} report upward"),
    "drill_minutes_taken": N_("Drill minutes"),
    "drill_plan_deadline": N_("Plan deadline"),
    "drill_time_note": N_("Minutes on the drill clock from the report inject; the plan deadline is the minute the "
                          "plan's step asking for that report was due, counted the same way."),
    "section_drill_steps": N_("Plan steps due during the drill"),
    "drill_step": N_("Step"),
    "section_drill_timeline": N_("Drill timeline"),
    "drill_axis": N_("Drill minute"),
    "drill_legend": N_("◆ inject; bar from the start of the clock to when it was done: green on time, amber late, "
                       "hatched red missed (up to the end of the drill); black tick: the deadline. In text: * inject, "
                       "| start, D deadline, o on time, ! late, x missed."),
    "section_drill_rules": N_("How the score is counted"),
    "drill_rules": N_("Each expectation is worth its points: none lost on time, {late} of them when late, all when "
                      "missed. Each plan step due before the drill ended is worth {step_missed}: none lost on time, "
                      "{step_late} when late, {step_missed} when not done or skipped. Score = 100 × points kept / "
                      "points at stake. Times are read on the drill clock: real time since the start, less pauses, "
                      "times the speed."),
    "assess_title": N_("Monthly assessment {month}"),
    "assess_month": N_("Month"),
    "assess_period": N_("Assessment period"),
    "assess_real_incidents": N_("Real incidents received"),
    "assess_drill_incidents": N_("Drill incidents (left out of the figures)"),
    "assess_note": N_("Real incidents only; drills count under “drills”. Times in m:ss from the order, median and "
                      "90th percentile by nearest rank. Refused: cleared without being acknowledged; late: "
                      "acknowledged after the configured time or not at all; overdue: plan steps settled after "
                      "their deadline or still open past it."),
    "assess_officer": N_("Officer"),
    "assess_orders": N_("Orders"),
    "assess_ack_median": N_("Ack. median"),
    "assess_ack_p90": N_("Ack. p90"),
    "assess_arrive_median": N_("Arrival median"),
    "assess_arrive_p90": N_("Arrival p90"),
    "assess_refused": N_("Refused"),
    "assess_late": N_("Late"),
    "assess_overdue": N_("Overdue steps"),
    "assess_drills": N_("Drills"),
    "assess_tier": N_("tier {tier}"),
    "assess_seconds": N_("seconds"),
    "assess_score": N_("Score"),
    "section_assess_units": N_("Linkage units"),
    "section_assess_officers": N_("Duty officers"),
    "section_assess_orders_chart": N_("Orders received per unit"),
    "section_assess_ack_chart": N_("Time to acknowledge per unit (90th percentile, seconds)"),
    "section_assess_drills": N_("Drills of the month"),
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
