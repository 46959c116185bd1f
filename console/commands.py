"""Command palette: every workflow by name, titled "group: Action"."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from model.text import _


class DeskCommands(Provider):
    def _commands(self) -> list[tuple[str, str]]:
        from console.screens.main import GROUPS, KEYS

        return [(_("{group}: {action}").format(group=_(GROUPS[key.group]), action=_(key.title)), f"work('{key.name}')")
                for key in KEYS]

    async def discover(self) -> Hits:
        for title, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, action))

    async def _run(self, action: str) -> None:
        await self.app.screen.run_action(action)
