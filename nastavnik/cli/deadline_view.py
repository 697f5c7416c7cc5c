"""`nastavnik deadline`: how a «Сроки» text is understood (text or JSON). Pure formatting."""

from __future__ import annotations

import json
from collections.abc import Iterator

from nastavnik.sheets_schema.deadlines import Occurrence, Schedule


def as_json(schedule: Schedule, occurrences: tuple[Occurrence, ...]) -> str:
    """{"text", "kind", "occurrences": [{"start", "due", "academic_year"}]} (roadmap.md)."""
    return json.dumps(
        {
            "text": schedule.text,
            "kind": schedule.kind,
            "occurrences": [
                {
                    "start": o.start.isoformat(),
                    "due": o.due.isoformat(),
                    "academic_year": o.academic_year,
                }
                for o in occurrences
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_text(schedule: Schedule, occurrences: tuple[Occurrence, ...]) -> Iterator[str]:
    """A short Russian explanation and a table of occurrences."""
    yield f"Текст: «{schedule.text}»"
    yield f"Понято как: {schedule.kind} (периодичность: {schedule.periodicity})"
    if not occurrences:
        yield "Сроков нет: пункт никогда не будет просрочен."
        return
    yield f"Сроков в периоде: {len(occurrences)}"
    yield f"  {'код':<14} {'начало':<11} {'срок':<11} учебный год"
    for o in occurrences:
        yield f"  {o.code:<14} {o.start:%d.%m.%Y}  {o.due:%d.%m.%Y}  {o.academic_year}"
