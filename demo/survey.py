"""The demo school's survey form: the wave in progress answered through a Google Form.

Past waves are typed into «Обратная связь» (as schools did before the form); the answers of
the wave whose month holds `today` arrive in «Ответы на форму (1)», laid out as Google Forms
lays out a linked sheet: «Отметка времени» first, then one column per question in the form's
order, titled by the question. A group's mentor answers once. Outside a wave month the sheet
holds only its header, as a new form's sheet does.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from nastavnik.demo.grid import Grid, Row
from nastavnik.demo.pairs import DemoPair
from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.columns import Col
from nastavnik.sheets_schema.sheets.settings import RESPONSE_SHEETS
from nastavnik.sync.changeset import ColumnFormat
from nastavnik.sync.snapshot import Cell

FORM_SHEET = survey.FIRST_RESPONSE_TITLE
SETTING_ROW: Row = {"Параметр": RESPONSE_SHEETS, "Значение": FORM_SHEET}
HEADER = [survey.TIMESTAMP_HEADERS[0], survey.FIO.title, *(q.title for q in survey.ANSWERS)]


def form_widths() -> tuple[ColumnFormat, ...]:
    """Readable widths for the response sheet's columns (what staff drag them to in Google)."""
    widths = (20, 34, 16, 16, 16, 32, 32)
    return tuple(
        ColumnFormat(FORM_SHEET, n, Col(header, width=w))
        for n, (header, w) in enumerate(zip(HEADER, widths, strict=True))
    )


def split_wave_in_progress(rows: list[Row], today: date) -> tuple[list[Row], list[Row]]:
    """(typed rows, rows of the wave in progress) — the latter are sent through the form."""
    typed: list[Row] = []
    sent: list[Row] = []
    for row in rows:
        day = row["Дата"]
        in_progress = isinstance(day, date) and (day.year, day.month) == (today.year, today.month)
        (sent if in_progress else typed).append(row)
    return typed, sent


def _as_sent(value: object) -> Cell:
    """A form stores a scale answer as a number (staff typed some as text into the sheet)."""
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value if isinstance(value, str | int) else None


def form_grid(sent: list[Row], pairs: list[DemoPair]) -> Grid:
    """The response sheet: one row per person (a group's mentor once), in the order sent."""
    by_code = {p.code: p for p in pairs}
    grid: Grid = [list(HEADER)]
    seen: set[str] = set()
    for number, row in enumerate(sent):
        pair = by_code[str(row["Код пары"])]
        person = pair.mentor if row["Респондент"] == "наставник" else pair.mentee
        if person in seen:
            continue
        seen.add(person)
        day = row["Дата"]
        assert isinstance(day, date)
        moment = datetime.combine(day, time(8, 30)) + timedelta(minutes=23 * number)
        answers = [_as_sent(row.get(q.typed_header or q.title)) for q in survey.ANSWERS]
        grid.append([moment, person, *answers])
    return grid
