"""The status bar: local time, operator, seat, shift and the counts that must never hide."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from console.display import plain, same
from model.text import _
from model.timefmt import DATE_TIME_SECONDS, TIME_SECONDS, show

if TYPE_CHECKING:
    from model.queries import DeskFigures

GIVING_WAY = ("date", "available", "open", "shift")
"""What the bar leaves out, in this order, while its line is wider than the bar (a 120-column terminal):
the date (the time stays), the count of available resources (the roster lists each one's status), the
count of open incidents (the queue lists them), the shift's name. The operator, the seat, the warnings
in force and the alarm counts never give way."""
NAME_LEAST = 12
"""Cells an operator's or a seat's name keeps at the least when even the shortest line is too wide."""
REASON_LEAST = 1
"""Cells of why the ledger is not followed kept at the least, after its label, before the names are
shortened: the bar keeps saying `ledger not followed: …` (the desk shows stale figures); the toast
said the whole reason when it came."""


class StatusBar(Static):
    """One line, refreshed every second for the clock and on every load for the counts."""

    def __init__(self, operator: str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.operator = operator
        self.figures: DeskFigures | None = None
        self.alarm_steps = 0
        self.alarm_acks = 0
        self.cut_off: str | None = None
        """Why the desk cannot follow the ledger now (said on the bar until it can again)."""
        self.shown_line: Text | None = None
        self.shown_at: datetime | None = None
        """The time the bar shows."""
        self.seat: str | None = None
        """The seat the operator signed in at in the open shift, by its name (None: none)."""
        self.seat_known = False
        """The seat has been read: until then the bar says nothing about it."""

    def show_figures(self, figures: DeskFigures) -> None:
        """New counts are drawn at once, beside the time the bar shows (the clock moves at its tick)."""
        changed = figures != self.figures
        self.figures = figures
        if changed and self.shown_at is not None:
            self.tick(self.shown_at, self.alarm_steps, self.alarm_acks)

    def show_seat(self, seat: str | None) -> None:
        self.seat, self.seat_known = seat, True

    def show_cut_off(self, reason: str | None) -> None:
        self.cut_off = reason

    def tick(self, now: datetime, overdue_steps: int, unacknowledged: int, *, clock: bool = True) -> None:
        """Show the figures; `clock=False` (a dialog covers the desk): the time stays as last shown,
        so the bar repaints only when a figure changed."""
        self.alarm_steps, self.alarm_acks = overdue_steps, unacknowledged
        if not clock and self.shown_at is not None:
            now = self.shown_at
        self._show(now)

    def _show(self, now: datetime) -> None:
        line = self.line(now, self.alarm_steps, self.alarm_acks, self.content_size.width or None)
        if not same(line, self.shown_line):  # a repaint only when a figure or the second changed
            self.shown_line, self.shown_at = line, now
            self.update(line, layout=False)  # one line of fixed height: nothing to lay out again

    def on_resize(self) -> None:
        """A narrower or wider terminal: the line is fitted to the bar again at once, not at the next second."""
        if self.shown_at is not None:
            self._show(self.shown_at)

    def line(self, now: datetime, overdue_steps: int, unacknowledged: int, width: int | None = None) -> Text:
        """The bar's text, within `width` cells when given: the parts in `GIVING_WAY` are left out in
        turn until it fits, then why the ledger is not followed is shortened with "…" (to `REASON_LEAST`
        cells of it at the least), then the operator's and the seat's names are (to `NAME_LEAST` cells
        at the least). The names and the reason are outside text, shown as data."""
        for count in range(len(GIVING_WAY) + 1):
            line = self._line(now, overdue_steps, unacknowledged, GIVING_WAY[:count])
            if width is None or line.cell_len <= width:
                return line
        reason: Text | None = None
        if self.cut_off:
            reason = self._cut_off_words()
            label = cell_len(_("ledger not followed: {reason}").format(reason=""))
            reason.truncate(max(label + REASON_LEAST, reason.cell_len - (line.cell_len - width)), overflow="ellipsis")
            line = self._line(now, overdue_steps, unacknowledged, GIVING_WAY, reason=reason)
            if line.cell_len <= width:
                return line
        names = [plain(self.operator, style="bold"), plain(self.seat, style="bold") if self.seat else None]
        excess = line.cell_len - width
        for index, name in enumerate(names):
            if name is not None and excess > 0 and name.cell_len > NAME_LEAST:
                shorter = max(NAME_LEAST, name.cell_len - excess)
                excess -= name.cell_len - shorter
                name.truncate(shorter, overflow="ellipsis")
                names[index] = name
        line = self._line(now, overdue_steps, unacknowledged, GIVING_WAY, names[0], names[1], reason)
        if reason is not None and line.cell_len > width:  # the counts before it still read whole
            reason.truncate(max(1, reason.cell_len - (line.cell_len - width)), overflow="ellipsis")
            line = self._line(now, overdue_steps, unacknowledged, GIVING_WAY, names[0], names[1], reason)
        return line

    def _cut_off_words(self) -> Text:
        return plain(_("ledger not followed: {reason}").format(reason=self.cut_off), style="bold white on red")

    def _line(self, now: datetime, overdue_steps: int, unacknowledged: int, left_out: tuple[str, ...],
              operator: Text | None = None, seat: Text | None = None, reason: Text | None = None) -> Text:
        line = Text(show(now, TIME_SECONDS if "date" in left_out else DATE_TIME_SECONDS), style="bold")
        line.append("  " + _("operator") + " ").append_text(operator or plain(self.operator, style="bold"))
        if self.seat_known:
            line.append("  " + _("seat") + " ").append_text(
                (seat or plain(self.seat, style="bold")) if self.seat
                else Text(_("none (s signs in)"), style="bold yellow"))
        figures = self.figures
        if figures is not None:
            if "shift" not in left_out:
                line.append("  " + _("shift") + " ").append_text(
                    plain(figures.shift_name, style="bold") if figures.shift_name else Text(_("none"), style="bold"))
            if "open" not in left_out:
                line.append("  " + _("open {count}").format(count=figures.open_incidents))
            if "available" not in left_out:
                line.append("  " + _("available {count}").format(count=figures.available_resources))
            line.append("  " + _("warnings {count}").format(count=figures.warnings_in_force),
                        style="bold black on yellow" if figures.warnings_in_force else "")
        line.append("  ")
        line.append(" " + _("overdue {count}").format(count=overdue_steps) + " ",
                    style="bold white on red" if overdue_steps else "")
        line.append("  ")
        line.append(" " + _("not acknowledged {count}").format(count=unacknowledged) + " ",
                    style="bold white on red" if unacknowledged else "")
        if self.cut_off:
            line.append("  ").append_text(reason or self._cut_off_words())
        return line
