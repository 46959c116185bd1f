"""The plan pane: the selected incident's checklist by level, then the closing checklist, and a detail line.

Each step says its state in words; a settled step says when, by whom and by which entry; the
highlighted step is spelled out whole on the detail line, so nothing cut in its row is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from console import labels
from console.display import plain, same
from console.panes.table_cells import update_changed_cells
from console.widgets.desk_table import DeskTable
from console.widgets.detail_line import DetailLine
from model.plan_view import PlanView, level_words
from model.text import _
from model.timefmt import TIME, show

if TYPE_CHECKING:
    from model.checklist import StepView

STATE_STYLE = {"done": "green", "skipped": "grey50", "blocked": "yellow", "pending": "", "overdue": "bold white on red"}
WHO_WIDTH = 15
STATE_WIDTH = 19
"""Cells the State column has at the least (`overdue, 1h05m late`); it takes more, up to the widest
settled step's words (`done 20:31 值班员 王磊`), while the step keeps `STEP_LEAST`."""
STEP_LEAST = 28
"""Cells a step's words keep at the least: enough for a step's first clause (`Set up a cordon and traffic
control`, where 20 cells left `Set up a cordon and `)."""
COLUMNS = ("text", "who", "state")
"""The plan's columns in order, by key."""
LEFT_OUT_FIRST = ("who",)
"""Columns left out while the step's words would get fewer than `STEP_LEAST` cells (a 120-column
terminal): who is responsible, which the detail line names for the highlighted step, while the step
is what the officer reads down the list and the state is what turns red."""
CLOSING_SECTION = "section:closing"


