"""WHAT the workbook is: every sheet declared once (row model + column metadata).

`REGISTRY_SHEETS` lists the input sheets in workbook order; `SERVICE_SHEETS` the sheets
the service owns. Layout (`init`), validation and the README reference all come from here.
"""

from __future__ import annotations

from nastavnik.sheets_schema import service
from nastavnik.sheets_schema.base import SheetSpec
from nastavnik.sheets_schema.sheets import (
    assessment,
    competitions,
    feedback,
    incentives,
    meetings,
    pairs,
    plan_graph,
    practices,
    programmes,
    responsibles,
    roadmap,
    settings,
    stages,
    teachers,
    training,
)

REGISTRY_SHEETS: tuple[SheetSpec, ...] = (
    teachers.SPEC,
    pairs.SPEC,
    programmes.SPEC,
    stages.SPEC,
    meetings.SPEC,
    feedback.SPEC,
    assessment.SPEC,
    training.SPEC,
    competitions.SPEC,
    incentives.SPEC,
    practices.SPEC,
    roadmap.SPEC,
    plan_graph.SPEC,
    responsibles.SPEC,
    settings.SPEC,
)
SERVICE_SHEETS: tuple[SheetSpec, ...] = (
    service.SUMMARY,
    service.ATTENTION,
    service.ERRORS,
    service.MONITORING,
    service.JOURNAL,
    service.REPORTS,
)
ALL_SHEETS: tuple[SheetSpec, ...] = SERVICE_SHEETS[:3] + REGISTRY_SHEETS + SERVICE_SHEETS[3:]
