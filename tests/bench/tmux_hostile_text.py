"""Proof in a real terminal that hostile text leaves the terminal alone (run by hand, needs tmux).

    uv run python tests/bench/tmux_hostile_text.py [LEDGER]

Seeds the demo into LEDGER (default /tmp/disp.db), imports units and resources whose name,
address, contact and resource name are full of escape sequences (title-setting OSC, clear screen,
red, CR, U+202E), receives an incident with such a caller through the model, then runs the console
in a detached tmux session and reads back the pane's title and screen. Prints what it found and
exits 1 if the title changed, an escape survived on screen, or the layout lost its status bar.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x1b[31m红\r\u202e"
SESSION = "disp"
PROJECT = Path(__file__).resolve().parents[2]


def linkdesk(ledger: Path, *args: str) -> None:
    subprocess.run(["uv", "run", "linkdesk", "--db", str(ledger), *args], cwd=PROJECT, check=True)


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def seed(ledger: Path) -> None:
    linkdesk(ledger, "demo", "--no-console", "--reset")
    folder = ledger.parent
    units = write(folder / "hostile-units.csv",
                  ["code", "name", "kind", "tier", "duty_phone", "address", "lat", "lon", "contact"],
                  [["EV1", f"恶意单位{HOSTILE}", "fire", "1", f"119{HOSTILE}", f"港城大道{HOSTILE}77号", "", "",
                    f"张三{HOSTILE}"]])
    linkdesk(ledger, "import", "units", str(units))
    resources = write(folder / "hostile-resources.csv",
                      ["code", "unit", "type", "name", "status", "lat", "lon", "capacity"],
                      [["EV1-01", "EV1", "fire_engine", f"水罐车{HOSTILE}", "", "", "", f"8吨{HOSTILE}"]])
    linkdesk(ledger, "import", "resources", str(resources))
    sys.path.insert(0, str(PROJECT))
    from model import actions
    from model.db import open_ledger, sqlite_url, write_session
    from model.schemas import ReportIn

    engine = open_ledger(sqlite_url(ledger))
    actions.load()
    with write_session(engine) as session:
        actions.receive_report(session=session, operator="tmux", report=ReportIn(
            channel="phone", type="fire", address=f"港城大道{HOSTILE}77号", description=f"起火{HOSTILE}",
            caller_name=f"李四{HOSTILE}", caller_phone=f"138{HOSTILE}0000"))
    engine.dispose()


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def main() -> int:
    ledger = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/disp.db")
    seed(ledger)
    tmux("kill-session", "-t", SESSION)
    tmux("new-session", "-d", "-s", SESSION, "-x", "160", "-y", "48")
    before = tmux("display", "-p", "-t", SESSION, "#{pane_title}").strip()
    tmux("send-keys", "-t", SESSION, f"cd {PROJECT} && uv run linkdesk --db {ledger} demo", "Enter")
    for _ in range(120):  # until the queue shows the hostile incident's place
        time.sleep(1)
        if "港城大道" in tmux("capture-pane", "-p", "-t", SESSION):
            break
    time.sleep(2)
    title = tmux("display", "-p", "-t", SESSION, "#{pane_title}").strip()
    screen = tmux("capture-pane", "-p", "-t", SESSION)
    raw = tmux("capture-pane", "-p", "-e", "-t", SESSION)
    tmux("send-keys", "-t", SESSION, "C-q")
    time.sleep(2)
    tmux("kill-session", "-t", SESSION)
    print(screen)
    print(f"pane title before: {before!r}  while the console ran: {title!r}")
    problems = []
    if "pwned" in title:
        problems.append("the terminal's title was changed")
    if "\x1b]0" in raw or "pwned\x07" in raw:
        problems.append("a title-setting sequence reached the screen")
    lines = screen.splitlines()
    if len(lines) != 48 or not lines[0].startswith("╭─") or not any(line.startswith("╰─") for line in lines[-6:]):
        problems.append("the layout is not the console's: panes moved or the screen was cleared")
    if "港城大道" not in screen:
        problems.append("the hostile incident never showed in the queue")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