def duration(seconds: float) -> str:
    """Minutes as the queue writes an age (`8m`, `1h05m`): one format for every span on the desk."""
    minutes = max(0, int(seconds // 60))
    if minutes >= 60:
        return _("{hours}h{minutes}m").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")
    return _("{minutes}m").format(minutes=minutes)


def shown_state(step: StepView, now: datetime) -> str:
    """The state as the row shows it now: a step that still counts down goes overdue at its due time."""
    if step.state in ("pending", "overdue") and step.due_at is not None:
        return "overdue" if step.counting and step.due_at < now else "pending"
    return step.state


def state_words(step: StepView, now: datetime) -> str:
    """The state cell: `pending, 8m left`, `overdue, 6m late`, `done 10:42 李娜`; no countdown once ended."""
    state = shown_state(step, now)
    word = labels.step_state(state)
    if state in ("done", "skipped"):
        return " ".join(part for part in (word, show(step.completed_at, TIME), step.completed_by) if part)
    if state == "blocked":
        return word
    if step.counting and step.due_at is not None and state == "overdue":
        return _("{state}, {span} late").format(state=word, span=duration((now - step.due_at).total_seconds()))
    if step.counting and step.due_at is not None:
        return _("{state}, {span} left").format(state=word, span=duration((step.due_at - now).total_seconds()))
    return word


def state_cell(step: StepView, now: datetime, width: int) -> Text:
    """The state cell within `width` cells. A settled step names who settled it whole: when
    `done 10:42 李娜` does not fit, the time gives way (`done 李娜`; the detail line keeps it), and
    only then is the name cut, with "…" so a cut name never reads as a whole one (值班员 of 值班员 王磊)."""
    state = shown_state(step, now)
    style = STATE_STYLE.get(state, "")
    if state not in ("done", "skipped"):
        return Text(state_words(step, now), style=style)
    who = plain(step.completed_by) if step.completed_by else Text("")
    for parts in ((labels.step_state(state), show(step.completed_at, TIME)), (labels.step_state(state),)):
        words = Text(" ".join(part for part in parts if part), style=style)
        if who:
            words.append(" ").append_text(who)
        if words.cell_len <= width:
            return words
    words.truncate(width, overflow="ellipsis")
    return words


def detail_words(step: StepView, now: datetime, settled_by: str) -> str:
    """The second detail line: who, when due, and the state in a sentence with what settled it."""
    who = labels.configured("unit_kinds", step.responsible) or step.responsible
    parts = [_("responsible: {who}").format(who=who)]
    if step.due_at is not None:
        parts.append(_("due {time}").format(time=show(step.due_at, TIME)))
    if step.interval_minutes:
        parts.append(_("again every {span}").format(span=duration(step.interval_minutes * 60)))
    state = shown_state(step, now)
    if state in ("done", "skipped"):
        sentence = _("{state} {time} by {who}").format(
            state=labels.step_state(state), time=show(step.completed_at, TIME), who=step.completed_by)
        if settled_by:
            sentence += f" · {settled_by}"
        elif step.reason:
            sentence += f" · {step.reason}"
        parts.append(sentence)
    elif state == "blocked":
        parts.append(f"{labels.step_state(state)}: {step.reason}")
    else:
        parts.append(state_words(step, now))
    return " · ".join(parts)


class PlanPane(Vertical):
    """Steps of the activated plan, the closing checklist apart; Enter works the highlighted step."""

    @dataclass
    class WorkRequested(Message):
        """Enter on a step; `step` is None for the closing checklist's heading (tick the checklist)."""

        pane: PlanPane
        step: StepView | None
        closing: bool = False

        @property
        def control(self) -> PlanPane:
            return self.pane

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.incident_no: str | None = None
        self.steps: list[StepView] = []
        self.view = PlanView(None, "")
        self.now: datetime | None = None
        self.step_width = 0
        self.state_width = STATE_WIDTH
        self.shown_columns: tuple[str, ...] = COLUMNS
        """The columns the pane is wide enough for, in order (`LEFT_OUT_FIRST`)."""
        self.detail_text: Text | None = None
        self.shown_title: Text | None = None
        """The border title as last set (the pane's incident number is its subtitle)."""

    def compose(self) -> ComposeResult:
        yield DeskTable(cursor_type="row", zebra_stripes=True, id="plan-table")
        yield DetailLine(id="plan-detail")

    def on_mount(self) -> None:
        self.border_title = _("Plan")

    @property
    def selected(self) -> StepView | None:
        """The highlighted step; None on a section heading or an empty checklist."""
        key = self._cursor_key()
        return next((step for step in self.steps if step.step_id == key), None)

    def _cursor_key(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(value) if value is not None else None

    def show(self, view: PlanView, now: datetime) -> None:
        """Draw the checklist; the cursor stays on its step, or goes to the first open step of a new incident."""
        same_incident = view.incident_no == self.incident_no
        keep = self._cursor_key() if same_incident else None
        self.view, self.incident_no, self.steps, self.now = view, view.incident_no, view.steps, now
        title = plain(view.title or _("Plan"))
        if not same_incident or not same(title, self.shown_title):  # setting a title repaints the pane
            self.shown_title = title
            self.border_title = title
            self.border_subtitle = view.incident_no or ""
        self._fill(keep)

    def _layout(self) -> tuple[tuple[str, ...], int, int]:
        """The columns shown, the step's width and the state's: the step takes what the others leave (one
        cell of padding a side of each column, two for the scroll bar), once the columns that do not fit
        are left out; the state takes what its widest settled step needs of that, down to `STATE_WIDTH`."""
        now = self.now
        settled = [step for step in self.steps if now is not None and step.state in ("done", "skipped")]

        def widest(cells: int) -> int:
            """The widest settled step's words within `cells` (the time may give way), `STATE_WIDTH` at the least."""
            return max([STATE_WIDTH, *(state_cell(step, now, cells).cell_len for step in settled if now is not None)])

        need = widest(1000)
        shown, state = COLUMNS, STATE_WIDTH
        for left_out in (None, *LEFT_OUT_FIRST):
            shown = tuple(key for key in shown if key != left_out)
            room = self.content_size.width - (WHO_WIDTH if "who" in shown else 0) - 2 * len(shown) - 2
            state = max(STATE_WIDTH, min(need, room - STEP_LEAST))
            if room - state >= STEP_LEAST:
                break
        if state < need:  # the time gave way somewhere: the step gets the cells the words leave
            state = widest(state)
        return shown, max(STEP_LEAST, room - state), state

    def _fill(self, keep: str | None) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        now = self.now
        shown, step_width, state_width = self._layout()
        listed: dict[str, list[Text]] = {}
        heading = ""
        for step in self.steps:
            if now is None:
                break
            part = CLOSING_SECTION if step.section == "closing" else f"section:{step.level}"
            if part != heading:
                heading = part
                title = _("Closing checklist") if part == CLOSING_SECTION else _("Steps of {level}").format(
                    level=level_words(step.level))
                listed[part] = [Text(title, style="bold"), *(Text("") for _key in shown[1:])]
            listed[step.step_id] = self._cells(step, now, shown, state_width)
        if (now is not None and table.columns
                and (shown, step_width, state_width) == (self.shown_columns, self.step_width, self.state_width)
                and list(listed) == [row.key.value for row in table.ordered_rows]):
            update_changed_cells(table, listed)
        else:
            table.clear(columns=True)
            self.shown_columns, self.step_width, self.state_width = shown, step_width, state_width
            headers = {"text": _("Step"), "who": _("Who"), "state": _("State")}
            widths = {"text": step_width, "who": WHO_WIDTH, "state": state_width}
            for key in shown:
                table.add_column(headers[key], key=key, width=widths[key])
            if now is None:
                return
            for key, cells in listed.items():
                table.add_row(*cells, key=key)
        first_open = next((step.step_id for step in self.steps if step.state not in ("done", "skipped")), None)
        target = keep if keep is not None and keep in table.rows else first_open
        if target is not None:
            table.move_cursor(row=table.get_row_index(target))
        self._show_detail()

    def _cells(self, step: StepView, now: datetime, shown: tuple[str, ...], state_width: int) -> list[Text]:
        who = labels.configured("unit_kinds", step.responsible) or step.responsible
        recurring = " ↻" if step.interval_minutes else ""
        cells = {"text": plain(step.title + recurring), "who": plain(who),
                 "state": state_cell(step, now, state_width)}
        return [cells[key] for key in shown]

    def _show_detail(self) -> None:
        detail = self.query_one("#plan-detail", DetailLine)
        step, now = self.selected, self.now
        if step is None or now is None:
            key = self._cursor_key()
            self._set_detail(detail, Text(_("Enter: tick the closing checklist on one screen")
                                          if key == CLOSING_SECTION else ""))
            return
        words = detail_words(step, now, self.view.settlements.get(step.step_id, ""))
        self._set_detail(detail, plain(step.title, style="bold") + Text("\n") + plain(words))

    def _set_detail(self, detail: DetailLine, text: Text) -> None:
        """The clock ticks every second, the words seldom change: repaint only when they do."""
        if not same(text, self.detail_text):
            self.detail_text = text
            detail.show(text)

    def on_resize(self) -> None:
        if self.content_size.width and self._layout() != (self.shown_columns, self.step_width, self.state_width):
            self._fill(self._cursor_key())

    def tick(self, now: datetime) -> None:
        """Advance the countdowns; a step that just went past due turns red. Only a countdown whose
        words changed is rewritten: an idle desk repaints nothing."""
        self.now = now
        table: DataTable[Text] = self.query_one(DataTable)
        for step in self.steps:
            if step.step_id in table.rows:
                state = self._cells(step, now, ("state",), self.state_width)[0]
                if not same(table.get_cell(step.step_id, "state"), state):
                    table.update_cell(step.step_id, "state", state)
        self._show_detail()

    @on(DataTable.RowHighlighted, "#plan-table")
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(DataTable.RowSelected, "#plan-table")
    def enter_pressed(self, event: DataTable.RowSelected) -> None:
        event.stop()
        step = self.selected
        if step is not None:
            self.post_message(self.WorkRequested(self, step, step.section == "closing"))
        elif self._cursor_key() == CLOSING_SECTION:
            self.post_message(self.WorkRequested(self, None, True))
