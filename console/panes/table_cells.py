"""Refilling a pane's table with what it shows now, repainting only the cells that changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.widgets import DataTable

from console.display import same


def update_changed_cells(table: DataTable[Text], listed: Mapping[str, Sequence[Text]]) -> None:
    """The table already holds these rows, by key, in this order: rewrite only the cells that differ.

    Clearing and refilling would repaint the whole table (and reset its cursor and scroll) every
    time the follower confirms a write that changed one row, or nothing on screen at all.
    """
    for key, cells in listed.items():
        for column, cell in zip(table.columns, cells, strict=True):
            if not same(table.get_cell(key, column), cell):
                table.update_cell(key, column, cell)
