"""The desk's tables: a DataTable that draws again only the cells whose content or look changed.

Textual's DataTable keys its cell cache by a count it raises at every change (one updated cell,
an added row) and empties it at every restyle (each focus move): after any of these it renders
every visible cell again through Rich, 200-odd cells for the queue, most of a pane switch or an
intake save. DeskTable keeps, beside it, cells drawn by what they are drawn from: the cell's
content, its place (the mouse's row and column live in the drawn cell), its width and height,
the row's style and the component styles the table applies to it (cursor, hover) as they are at
draw time. A cell drawn before from the same is reused; anything else is drawn by DataTable itself.

A focus move restyles the table (`:focus` tints it and colours its cursor) and DataTable then
empties its line and row caches, so each pane switch assembled every visible line of both tables
again. Their keys already hold the table's style and pseudo-classes; DeskTable keeps those caches
per look (the table's style and every component style it draws with) and gives a table back the
lines it drew the last time it looked the same: focused, then not, then focused again.

A cell in a look the table has not drawn it in (the queue losing the focus for the first time, a
new plan's steps in the focused plan pane) is its text drawn once, padded, with that look's styles
added to its segments, as Rich's `Styled` adds them (`_styled_cell`): a restyled cell costs a
fifth of drawing it.

Lines are kept by what they are drawn from too (the row's place and cells, the columns), in the
table's own cache per look: DataTable empties its line cache at every refill (`clear`, as the
queue does when a report is added), so each saved report drew every visible line of the queue
again. And DataTable measures every cell of every new row for columns sized to their content,
which the desk's tables do not have (`_update_dimensions`); `settle` does at once what DataTable
does at its next idle, so that a screen about to repaint hears of the new size in time.

It reads DataTable's internals (`_row_locations`, `_data`, `_get_styles_to_render_cell`, its
caches, `_header_row_key`, `_labelled_row_exists`, `_total_row_height`, `_updated_cells`,
`_require_update_dimensions`, `_new_rows`, `_update_dimensions`, `_update_column_widths`):
textual is pinned to an exact version (pyproject), and the Pilot and snapshot tests draw through it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import DataTable

if TYPE_CHECKING:
    from textual._types import SegmentLines
    from textual.geometry import Region
    from textual.strip import Strip
    from textual.widgets.data_table import RowKey

CellType = TypeVar("CellType")
KEPT_CELLS = 20_000
"""Drawn cells kept at most (the roster's visible page in a few looks, the queue's many times over)."""
KEPT_LINES = 2_000
"""Drawn lines kept at most per look (the queue's and the plan's visible lines many times over)."""
KEPT_LOOKS = 4
"""Looks whose drawn lines a table keeps (focused and not, and a little room for a theme change)."""


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
        self._unstyled: dict[Hashable, SegmentLines] = {}
        """Padded cells drawn without the table's styles, by content and size (`_styled_cell`)."""
        self._lines_style: Style | None = None
        """The table's style while `render_lines` draws (None otherwise)."""
        self._lines: LRUCache[Hashable, Strip] = LRUCache(KEPT_LINES)
        """Lines drawn in the table's look now, by what they are drawn from (kept through a refill,
        which empties DataTable's own line cache)."""
        self._looks: dict[Hashable, tuple[LRUCache[object, object], LRUCache[object, object],
                                          LRUCache[Hashable, Strip]]] = {}
        """Per look: DataTable's line cache and row cache, and the kept lines, as they were when the
        table last looked so."""

    def _look(self) -> Hashable:
        """Everything DataTable's lines are drawn with that its cache keys do not hold: the style of
        each component class, which follows the stylesheet, the theme and the table's pseudo-classes."""
        styles = self._component_styles
        return (self.rich_style, self.get_pseudo_class_state(),
                tuple((name, styles[name].rich_style, styles[name].partial_rich_style)
                      for name in sorted(styles)))

    def notify_style_update(self) -> None:
        """Restyled: draw with the caches of this look if the table has looked so before, empty ones
        otherwise (what DataTable does every time)."""
        Widget.notify_style_update(self)
        look = self._look()
        kept = self._looks.pop(look, None)
        if kept is None:
            kept = (LRUCache(1000), LRUCache(1000), LRUCache(KEPT_LINES))
            while len(self._looks) >= KEPT_LOOKS:
                del self._looks[next(iter(self._looks))]
        self._looks[look] = kept
        self._line_cache, self._row_render_cache, self._lines = kept  # type: ignore[assignment]
        self._cell_render_cache.clear()
        self._row_renderable_cache.clear()
        self._styles_cache.clear()
        self._get_styles_to_render_cell.cache_clear()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines in `crop`, all with the table's style worked out once: DataTable works it out
        (walking up through every ancestor's styles) for each line it draws."""
        self._lines_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._lines_style = None

    def render_line(self, y: int) -> Strip:
        """DataTable's `render_line` (textual 8.2.8), with the style of the lines being drawn."""
        base_style = self._lines_style if self._lines_style is not None else self.rich_style
        scroll_x, scroll_y = self.scroll_offset
        fixed_rows_height = sum(self.get_row_height(self._row_locations.get_key(row_index))
                                for row_index in range(self.fixed_rows))
        if self.show_header:
            fixed_rows_height += self.get_row_height(self._header_row_key)
        if y >= fixed_rows_height:
            y += scroll_y
        return self._render_line(y, scroll_x, scroll_x + self.size.width, base_style)

    def settle(self) -> None:
        """Measure now what DataTable measures at its next idle (the rows added, the cells updated):
        the new virtual size and its layout request then reach the screen with the repaint that
        shows the rows, instead of asking for another one after it (`_on_idle`'s first half)."""
        if self._updated_cells:
            updated_cells = self._updated_cells.copy()
            self._updated_cells.clear()
            self._update_column_widths(updated_cells)
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The table's scrollable size once rows were added. DataTable measures every cell of every
        new row first (a refilled queue: all of them), for columns sized to their content; the
        desk's columns all have set widths, so, unless one does not or a new row is labelled or as
        tall as its cells, only the size is worked out."""
        new_rows = list(new_rows)
        added = [self.rows.get(row_key) for row_key in new_rows]
        if (any(column.auto_width for column in self.columns.values())
                or any(row is not None and (row.label is not None or row.auto_height) for row in added)):
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values()) + self._row_label_column_width
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, self._total_row_height + header_height)

    def move_cursor(self, *, row: int | None = None, column: int | None = None, animate: bool = False,
                    scroll: bool = True) -> None:
        """DataTable scrolls a cursor moved among rows it has not measured yet only after the next
        refresh, a second repaint: measured first, the cursor's row is scrolled into view at once."""
        self.settle()
        super().move_cursor(row=row, column=column, animate=animate, scroll=scroll)

    def _render_line(self, y: int, x1: int, x2: int, base_style: Style) -> Strip:
        """A line as DataTable draws it, kept by what it is drawn from. With a row cursor a line
        depends on the cursor only through whether its row is the cursor's (or the mouse's) row:
        DataTable's own key holds the cursor's place, so after a cursor move every line missed.
        A line is kept by its row's place and cells, not by its height on the table nor by the
        table's count of changes: a row added elsewhere (a new report) or a scroll leaves the lines
        of the rows that stayed where they were as they were drawn."""
        if self.cursor_type != "row":
            return super()._render_line(y, x1, x2, base_style)
        try:
            row_key, line_no = self._get_offsets(y)
        except LookupError:
            return super()._render_line(y, x1, x2, base_style)
        row_index = self._row_locations.get(row_key) if row_key in self._row_locations else -1
        drawn_from = self._line_content(row_key)
        key: tuple[Hashable, ...] = ("row-cursor", row_index, line_no, drawn_from, x1, x2, self.size.width,
               row_index == self.cursor_coordinate.row, row_index == self.hover_coordinate.row, base_style,
               self.show_cursor, self._show_hover_cursor, self._pseudo_class_state)
        if drawn_from is None:
            key = (*key, y, self._update_count)
        strip = self._lines.get(key)
        if strip is None:
            strip = super()._render_line(y, x1, x2, base_style)
            self._lines[key] = strip
        return strip

    def _line_content(self, row_key: RowKey) -> Hashable | None:
        """What a row's lines are drawn from besides its place: its cells and the columns (their
        labels and widths); None when it is not known (labelled or auto-height rows, other cells)."""
        if self._labelled_row_exists or self.fixed_columns or self.fixed_rows:
            return None
        columns = tuple((column.key, content_key(column.label), column.get_render_width(self))
                        for column in self.ordered_columns)
        if row_key is self._header_row_key:
            return ("header", columns, self.header_height)
        row = self.rows.get(row_key)
        if row is None or row.auto_height or row.label is not None:
            return None
        values = self._data.get(row_key, {})
        cells = tuple(content_key(values.get(column.key)) for column in self.ordered_columns)
        if None in cells:
            return None
        return (columns, cells, row.height, self.cell_padding, self.zebra_stripes)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> SegmentLines:
        key = self._drawn_key(row_index, column_index, base_style, width, cursor, hover)
        if key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        lines = self._drawn.get(key)
        if lines is None:
            lines = self._styled_cell(row_index, column_index, key)
            if lines is None:
                lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
            if len(self._drawn) >= KEPT_CELLS:
                self._drawn.clear()
            self._drawn[key] = lines
        return lines

    def _styled_cell(self, row_index: int, column_index: int, key: tuple[Any, ...]) -> SegmentLines | None:
        """A body cell as DataTable draws it, from the cell's text drawn once for every look.

        DataTable renders `Styled(Padding(cell), pre_style, post_style)` through Rich; Styled only adds
        the two styles to each segment (`Segment.apply_style`), so the padded cell is drawn once per
        content and size, and each look adds its styles to the same segments. None (DataTable draws
        it) unless the padded cell fills its lines exactly, as Rich would then pad or crop them."""
        content, _row, _column, width, height, padding, base_style, component_style, post_style = key
        shape = (content, width, height, padding)
        unstyled = self._unstyled.get(shape)
        if unstyled is None:
            unstyled = self._unstyled_cell(row_index, column_index, width, height, padding)
            if unstyled is None:
                return None
            if len(self._unstyled) >= KEPT_CELLS:
                self._unstyled.clear()
            self._unstyled[shape] = unstyled
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        return [list(Segment.apply_style(line, pre_style, post_style)) for line in unstyled]

    def _unstyled_cell(self, row_index: int, column_index: int, width: int, height: int,
                       padding: int) -> SegmentLines | None:
        _label, cells = self._get_row_renderables(row_index)
        options = self.app.console_options.update_dimensions(width, height)
        if height == 1:
            options = options.update(no_wrap=True)
        segments = self.app.console.render(Padding(cells[column_index], (0, padding)), options)
        lines = list(islice(Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False),
                            None, height))
        if len(lines) != height or any(Segment.get_line_length(line) != width or
                                       any(segment.control for segment in line) for line in lines):
            return None
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
