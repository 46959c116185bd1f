"""No command prints a traceback: every command of the real entry point, given bad input, ends in
one line on standard error and a non-zero status.

The commands are read from the Typer app itself, so a command added later is covered without
touching this file. Each is run through `console.entry:main` in its own process (see
`entry_driver.py`) with: an unknown option, its required parameters left out, a file that is not a
ledger, a ledger whose folder cannot exist, a read-only ledger, and a bad value in each of its
options on a healthy ledger. Every typed value is hostile text (an escape sequence that clears the
screen, a bell, a carriage return, a bidi override, broken markup), so each case also checks that
nothing printed lets a terminal obey it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command

from console.cli import app
from tests.cli.conftest import PROJECT
from tests.faults.test_fault_files import read_only_ledger  # noqa: F401  (a fixture)

HOSTILE = "X\x1b[2J\x1b[H\x07\r\u202e[/oops]"
"""Typed into every free-text value: clear screen, cursor home, bell, carriage return, RLO, bad markup."""
ACTING = ("\x1b", "\x07", "\r", "\u202e")
LEDGER_FREE = {"plans check", "plans list", "plans schema", "drill check"}
"""Commands that never open the ledger, so a broken `--db` does not concern them."""
DRIVER = Path(__file__).with_name("entry_driver.py")


@dataclass
class Case:
    name: str
    args: list[str]
    must_fail: bool = True
    env: dict[str, str] = field(default_factory=dict)
    status: int = -1
    out: str = ""
    err: str = ""


def leaf_commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    """(path, click command) of every command that runs something, from the app's own tree."""
    def walk(group: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
        for name, command in sorted(group.commands.items()):
            if hasattr(command, "commands"):
                yield from walk(command, (*path, name))
            else:
                yield (*path, name), command
    yield from walk(get_command(app), ())


def _annotation(param: Any) -> str:
    descriptor = getattr(param, "type_descriptor", None)
    return str(getattr(descriptor, "annotation", "str"))


def value_for(param: Any, folder: Path) -> str:
    """A value of the right type that is still bad: a missing file, an unwritable output, hostile text."""
    kind = _annotation(param)
    if "Path" in kind:
        if param.param_type_name == "option":
            return str(folder / "a-file" / f"out{HOSTILE}.txt")
        return str(folder / f"missing{HOSTILE}.csv")
    if "int" in kind:
        return "1"
    return HOSTILE


def filled(command: Any, folder: Path) -> list[str]:
    """The command's required parameters, each given a bad value of its type."""
    args: list[str] = []
    for param in command.params:
        if not param.required:
            continue
        if param.param_type_name == "option":
            args += [param.opts[0], value_for(param, folder)]
        else:
            args.append(value_for(param, folder))
    return args


def cases_for(path: tuple[str, ...], command: Any, ledgers: dict[str, Path], folder: Path) -> list[Case]:
    name = " ".join(path)
    required = filled(command, folder)
    healthy = ["--db", str(ledgers["healthy"])]
    cases = [Case(f"{name}: unknown option", [*healthy, *path, *required, "--no-such-option"])]
    if required:
        cases.append(Case(f"{name}: required parameters missing", [*healthy, *path]))
    ledger_needed = name not in LEDGER_FREE
    for ledger in ("not a database", "folder cannot exist", "read-only"):
        cases.append(Case(f"{name}: {ledger}", ["--db", str(ledgers[ledger]), *path, *required],
                          must_fail=ledger_needed and ledger != "read-only"))
    for param in command.params:
        if param.param_type_name != "option" or param.required or getattr(param, "is_flag", False) \
                or param.name == "help":
            continue
        bad = "many" if "int" in _annotation(param) else value_for(param, folder)
        cases.append(Case(f"{name}: bad {param.opts[0]}", [*healthy, *path, *required, param.opts[0], bad],
                          must_fail=False))
    if name == "demo":  # never let a case open the console: it would wait for keys
        for case in cases:
            case.args.insert(case.args.index("demo") + 1, "--no-console")
    return cases


def specific_cases(ledgers: dict[str, Path], folder: Path) -> list[Case]:
    """Bad input that only a command's own meaning makes bad."""
    db = ["--db", str(ledgers["healthy"])]
    not_a_table = folder / "units.csv"
    not_a_table.write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 50)
    return [
        Case("report incident: unknown incident", [*db, "report", "incident", f"20990101-{HOSTILE}"]),
        Case("report shift: unknown format", [*db, "report", "shift", "--format", "doc"]),
        Case("report shift: --shift and --from",
             [*db, "report", "shift", "--shift", "1", "--from", "2026-11-28 08:00"]),
        Case("report shift: unreadable time", [*db, "report", "shift", "--from", HOSTILE]),
        Case("report shift: unknown language", [*db, "report", "shift", "--lang", HOSTILE]),
        Case("warnings update: unknown warning", [*db, "warnings", "update", "999", "--area", HOSTILE]),
        Case("warnings lift: unknown warning", [*db, "warnings", "lift", "999"]),
        Case("warnings export: unknown warning", [*db, "warnings", "export", "999"]),
        Case("warnings issue: unknown level", [*db, "warnings", "issue", "--level", HOSTILE, "--type", "rainstorm",
                                               "--area", HOSTILE, "--text", HOSTILE]),
        Case("warnings issue: read-only ledger", ["--db", str(ledgers["read-only"]), "warnings", "issue",
                                                  "--level", "blue", "--type", "rainstorm", "--area", HOSTILE,
                                                  "--text", HOSTILE]),
        Case("import units: not a table", [*db, "import", "units", str(not_a_table)]),
        Case("export units: unknown format", [*db, "export", "units", "--format", HOSTILE]),
        Case("ledger export: unknown format", [*db, "ledger", "export", "--format", "csv"]),
        Case("plans check: missing file", ["plans", "check", str(folder / f"no{HOSTILE}.yaml")]),
        Case("drill check: missing file", ["drill", "check", str(folder / f"no{HOSTILE}.yaml")]),
        Case("drill run: unknown scenario", [*db, "drill", "run", f"no{HOSTILE}"]),
        Case("drill run: speed zero", [*db, "drill", "run", "rainstorm_flooded_road", "--speed", "0"]),
        Case("drill stop: unknown drill", [*db, "drill", "stop", f"D{HOSTILE}"]),
        Case("report drill: unknown drill", [*db, "report", "drill", f"D{HOSTILE}"]),
        Case("report assessment: not a month", [*db, "report", "assessment", "--month", HOSTILE]),
        Case("plans list: missing folder", ["plans", "list", "--folder", str(folder / f"no{HOSTILE}")]),
        Case("backup: destination cannot be written", [*db, "backup", str(folder / "a-file" / "copy.db")]),
        Case("unknown command", [*db, f"no-such-command{HOSTILE}"]),
        Case("unknown language", ["--lang", HOSTILE, "ledger", "verify"]),
        Case("unknown root option", ["--no-such-option", "ledger", "verify"]),
    ]


