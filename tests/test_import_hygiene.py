"""model/ stays headless: usable from scripts and tests without the UI or CLI packages."""

from __future__ import annotations

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
