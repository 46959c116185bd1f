"""The views that read the whole center: the map (M) and the situation board (B); neither writes."""

from __future__ import annotations

from console.controllers.base import Controller, Key
from model.text import N_


class SituationController(Controller):
    """Opens the map on the queue's incident, handing it the queue's `follow` so a choice on the map
    moves the queue too, and the board."""

    KEYS = (
        Key("M", "map", "desk", N_("Map")),
        Key("B", "board", "desk", N_("Situation board")),
    )

    def map(self) -> None:
        from console.screens.map import MapScreen

        self.app.push_screen(MapScreen(self.desk, self.selected_incident(), self.screen.queue.follow))

    def board(self) -> None:
        from console.screens.board import BoardScreen

        self.app.push_screen(BoardScreen(self.desk))
