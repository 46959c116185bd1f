"""The desk's own drawing shortcuts draw what Textual would: a table's cells in every look, and the
dimmed desk behind a dialog, segment for segment."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.visual import RichVisual
from textual.widgets import DataTable, Label

from console.screens.backdrop import DeskModal
from console.widgets.desk_table import DeskTable

ROWS = [
    ("20261128-0001", Text("火灾 fire", style="bold red"), "港口路1号 Harbour road 1, longer than its column"),
    ("20261128-0002", Text("leak", style="italic"), ""),
    ("20261128-0003", Text.assemble(("III", "reverse"), " 较大"), "南大港管理区"),
]


class TwoTables(App[None]):
    CSS = "DeskTable { height: 1fr; }"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DeskTable(cursor_type="row", zebra_stripes=True, id="first")
            yield DeskTable(cursor_type="row", id="second")
        yield Label("under the dialog")

    def on_mount(self) -> None:
        for table in self.query(DeskTable):
            table.add_column("No.", width=14)
            table.add_column("Type", width=10)
            table.add_column("Place", width=24)
            for row in ROWS:
                table.add_row(*row)


def cells_as_textual(table: DeskTable) -> tuple[int, list[str]]:
    """How many cells DeskTable drew from its kept text, and those that differ from DataTable's drawing."""
    base = table.rich_style
    table._pseudo_class_state = table.get_pseudo_class_state()
    drawn, differing = 0, []
    for row in range(table.row_count):
        for column, spec in enumerate(table.columns.values()):
            width = spec.get_render_width(table)
            for cursor in (False, True):
                key = table._drawn_key(row, column, base, width, cursor, False)
                assert key is not None
                ours = table._styled_cell(row, column, key)
                table._cell_render_cache.clear()
                theirs = DataTable._render_cell(table, row, column, base, width, cursor, False)
                if ours is not None:
                    drawn += 1
                    if [list(line) for line in ours] != [list(line) for line in theirs]:
                        differing.append(f"row {row} column {column} cursor {cursor}")
    return drawn, differing


async def test_table_cells_in_every_look_are_textuals() -> None:
    """Focused and not, on the cursor's row and off it, wide characters and styled text: each cell
    DeskTable draws from its kept text is the segments DataTable draws."""
    app = TwoTables()
    async with app.run_test(size=(60, 20)) as pilot:
        first, second = app.query_one("#first", DeskTable), app.query_one("#second", DeskTable)
        first.focus()
        await pilot.pause()
        looks = []
        for _ in range(2):
            for table in (first, second):
                looks.append(cells_as_textual(table))
            await pilot.press("tab")
            await pilot.pause()
    assert all(drawn == 2 * 3 * 3 for drawn, _ in looks)
    assert [differing for _, differing in looks] == [[]] * 4


class Dialog(DeskModal[None]):
    DEFAULT_CSS = "Dialog { align: center middle; background: $background 60%; } Dialog Label { width: 20; }"

    def compose(self) -> ComposeResult:
        yield Label("a dialog")


async def test_dimmed_desk_is_textuals() -> None:
    """The desk behind a dialog, tinted once per style, is the segments Textual's own drawing gives."""
    app = TwoTables()
    async with app.run_test(size=(60, 20)) as pilot:
        app.query_one("#first", DeskTable).focus()
        await pilot.pause()
        app.push_screen(Dialog())
        await pilot.pause()
        dimmed = app.screen._dimmed
        assert dimmed is not None and dimmed.drawn_for is not None
        width, height, style = dimmed.drawn_for
        ours = dimmed._tinted_lines(width, height, style.rich_style)
        theirs = RichVisual(dimmed.screen, dimmed.background).render_strips(width, height, style, None)  # type: ignore[arg-type]
    assert ours is not None
    assert [list(strip) for strip in ours] == [list(strip) for strip in theirs]
