"""The desk's tables: a DataTable that draws again only the cells whose content or look changed.

Textual's DataTable keys its cell cache by a count it raises at every change (one updated cell,
an added row) and empties it at every restyle (each focus move): after any of these it renders
every visible cell again through Rich, 200-odd cells for the queue, most of a pane switch or an
intake save. DeskTable keeps, beside it, cells drawn by what they are drawn from: the cell's
content, its place (the mouse's row and column live in the drawn cell), its width and height,
the row's style and the component styles the table applies to it (cursor, hover) as they are at
draw time. A cell drawn before from the same is reused; anything else is drawn by DataTable itself.

It reads DataTable's internals (`_row_locations`, `_data`, `_get_styles_to_render_cell`): textual
is pinned to an exact version (pyproject), and the Pilot and snapshot tests draw through it.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual.widgets import DataTable

if TYPE_CHECKING:
    from rich.style import Style
    from textual._types import SegmentLines

CellType = TypeVar("CellType")
KEPT_CELLS = 20_000
"""Drawn cells kept at most (the roster's visible page in a few looks, the queue's many times over)."""


def content_key(value: object) -> Hashable | None:
    """What a cell's drawing depends on in the value itself; None: not known, draw it every time."""
    if isinstance(value, Text):
        return ("text", value.plain, value.style, tuple(value.spans), value.justify, value.overflow,
                value.no_wrap, value.end, value.tab_size)
    if value is None or isinstance(value, str | int | float):
        return (type(value).__name__, value)
    return None


class DeskTable(DataTable[CellType]):
    """A DataTable whose cells are drawn once for what they show."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._drawn: dict[Hashable, SegmentLines] = {}

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> SegmentLines:
        key = self._drawn_key(row_index, column_index, base_style, width, cursor, hover)
        if key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        lines = self._drawn.get(key)
        if lines is None:
            lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            if len(self._drawn) >= KEPT_CELLS:
                self._drawn.clear()
            self._drawn[key] = lines
        return lines

    def _drawn_key(self, row_index: int, column_index: int, base_style: Style, width: int, cursor: bool,
                   hover: bool) -> Hashable | None:
        """Everything DataTable draws a body cell from; None for headers, labels and rows of unknown height."""
        if row_index < 0 or column_index < 0:
            return None
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key) if row_key is not None else None
        if row is None or column_key is None or row.auto_height or row.label is not None:
            return None
        content = content_key(self._data.get(row_key, {}).get(column_key))
        if content is None:
            return None
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, fixed, hover, cursor, self.show_cursor, self._show_hover_cursor,
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css")
        return (content, row_index, column_index, width, row.height, self.cell_padding, base_style,
                component_style, post_style)
