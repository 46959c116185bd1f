"""A focus move restyles the nodes whose look follows `:focus-within`, not the whole panes.

When the focus moves, Textual (`Screen._update_focus_styles`, textual 8.2.8) restyles every node
under the outermost ancestor of the focused and of the blurred widget that has a `:focus-within`
rule: on the desk, each pane with everything in it, a table's twelve component classes among them.
Only nodes that some `:focus-within` rule can reach may change: the rule's last selector names them
(as `Stylesheet.apply` finds a node's rules by the names in `DOMNode._selector_names`), or names one
of their component classes. The tables' own `:focus` look is restyled apart, when their `has_focus`
changes (`Widget.watch_has_focus`), after this pass, which sees it unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet
    from textual.dom import DOMNode
    from textual.widget import Widget

_names_for: dict[int, tuple[object, frozenset[str]]] = {}
"""Per stylesheet: its rules as last read and the selector names of those that use `:focus-within`."""


def focus_within_names(stylesheet: Stylesheet) -> frozenset[str]:
    """The names (`Type`, `#id`, `.class`, `*`) in the last selector of any rule that uses `:focus-within`."""
    rules = stylesheet.rules
    kept = _names_for.get(id(stylesheet))
    if kept is not None and kept[0] is rules:
        return kept[1]
    names = frozenset(name for rule in rules if "focus-within" in rule.pseudo_classes for name in rule.selector_names)
    _names_for[id(stylesheet)] = (rules, names)
    return names


def follows_focus_within(node: DOMNode, names: frozenset[str]) -> bool:
    """Whether a `:focus-within` rule may apply to the node or to one of its component classes."""
    if not names.isdisjoint(node._selector_names):
        return True
    return any(f".{component}" in names for component in node._get_component_classes())


def restyle_focus_within(stylesheet: Stylesheet, focused: Widget | None, blurred: Widget | None) -> None:
    """Restyle, under the outermost `:focus-within` ancestor of each of the two widgets, only the
    nodes such a rule may apply to."""
    names = focus_within_names(stylesheet)
    nodes: set[DOMNode] = set()
    for widget in (focused, blurred):
        if widget is None:
            continue
        for ancestor in reversed(widget.ancestors_with_self):
            if ancestor._has_focus_within:
                nodes.update(node for node in ancestor.walk_children(with_self=True)
                             if follows_focus_within(node, names))
                break
    if nodes:
        stylesheet.update_nodes(nodes, animate=True)
