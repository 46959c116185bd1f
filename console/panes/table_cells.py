"""Cells the desk's tables share, and refilling a pane's table repainting only the cells that changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable

from console import labels
from console.display import plain, same
from model.text import _


def update_changed_cells(table: DataTable[Text], listed: Mapping[str, Sequence[Text]]) -> None:
    """The table already holds these rows, by key, in this order: rewrite only the cells that differ.

    Clearing and refilling would repaint the whole table (and reset its cursor and scroll) every
    time the follower confirms a write that changed one row, or nothing on screen at all.
    """
    for key, cells in listed.items():
        for column, cell in zip(table.columns, cells, strict=True):
            if not same(table.get_cell(key, column), cell):
                table.update_cell(key, column, cell)


def incident_type_cell(code: str, is_drill: bool, width: int) -> Text:
    """An incident's type in a column `width` cells wide, as the queue and the board show it: a drill
    marked first, then the type's full name where it fits, else its configured short name (Hazmat
    leak, 危化品泄漏); a name still too long ends in "…"."""
    drill = Text("[" + _("DRILL") + "] ", style="bold magenta") if is_drill else Text("")
    cell = drill + plain(labels.incident_type_within(code, width - drill.cell_len))
    cell.no_wrap, cell.overflow = True, "ellipsis"
    return cell
