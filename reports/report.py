"""The annual analytical report: what it says (sections.py) written with the .docx blocks (docx.py)."""

from __future__ import annotations

from pathlib import Path

from nastavnik.reports.docx import Writer
from nastavnik.reports.model import AnnualData
from nastavnik.reports.sections import build


def write_report(data: AnnualData, path: Path) -> None:
    """Build the annual report for `data` and save it to `path`."""
    writer = Writer(
        f"Аналитический отчёт о наставничестве за {data.label} учебный год", data.organisation
    )
    build(writer, data)
    writer.save(path)
