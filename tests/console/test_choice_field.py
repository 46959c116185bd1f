"""A choice field closed before it was built ends nothing: the desk builds its intake form ahead in
its first seconds, and quitting then (or a screen closing while it builds) closed its choices half
made; Textual's Select then raised on mounting and the console ended on a traceback."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Select

from console.widgets.choice import ChoiceField


class Holder(App[None]):
    def compose(self) -> ComposeResult:
        yield Vertical(id="box")


async def test_a_choice_closed_while_it_is_built_raises_nothing() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        box = app.query_one("#box")
        box.mount(ChoiceField([("Phone", "phone"), ("Radio", "radio")], value="phone"))
        box.remove()
        await pilot.pause()
        assert not app.query(Select)
    assert app.return_code in (None, 0)


async def test_a_choice_built_whole_shows_its_value_and_opens() -> None:
    app = Holder()
    async with app.run_test() as pilot:
        field = ChoiceField([("Phone", "phone"), ("Radio", "radio")], value="phone")
        await app.query_one("#box").mount(field)
        await pilot.pause()
        assert "Phone" in str(field.query_one("#label").render())
        field.focus()
        await pilot.press("enter", "down", "enter")
        assert field.value == "radio"
