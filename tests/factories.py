"""Small factories for rule tests: rows keyed by header, snapshots, and a run of the rules.

Row factories (`teacher`, `pair`, `programme`, …) take overrides by model field name
(``pair(status="планируется")``) and return a row keyed by the declared header text.
Their defaults make a VALID row as of `TODAY`: the default mentor and mentee exist, the
default pair НП-001 links them with every document, programme ПР-001 belongs to it.
A value of `BLANK` leaves the cell empty.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

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
from nastavnik.sheets_schema.text import header_key
from nastavnik.sync.compute.findings import SheetResult
from nastavnik.sync.snapshot import Cell, Snapshot, make_table

TODAY = date(2025, 11, 20)
MENTOR = "Иванова Мария Петровна"
MENTEE = "Петров Пётр Сергеевич"
PAIR_CODE = "НП-001"
PROGRAMME_CODE = "ПР-001"
BLANK = None

Row = dict[str, Cell]
Results = dict[str, SheetResult]

SHEETS: dict[str, SheetSpec] = {
    "teachers": teachers.SPEC,
    "pairs": pairs.SPEC,
    "programmes": programmes.SPEC,
    "stages": stages.SPEC,
    "meetings": meetings.SPEC,
    "feedback": feedback.SPEC,
    "assessment": assessment.SPEC,
    "training": training.SPEC,
    "competitions": competitions.SPEC,
    "incentives": incentives.SPEC,
    "practices": practices.SPEC,
    "roadmap": roadmap.SPEC,
    "plan_graph": plan_graph.SPEC,
    "responsibles": responsibles.SPEC,
    "settings": settings.SPEC,
}


# --- grids and snapshots ---------------------------------------------------------------


def headers(spec: SheetSpec) -> list[str]:
    """The declared headers of a sheet, in declared order."""
    return [col.header for col in spec.columns]


def grid(spec: SheetSpec, rows: Sequence[Mapping[str, object]]) -> list[list[Cell]]:
    """A sheet grid (header row first) from rows keyed by declared header text."""
    names = headers(spec)
    keys = {header_key(name): n for n, name in enumerate(names)}
    out: list[list[Cell]] = [list(names)]
    for row in rows:
        cells: list[Cell] = [None] * len(names)
        for header, value in row.items():
            if header_key(header) not in keys:
                raise KeyError(f"«{header}» is not a column of «{spec.title}»")
            cells[keys[header_key(header)]] = _cell(value)
        out.append(cells)
    return out


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | bool | date):
        return value
    raise TypeError(f"not a cell value: {value!r}")


def without_column(rows: Sequence[Sequence[Cell]], header: str) -> list[list[Cell]]:
    """The grid with one column (found by header text) taken out, as if staff deleted it."""
    index = [header_key(str(h)) for h in rows[0]].index(header_key(header))
    return [[c for n, c in enumerate(r) if n != index] for r in rows]


def drop_column(snap: Snapshot, title: str, header: str) -> Snapshot:
    """The snapshot with one column of one sheet taken out (a required one makes it unusable)."""
    grids = {t.title: [list(t.header), *map(list, t.rows)] for t in snap.tables.values()}
    grids[title] = without_column(grids[title], header)
    return snapshot_of(grids)


def snapshot_of(grids: Mapping[str, Sequence[Sequence[Cell]]]) -> Snapshot:
    """A snapshot holding exactly these sheets (title → grid with its header row)."""
    tables = {title: make_table(title, g) for title, g in grids.items()}
    return Snapshot(tables, order=tuple(tables))


def snapshot(**sheets: Sequence[Mapping[str, object]]) -> Snapshot:
    """A snapshot of every registry sheet; named ones (``pairs=[pair()]``) get these rows.

    Sheets not named are present with just their header row, so they are usable and empty.
    Names are the keys of `SHEETS` (teachers, pairs, programmes, stages, meetings, …).
    """
    unknown = set(sheets) - set(SHEETS)
    if unknown:
        raise KeyError(f"unknown sheet names: {sorted(unknown)}")
    return snapshot_of(
        {spec.title: grid(spec, sheets.get(name, ())) for name, spec in SHEETS.items()}
    )


def workbook(**sheets: Sequence[Mapping[str, object]]) -> Snapshot:
    """Like `snapshot`, but teachers, pairs and programmes default to the valid basics.

    ``workbook(meetings=[meeting()])`` has the default mentor and mentee, pair НП-001 and
    programme ПР-001; pass ``pairs=[...]`` (etc.) to replace any of them.
    """
    defaults: dict[str, Sequence[Mapping[str, object]]] = {
        "teachers": people(),
        "pairs": [pair()],
        "programmes": [programme()],
    }
    return snapshot(**{**defaults, **sheets})


# --- row factories (overrides by model field name) ---------------------------------------


def row_of(spec: SheetSpec, defaults: Mapping[str, object], overrides: Mapping[str, Any]) -> Row:
    """A row keyed by header from field-name defaults and overrides."""
    by_field = dict(zip(spec.field_names, spec.field_headers, strict=True))
    merged = {**defaults, **overrides}
    unknown = set(merged) - set(by_field)
    if unknown:
        raise KeyError(f"unknown fields of «{spec.title}»: {sorted(unknown)}")
    return {by_field[name]: _cell(value) for name, value in merged.items()}


def teacher(**overrides: Any) -> Row:
    """A valid teacher (by default the mentor: 15 years of experience, «высшая»)."""
    defaults = {
        "fio": MENTOR,
        "position": "учитель",
        "subject": "математика",
        "career_start": date(2010, 9, 1),
        "hired": date(2015, 9, 1),
        "category": "высшая",
        "role": "наставник",
        "pd_consent": "да",
    }
    return row_of(teachers.SPEC, defaults, overrides)


def young_teacher(**overrides: Any) -> Row:
    """A valid young specialist who is a mentee (by default the default mentee)."""
    defaults = {
        "fio": MENTEE,
        "career_start": date(2024, 9, 1),
        "hired": date(2024, 9, 1),
        "birth_year": 2001,
        "category": "без категории",
        "role": "наставляемый",
        "grounds": "молодой специалист",
    }
    return teacher(**{**defaults, **overrides})


def people() -> list[Row]:
    """The default mentor and mentee."""
    return [teacher(), young_teacher()]


def pair(**overrides: Any) -> Row:
    """A valid active pair НП-001 of the default mentor and mentee, with every document."""
    defaults = {
        "code": PAIR_CODE,
        "mentor": MENTOR,
        "mentee": MENTEE,
        "form": "традиционная (один на один)",
        "start": date(2025, 9, 1),
        "planned_end": date(2026, 5, 31),
        "order_no": "112-ОД",
        "order_date": date(2025, 8, 29),
        "mentor_consent": date(2025, 8, 25),
        "mentee_consent": date(2025, 8, 26),
        "agreement": "ДС № 7 от 29.08.2025",
        "status": "действует",
    }
    return row_of(pairs.SPEC, defaults, overrides)


def programme(**overrides: Any) -> Row:
    """A valid programme ПР-001 of pair НП-001, «реализуется», approved."""
    defaults = {
        "code": PROGRAMME_CODE,
        "pair_code": PAIR_CODE,
        "name": "ИОМ молодого учителя математики",
        "goal": "Освоить методику урока открытия нового знания",
        "start": date(2025, 9, 15),
        "end": date(2026, 5, 31),
        "status": "реализуется",
        "approved": date(2025, 9, 12),
    }
    return row_of(programmes.SPEC, defaults, overrides)


def stage(**overrides: Any) -> Row:
    """A valid stage of ПР-001, due well after `TODAY` (state «в срок»)."""
    defaults = {
        "programme_code": PROGRAMME_CODE,
        "activity": "Посещение уроков наставника",
        "due": date(2026, 2, 27),
    }
    return row_of(stages.SPEC, defaults, overrides)


def meeting(**overrides: Any) -> Row:
    """A valid past meeting of НП-001 inside its period (recent: the pair is «ок»)."""
    defaults = {
        "day": date(2025, 11, 10),
        "pair_code": PAIR_CODE,
        "format": "встреча / консультация",
        "topic": "Планирование уроков",
        "minutes": 45,
    }
    return row_of(meetings.SPEC, defaults, overrides)


def feedback_answer(**overrides: Any) -> Row:
    """A valid answer of the mentor of НП-001 (November: outside the waves)."""
    defaults = {
        "day": date(2025, 11, 10),
        "pair_code": PAIR_CODE,
        "respondent": "наставник",
        "satisfaction": 8,
        "usefulness": 9,
    }
    return row_of(feedback.SPEC, defaults, overrides)


def assessment_row(**overrides: Any) -> Row:
    """A valid «входная» assessment of the default mentee this academic year."""
    defaults = {
        "fio": MENTEE,
        "day": date(2025, 10, 10),
        "stage": "входная",
        "competence": 5,
        "readiness": 6,
        "satisfaction": 7,
        "burnout": 4,
    }
    return row_of(assessment.SPEC, defaults, overrides)


def course(**overrides: Any) -> Row:
    """A valid finished course of the default mentor."""
    defaults = {
        "fio": MENTOR,
        "kind": "курсы ПК",
        "topic": "Наставничество в образовательной организации",
        "organisation": "ИРО",
        "hours": 36,
        "finished": date(2025, 10, 30),
        "form": "дистанционная",
    }
    return row_of(training.SPEC, defaults, overrides)


def competition(**overrides: Any) -> Row:
    """A valid competition entry of pair НП-001."""
    defaults = {
        "day": date(2025, 10, 1),
        "participants": PAIR_CODE,
        "contest": "Педагогический дебют",
        "level": "муниципальный",
        "result": "лауреат",
    }
    return row_of(competitions.SPEC, defaults, overrides)


def incentive(**overrides: Any) -> Row:
    """A valid October bonus of the default mentor."""
    defaults = {
        "mentor": MENTOR,
        "month": "октябрь 2025",
        "basis": "Приказ № 145",
        "amount": 3000,
    }
    return row_of(incentives.SPEC, defaults, overrides)


def practice(**overrides: Any) -> Row:
    """A valid published practice with a web link."""
    defaults = {
        "name": "Кейс: первый месяц молодого учителя",
        "kind": "кейс",
        "authors": "Иванова М. П.",
        "day": date(2025, 10, 20),
        "link": "https://school5.ru/nastavnik/case-1",
        "on_site": "да",
    }
    return row_of(practices.SPEC, defaults, overrides)


def responsible(**overrides: Any) -> Row:
    """A valid row of «Ответственные»: the deputy director."""
    defaults = {
        "role": "заместитель директора",
        "fio": "Смирнова Елена Викторовна",
        "email": "smirnova@school5.ru",
    }
    return row_of(responsibles.SPEC, defaults, overrides)


def setting(name: str, value: object) -> Row:
    """A row of «Настройки»."""
    return row_of(settings.SPEC, {"name": name, "value": value}, {})
