"""Printed reports: the shift report at every handover and the upward report of an incident.

`write_shift_report` is what the console's "write the current shift report" key calls from a
worker thread; the CLI calls the same functions.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from console.reports.document import Document
from console.reports.html import render_html
from console.reports.incident_layout import incident_document
from console.reports.labels import Labels
from console.reports.printing import NoPrinter, send_to_printer
from console.reports.shift_layout import shift_document
from console.reports.text import render_text
from model.config import load_config
from model.db import engine_name, read_session, translated
from model.errors import DomainError
from model.incident_report import gather_incident
from model.shift_report import gather_shift, resolve_period
from model.text import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

FORMATS = ("pdf", "html", "txt")


def reports_dir() -> Path:
    """Where reports go unless told otherwise: a reports folder in the user data directory."""
    from platformdirs import user_data_path

    return user_data_path("linkdesk") / "reports"


def render(document: Document, fmt: str) -> bytes:
    """The document in one of FORMATS, as the bytes of the file."""
    if fmt == "pdf":
        from console.reports.pdf import render_pdf  # fpdf and its font tables: only when a PDF is asked for

        return render_pdf(document)
    if fmt == "html":
        return render_html(document).encode("utf-8")
    if fmt == "txt":
        return render_text(document).encode("utf-8")
    raise DomainError(_("unknown report format {format!r}; choose pdf, html or txt").format(format=fmt))


def _write(data: bytes, output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    return output


def _where(engine: Engine) -> str:
    """The ledger as a refusal names it: the file, or the server's URI without its password."""
    return engine_name(engine) if engine.url.database else _("the ledger")


def write_shift_report(engine: Engine, *, fmt: str = "pdf", output: Path | None = None, include_drills: bool = False,
                       shift_id: int | None = None, start: datetime | None = None, end: datetime | None = None,
                       lang: str = "zh") -> Path:
    """Write the report of a shift (default: the current or last one) and return where it went."""
    labels = Labels(lang)
    where = _where(engine)
    with translated(where), read_session(engine) as session:
        period = resolve_period(session, shift_id=shift_id, start=start, end=end)
        report = gather_shift(session, period, include_drills=include_drills, lang=lang)
    data = render(shift_document(report, labels), fmt)
    stem = f"shift-{period.shift_id}" if period.shift_id is not None else "shift"
    default = reports_dir() / f"{stem}-{period.start.astimezone(load_config().tz):%Y%m%d-%H%M}.{fmt}"
    return _write(data, output or default)


def write_incident_report(engine: Engine, number: str, *, kind: str | None = None, fmt: str = "pdf",
                          output: Path | None = None, lang: str = "zh") -> Path:
    """Write the upward report of incident `number` and return where it went."""
    labels = Labels(lang)
    with translated(_where(engine)), read_session(engine) as session:
        report = gather_incident(session, number, kind=kind, lang=lang)
    data = render(incident_document(report, labels), fmt)
    printed = report.printed_at.astimezone(load_config().tz)
    default = reports_dir() / f"incident-{number}-{report.kind}-{printed:%Y%m%d-%H%M}.{fmt}"
    return _write(data, output or default)


def write_drill_report(engine: Engine, drill_id: str, *, fmt: str = "pdf", output: Path | None = None,
                       lang: str = "zh") -> Path:
    """Write the assessment report of one drill (score, times, steps, timeline) and return where it went."""
    from console.reports.drill_layout import drill_document
    from model import clock
    from model.drill_record import drill_record
    from model.drill_score import score_drill
    from model.plan_read import plan_step_titles
    from model.timefmt import show

    labels = Labels(lang)
    config = load_config()
    with translated(_where(engine)), read_session(engine) as session:
        record = drill_record(session, drill_id)
        if record is None:
            raise DomainError(_("drill {id} does not exist").format(id=drill_id))
        score = score_drill(session, record, clock.now())
        titles = plan_step_titles(session, record.incident_numbers, lang)
    printed = labels("printed", at=show(clock.now(), lang=lang))
    center = config.center_name if lang == "zh" else config.center_name_en
    data = render(drill_document(score, labels, titles, center, printed), fmt)
    default = reports_dir() / f"drill-{drill_id}.{fmt}"
    return _write(data, output or default)


def write_assessment_report(engine: Engine, month: str, *, fmt: str = "pdf", output: Path | None = None,
                            lang: str = "zh") -> Path:
    """Write the month's assessment (per unit and per officer) and return where it went."""
    from console.reports.assessment_layout import assessment_document
    from model import clock
    from model.assessment import assess
    from model.timefmt import show

    labels = Labels(lang)
    config = load_config()
    with translated(_where(engine)), read_session(engine) as session:
        report = assess(session, month)
    printed = labels("printed", at=show(clock.now(), lang=lang))
    center = config.center_name if lang == "zh" else config.center_name_en
    data = render(assessment_document(report, labels, center, printed), fmt)
    return _write(data, output or reports_dir() / f"assessment-{month}.{fmt}")


__all__ = [
    "FORMATS",
    "NoPrinter",
    "reports_dir",
    "send_to_printer",
    "write_assessment_report",
    "write_drill_report",
    "write_incident_report",
    "write_shift_report",
]
