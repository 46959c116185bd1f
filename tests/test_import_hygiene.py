"""model/ stays headless: usable from scripts and tests without the UI or CLI packages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import model

UI_PACKAGES = ("textual", "rich", "typer")


def test_model_imports_no_ui_package() -> None:
    modules = sorted(
        "model." + ".".join(path.relative_to(Path(model.__file__).parent).with_suffix("").parts)
        for path in Path(model.__file__).parent.rglob("*.py")
        if "migrations" not in path.parts and path.name != "__init__.py"
    )
    script = (
        "import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {UI_PACKAGES!r})\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


CONSOLE = Path(model.__file__).parent.parent / "console"
READ_MODULES = ("queries", "desk_reads", "follow", "plan_read", "plan_view", "lookups", "recommend",
                "warnings_view", "dispatching", "grading", "checklist", "timeline", "upward",
                "shift_report", "incident_report", "history", "sign_ins", "directory")
"""The model's read side: what the console and the CLI read, never writing."""


def _runtime_imports(tree: ast.Module) -> list[str]:
    """Modules a file imports when it runs (those under `if TYPE_CHECKING:` only name types)."""
    names: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def test_console_runs_no_sql() -> None:
    """All of console/ (screens, panes, controllers, the CLI's commands, the reports) gets dataclasses
    from model reads: no SQL, no session method, no ORM import (type hints under TYPE_CHECKING aside)."""
    offenders = []
    for path in sorted(CONSOLE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        imported = [name for name in _runtime_imports(ast.parse(text))
                    if name.split(".")[0] in ("sqlalchemy", "sqlmodel") or name == "model.tables"]
        said = [word for word in ("select(", "session.") if word in text]
        if imported or said:
            offenders.append(f"{path.relative_to(CONSOLE)}: {imported + said}")
    assert offenders == []


def test_no_read_module_imports_the_actions() -> None:
    package = Path(model.__file__).parent
    offenders = []
    for name in READ_MODULES:
        path = package / f"{name}.py"
        imported = [module for module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8")))
                    if module == "model.actions" or module.startswith("model.actions.")]
        if imported or "from model import actions" in path.read_text(encoding="utf-8"):
            offenders.append(f"{name}: {imported}")
    assert offenders == []