def run_all(cases: list[Case], folder: Path) -> None:
    """All cases in one driver process: one import, one fork per case."""
    orders = []
    for number, case in enumerate(cases):
        env = {"LINKDESK_OPERATOR": "tester", "LINKDESK_LOG_DIR": str(folder / "logs"), **case.env}
        orders.append({"args": case.args, "env": env,
                       "out": str(folder / f"{number}.out"), "err": str(folder / f"{number}.err")})
    done = subprocess.run([sys.executable, str(DRIVER)], input=json.dumps(orders), capture_output=True, text=True,
                          cwd=PROJECT, env={**os.environ}, timeout=900)
    assert done.returncode == 0, done.stderr
    for number, (case, status) in enumerate(zip(cases, json.loads(done.stdout), strict=True)):
        case.status = status
        case.out = (folder / f"{number}.out").read_text(encoding="utf-8", errors="replace")
        case.err = (folder / f"{number}.err").read_text(encoding="utf-8", errors="replace")


def make_ledgers(folder: Path, migrated_template: Path) -> tuple[dict[str, Path], Path]:
    """A healthy ledger (a copy of the migrated template), a file that is not one, and a ledger
    path whose folder cannot exist."""
    (folder / "a-file").write_text("a file where a folder is expected\n", encoding="utf-8")
    junk = folder / "notes.db"
    junk.write_text("shift notes, not a ledger\n" * 100, encoding="utf-8")
    healthy = folder / "ledger.db"
    shutil.copyfile(migrated_template, healthy)
    return {"healthy": healthy, "not a database": junk, "folder cannot exist": folder / "a-file" / "ledger.db"}, folder


CASES_PER_ITEM = 15
"""About fifteen cases per test item, so xdist spreads the commands over its workers."""


def command_chunks() -> list[list[tuple[str, ...]]]:
    """The leaf commands in the app's order, packed into runs of about CASES_PER_ITEM cases each."""
    placeholder = {name: Path(name) for name in ("healthy", "not a database", "folder cannot exist", "read-only")}
    chunks: list[list[tuple[str, ...]]] = [[]]
    size = 0
    for path, command in leaf_commands():
        count = len(cases_for(path, command, placeholder, Path("folder")))
        if chunks[-1] and size + count > CASES_PER_ITEM:
            chunks.append([])
            size = 0
        chunks[-1].append(path)
        size += count
    return chunks


CHUNKS = command_chunks()
SPECIFIC = ("specific",)
"""The item of `specific_cases`: bad input that only a command's own meaning makes bad."""


def problems_of(cases: list[Case]) -> list[str]:
    """What each case printed or returned that a user must never see."""
    problems = []
    for case in cases:
        lines = case.err.splitlines()
        if "Traceback" in case.out + case.err:
            problems.append(f"{case.name}: traceback\n{case.err}")
        elif case.must_fail and case.status == 0:
            problems.append(f"{case.name}: exit 0 on bad input")
        elif case.status != 0 and (len(lines) != 1 or not lines[0].startswith("linkdesk")):
            problems.append(f"{case.name}: exit {case.status} with stderr {case.err!r}")
        elif "unexpected failure" in case.err:
            problems.append(f"{case.name}: a failure nobody foresaw: {case.err}")
        elif any(character in case.out + case.err for character in ACTING):
            problems.append(f"{case.name}: acting character printed: {(case.out + case.err)!r}")
    return problems


def test_the_chunks_cover_every_command_once() -> None:
    """A command added later lands in some item, and none is run twice."""
    chunked = [path for chunk in CHUNKS for path in chunk]
    assert chunked == [path for path, _command in leaf_commands()]


@pytest.mark.parametrize("chunk", [*CHUNKS, [SPECIFIC]], ids=lambda chunk: " ".join(chunk[0]))
def test_every_command_fails_in_one_line_without_a_traceback(
        chunk: list[tuple[str, ...]], tmp_path: Path, migrated_template: Path, read_only_ledger: Path) -> None:  # noqa: F811
    ledgers, folder = make_ledgers(tmp_path, migrated_template)
    ledgers = {**ledgers, "read-only": read_only_ledger}
    if chunk == [SPECIFIC]:
        cases = specific_cases(ledgers, folder)
    else:
        wanted = set(chunk)
        cases = [case for path, command in leaf_commands() if path in wanted
                 for case in cases_for(path, command, ledgers, folder)]
    run_all(cases, folder)
    problems = problems_of(cases)
    assert not problems, f"{len(problems)} of {len(cases)} cases:\n" + "\n".join(problems)
