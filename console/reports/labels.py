"""Every word printed on a report, in Chinese and English, in one place.

Chinese is the default: reports go to the officers who sign them and to the authorities above.
Names of configured things (channels, types, levels, warning colours) come from the
configuration in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.config import load_config

LANGUAGES = ("zh", "en")

LABELS: dict[str, tuple[str, str]] = {
    "shift_title": ("交接班报告", "Shift handover report"),
    "incident_title": ("突发事件信息报告（{kind}）", "Incident report ({kind})"),
    "kind_initial": ("首报", "initial"),
    "kind_follow-up": ("续报", "follow-up"),
    "kind_final": ("终报", "final"),
    "page": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "printed": ("打印时间：{at}", "Printed {at}"),
    "drill_banner": ("演练（非真实事件）", "DRILL (exercise, not a real incident)"),
    "drill_mark": ("【演练】", "[DRILL] "),
    "drills_left_out": ("本班 {count} 起演练事件未计入统计数字", "{count} drill incident(s) left out of the figures"),
    "drills_included": ("统计数字包含演练事件", "Figures include drill incidents"),
    "empty_shift": ("本班次无接报、无事件处置记录", "Nothing was received or handled in this period"),
    "none": ("无", "None"),
    "section_duty": ("值班信息", "Duty"),
    "period": ("班次时段", "Period"),
    "shift_name": ("班次", "Shift"),
    "officers": ("值班人员", "Officers on duty"),
    "handed_to": ("接班人", "Handed over to"),
    "section_figures": ("统计数字", "Figures"),
    "reports_received": ("接报总数", "Reports received"),
    "incidents_total": ("事件数", "Incidents"),
    "dispatches": ("调派次数", "Dispatches"),
    "by_channel": ("按来源渠道", "By channel"),
    "by_type": ("按事件类型", "By type"),
    "by_level": ("按事件级别", "By level"),
    "ungraded": ("未定级", "Ungraded"),
    "count": ("数量", "Count"),
    "section_times": ("响应时间", "Response times"),
    "interval": ("环节", "Interval"),
    "samples": ("样本数", "Samples"),
    "median": ("中位数", "Median"),
    "p90": ("第90百分位", "90th percentile"),
    "receive_to_dispatch": ("接报→首次调派", "Receive → first dispatch"),
    "dispatch_to_ack": ("调派→接令", "Dispatch → acknowledged"),
    "dispatch_to_on_scene": ("调派→到场", "Dispatch → on scene"),
    "percentile_note": ("时间格式 分:秒；第90百分位按最近秩法（不少于90%的样本不超过该值）",
                        "Times in m:ss; 90th percentile by nearest rank (at least 90% of samples within it)"),
    "section_incidents": ("本班事件", "Incidents of the shift"),
    "no": ("编号", "Number"),
    "received_at": ("接报时间", "Received"),
    "type": ("类型", "Type"),
    "level": ("级别", "Level"),
    "state": ("状态", "State"),
    "place_nature": ("地点 / 事由", "Place / what happened"),
    "units": ("调派力量", "Resources"),
    "key_times": ("关键时间", "Key times"),
    "merged_into": ("并入\n{no}", "into\n{no}"),
    "ended_short": ("结束", "Ended"),
    "section_steps": ("未完成处置步骤", "Steps still pending"),
    "incident": ("事件", "Incident"),
    "step": ("步骤", "Step"),
    "responsible": ("责任单位", "Responsible"),
    "due_at": ("时限", "Due"),
    "overdue": ("已超时", "OVERDUE"),
    "pending": ("待办", "pending"),
    "section_approvals": ("待批事项", "Approvals still awaited"),
    "approval_by": ("审批单位", "Approval by"),
    "section_warnings": ("生效中的预警", "Warnings in force"),
    "colour": ("预警级别", "Colour"),
    "area": ("区域", "Area"),
    "text": ("内容", "Text"),
    "valid": ("有效期", "Valid"),
    "until_further": ("至解除", "until lifted"),
    "section_out_of_service": ("停用的救援力量", "Resources out of service"),
    "resource": ("力量", "Resource"),
    "unit": ("单位", "Unit"),
    "since": ("停用时间", "Since"),
    "reason": ("原因", "Reason"),
    "section_notes": ("交接事项", "Handover notes"),
    "section_chart": ("每小时接报量", "Reports per hour"),
    "reports_unit": ("起", "reports"),
    "section_sign": ("签字", "Signatures"),
    "sign_outgoing": ("交班人（签字）", "Outgoing officer (signature)"),
    "sign_incoming": ("接班人（签字）", "Incoming officer (signature)"),
    "sign_reporter": ("填报人（签字）", "Reported by (signature)"),
    "sign_approver": ("审核人（签字）", "Checked by (signature)"),
    "sign_time": ("时间", "Time"),
    "section_basics": ("基本情况", "Basic facts"),
    "number": ("事件编号", "Incident number"),
    "occurred_at": ("发生时间", "Occurred"),
    "verified_at": ("核实时间", "Verified"),
    "activated_at": ("启动预案时间", "Plan activated"),
    "ended_at": ("应急结束时间", "Emergency ended"),
    "closed_at": ("归档时间", "Closed"),
    "channel": ("来源渠道", "Channel"),
    "category": ("事件类别", "Category"),
    "place": ("事发地点", "Place"),
    "caller": ("报告人", "Caller"),
    "nature": ("事件经过", "What happened"),
    "section_casualties": ("伤亡及损失", "Casualties and losses"),
    "people_affected": ("受影响人数", "People affected"),
    "injured": ("受伤人数", "Injured"),
    "deaths": ("死亡人数", "Deaths"),
    "losses": ("财产损失", "Losses"),
    "trend": ("发展趋势", "Trend"),
    "unknown": ("不详", "unknown"),
    "section_measures": ("已采取措施", "Measures taken"),
    "section_reports": ("接报记录", "Reports received"),
    "section_resources": ("救援力量及时间", "Units and resources"),
    "dispatched": ("调派", "Dispatched"),
    "acknowledged": ("接令", "Acknowledged"),
    "on_scene": ("到场", "On scene"),
    "cleared": ("撤离", "Cleared"),
    "section_plan_steps": ("预案处置步骤", "Plan steps"),
    "done_at": ("完成时间", "Done"),
    "operator": ("操作人", "Operator"),
    "section_incident_approvals": ("审批", "Approvals"),
    "authority": ("审批机关", "Authority"),
    "approved_by": ("批准人", "Decided by"),
    "decision": ("决定", "Decision"),
    "decided_at": ("时间", "Time"),
    "section_command_post": ("现场指挥部", "Command post"),
    "commander": ("指挥长", "Commander"),
    "location": ("位置", "Location"),
    "opened_at": ("开设时间", "Opened"),
    "section_timeline": ("处置时间线", "Timeline"),
    "time": ("时间", "Time"),
    "entry": ("记录", "Entry"),
    "state_received": ("接报", "received"),
    "state_verified": ("已核实", "verified"),
    "state_active": ("处置中", "active"),
    "state_ended": ("应急结束", "ended"),
    "state_closed": ("已归档", "closed"),
    "state_false_alarm": ("误报", "false alarm"),
    "state_merged": ("已合并", "merged"),
    "step_pending": ("待办", "pending"),
    "step_done": ("已完成", "done"),
    "step_skipped": ("已跳过", "skipped"),
    "decision_approved": ("同意", "approved"),
    "decision_refused": ("不同意", "refused"),
    "entry_report_received": ("接报", "report received"),
    "entry_incident_verified": ("核实", "verified"),
    "entry_incident_false_alarm": ("误报", "false alarm"),
    "entry_incident_merged": ("合并", "merged"),
    "entry_incident_graded": ("定级", "graded"),
    "entry_incident_regraded": ("调整级别", "regraded"),
    "entry_note": ("备注", "note"),
    "entry_unit_feedback": ("单位反馈", "unit feedback"),
    "entry_incident_ended": ("应急结束", "ended"),
    "entry_incident_closed": ("归档", "closed"),
    "entry_resource_dispatched": ("调派", "dispatched"),
    "entry_resource_status": ("力量状态", "resource status"),
    "entry_step_state": ("处置步骤", "step"),
    "entry_approval_recorded": ("审批", "approval"),
    "entry_command_post_opened": ("开设指挥部", "command post opened"),
    "entry_command_post_closed": ("撤销指挥部", "command post closed"),
    "entry_warning_issued": ("发布预警", "warning issued"),
    "entry_warning_updated": ("更新预警", "warning updated"),
    "entry_warning_lifted": ("解除预警", "warning lifted"),
}
"""key: (Chinese, English)."""


@dataclass(frozen=True)
class Labels:
    """The report's words in one language; `name` gives configured names in the same language."""

    lang: str = "zh"

    def __post_init__(self) -> None:
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown report language {self.lang!r}; choose zh or en")

    def __call__(self, key: str, **values: object) -> str:
        zh, en = LABELS[key]
        return (zh if self.lang == "zh" else en).format(**values)

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
        key = f"state_{code}"
        return self(key) if key in LABELS else code

    def entry(self, kind: str) -> str:
        """A ledger entry kind as the timeline prints it; a kind without a label prints as its code."""
        key = f"entry_{kind}"
        return self(key) if key in LABELS else kind
