"""Dialogs over the desk: the dimmed desk behind them is drawn once, not at every repaint of the dialog.

Textual draws a modal screen's translucent background by rendering the whole screen beneath it
and tinting every segment, each time any part of the modal repaints (every focus move in a form
repaints the whole modal). The desk beneath changes rarely while a dialog is open (its clock and
countdowns wait, see `MainScreen.tick`), so a dialog here keeps the dimmed desk it drew and draws
it again only when the desk beneath repaints something or the size changes.

Drawing it goes through Rich in Textual: the desk's lines joined into one stream of segments,
each tinted (`BackgroundScreen.process_segments`), given the dialog's base style (`Widget.post_render`,
its `_Styled`) and cut into lines again (`RichVisual.render_strips`), most of the cost of opening a
dialog. The desk shows a few dozen styles in some thousands of segments: `DimmedDesk` tints each
style once and takes the desk's lines as they are (textual 8.2.8's steps, in their order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from rich.segment import Segment
from rich.style import NULL_STYLE
from rich.style import Style as RichStyle
from textual import events
from textual.color import Color
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.visual import RichVisual, Visual

from console.screens.pacing import PacedScreen

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.css.styles import RulesMap
    from textual.geometry import Region
    from textual.style import Style
    from textual.visual import RenderOptions
    from textual.widget import Widget

ResultType = TypeVar("ResultType")


class DimmedDesk(Visual):
    """The tinted screen beneath a dialog, rendered once per size and kept."""

    def __init__(self, screen: Widget, background: BackgroundScreen) -> None:
        self.screen = screen
        self.background = background
        """What Textual would draw: the screen beneath, tinted (a Rich renderable)."""
        self.strips: list[Strip] | None = None
        self.drawn_for: tuple[int, int | None, Style] | None = None

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if self.strips is None or self.drawn_for != (width, height, style):
            strips = self._tinted_lines(width, height, style.rich_style)
            if strips is None:
                strips = RichVisual(self.screen, self.background).render_strips(width, height, style, options)
            self.strips = strips
            self.drawn_for = (width, height, style)
        return self.strips

    def _tinted_lines(self, width: int, height: int | None, base: RichStyle) -> list[Strip] | None:
        """The desk's lines, each segment's style tinted as Textual tints it, then under the dialog's
        base style; None (draw it through Rich) for lines wider than the dialog or control segments."""
        tints = _Tints(self.background.color, base, self.screen.link_style if self.screen.auto_links else None)
        lines: list[Strip] = []
        for strip in self.background.screen._compositor.render_strips()[:height]:
            if strip.cell_length > width:
                return None
            if any(control for _text, _style, control in strip):
                return None
            segments = [Segment(text, tints[style]) for text, style, _control in strip]
            lines.append(Strip(segments, strip.cell_length))
        return lines

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.strips) if self.strips is not None else 0


class _Tints(dict[RichStyle | None, RichStyle]):
    """Each segment style of the desk as Textual draws it beneath a dialog (`process_segments`, then
    `_Styled`), worked out once."""

    def __init__(self, color: Color, base: RichStyle, link_style: RichStyle | None) -> None:
        super().__init__()
        self.color = color
        self.base = base
        self.link_style = link_style

    def __missing__(self, style: RichStyle | None) -> RichStyle:
        color = self.color
        tinted = NULL_STYLE if style is None else style.clear_meta_and_links()
        if color.a:
            tinted = tinted + RichStyle.from_color(
                (Color.from_rich_color(tinted.color) + color).rich_color if tinted.color is not None else None,
                (Color.from_rich_color(tinted.bgcolor) + color).rich_color if tinted.bgcolor is not None else None)
        if self.base:
            tinted = self.base + tinted
        if self.link_style and tinted._meta is not None and "@click" in tinted.meta:
            tinted = tinted + self.link_style
        self[style] = tinted
        return tinted


class DeskModal(PacedScreen[ResultType], ModalScreen[ResultType]):
    """A modal screen whose dimmed background is kept between its repaints."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._dimmed: DimmedDesk | None = None
        self.styled_for: tuple[object, ...] | None = None
        """The theme this screen's widgets were last styled under (set once it has been shown)."""

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """A dialog shown again (a kept form) keeps the styles it had unless the theme changed meanwhile:
        Textual would restyle every widget of it at each showing, most of the cost of opening it."""
        theme = (self.app.theme, self.app.ansi_color)
        if self.styled_for == theme:
            event.refresh_styles = False
        self.styled_for = theme

    def render(self) -> RenderableType | Visual:
        # Always asked: rendering a translucent screen takes the next screen beneath off the stack.
        background = super().render()
        if not isinstance(background, BackgroundScreen):
            self._dimmed = None
            return background
        if self._dimmed is None:
            self._dimmed = DimmedDesk(self, background)
        return self._dimmed

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> DeskModal[ResultType]:
        """A repaint of given regions comes from the screen beneath (or a scroll): draw the desk again."""
        if regions or layout:
            self._dimmed = None
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self
