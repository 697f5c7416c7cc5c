"""Reading `nastavnik form`'s output back (no tests here): its titles, and what they mean as headers."""

from __future__ import annotations

import json
import re
from datetime import date

from nastavnik.sheets_schema import survey

# The form's questions in printed order, and the fields each must fill (written by hand).
FORM_FIELDS = ["fio", "pair_code", "satisfaction", "usefulness", "goals", "useful", "improve"]
ALTERNATIVE_FIELDS = ["pair_code", "respondent"]
# Pair overrides (tests.factories.pair) as of 20.11.2025: planned for next year, planned but
# never started and already past its end, finished in May, stopped in October.
NEXT_YEAR = {"status": "планируется", "start": date(2026, 1, 12), "planned_end": date(2026, 12, 18)}
STALE = {"status": "планируется", "start": date(2025, 1, 13), "planned_end": date(2025, 5, 30)}
FINISHED = {
    "status": "завершена",
    "start": date(2024, 9, 2),
    "planned_end": date(2025, 5, 30),
    "actual_end": date(2025, 5, 30),
}
STOPPED = {"status": "прекращена досрочно", "actual_end": date(2025, 10, 31)}
QUESTION_LINE = re.compile(r"^\s*\d+\. «([^»]+)» — ")


def json_titles(text: str) -> tuple[list[str], list[str]]:
    """(the form's titles, the alternative identity's titles) from `--json` output."""
    data = json.loads(text)
    alternative = data["identity"]["by_pair_code"]["questions"]
    return [q["title"] for q in data["questions"]], [q["title"] for q in alternative]


def text_titles(lines: list[str]) -> list[str]:
    """Every «title» of a numbered question line of the text output, in printed order."""
    return [m.group(1) for line in lines if (m := QUESTION_LINE.match(line))]


def fields_under(headers: list[str]) -> dict[str, str]:
    """Header → the field `find_columns` maps it to, on a sheet laid out as Google Forms does."""
    found = survey.find_columns(("Отметка времени", *headers))
    return {headers[column - 1]: field for field, column in found.items() if column > 0}
