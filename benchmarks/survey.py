"""What a survey response sheet costs — measured and reported, never asserted.

    python benchmarks/survey.py [--answers N] [--repeat N] [--scale large|small]

The large synthetic school (2,000 teachers, 1,000 pairs, 100,000 meetings) with and without a
response sheet of N answers (default 2,000: the participants of the school's pairs in turn,
the timestamps spread over December, as a Google Form lays them out; answers from people whose
pair was not working that day are not counted, each with its problem):

- ``analyse`` (parse + compute) of the in-memory snapshot without and with the sheet: the
  added time is what matching every answer to «Пары» on its date and the one-per-respondent
  rule cost;
- reading a .xlsx holding only that response sheet: nastavnik's reader (python-calamine and
  the formula scan) beside openpyxl's bare read-only pass over every value (the baseline).

Prints a Markdown table (medians). Exit code 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl

from benchmarks.measure import snapshot_of, timed
from nastavnik.demo.grid import Grid
from nastavnik.demo.large import LARGE_TODAY, large_grids
from nastavnik.sheets_schema import survey
from nastavnik.sheets_schema.sheets import pairs, settings
from nastavnik.sync.backends.xlsx.backend import XlsxWorkbook
from nastavnik.sync.compute import Outcome
from nastavnik.sync.engine import analyse

FORM = "Ответы на форму (1)"
# teachers, pairs, meetings: the large synthetic school, and a small one for the smoke test
SCALES = {"large": (2000, 1000, 100_000), "small": (200, 100, 2000)}
HEADER = ["Отметка времени", survey.FIO.title, survey.SATISFACTION.title, survey.IMPROVE.title]


def response_grid(grids: dict[str, Grid], answers: int) -> Grid:
    """`answers` rows: mentors and mentees of the school's pairs, December of the wave year."""
    header = grids[pairs.TITLE][0]
    mentor, mentee = header.index("Наставник"), header.index("Наставляемый")
    people = [row[i] for row in grids[pairs.TITLE][1:] for i in (mentor, mentee)]
    start = datetime(LARGE_TODAY.year, 12, 1, 8, 0)
    step = timedelta(days=30) / max(answers, 1)
    return [
        list(HEADER),
        *(
            [start + step * n, people[n % len(people)], 5 + n % 6, "Больше встреч"]
            for n in range(answers)
        ),
    ]


def with_form(grids: dict[str, Grid], form: Grid) -> dict[str, Grid]:
    """The school with the response sheet, named in «Настройки»."""
    named: Grid = [*grids[settings.TITLE], ["Лист ответов опроса", FORM]]
    return {**grids, settings.TITLE: named, FORM: form}


def read_times(form: Grid, repeat: int) -> tuple[float, float]:
    """Median seconds: nastavnik's reader and openpyxl read-only over a file of the sheet."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ответы.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = FORM
        for row in form:
            sheet.append(row)
        book.save(path)

        def bare() -> int:
            loaded = openpyxl.load_workbook(path, read_only=True, data_only=True)
            try:
                return sum(1 for _ in loaded[FORM].iter_rows(values_only=True))
            finally:
                loaded.close()

        ours, _ = timed(repeat, lambda: XlsxWorkbook(path).read([FORM]))
        theirs, _ = timed(repeat, bare)
    return statistics.median(ours), statistics.median(theirs)


def main(argv: list[str] | None = None) -> int:
    """Measure and print the table."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--answers", type=int, default=2000)
    options.add_argument("--repeat", type=int, default=3)
    options.add_argument("--scale", choices=sorted(SCALES), default="large")
    args = options.parse_args(argv)
    grids = large_grids(*SCALES[args.scale])
    form = response_grid(grids, args.answers)
    today = datetime(LARGE_TODAY.year + 1, 1, 15).date()
    plain, _ = timed(args.repeat, lambda: analyse(snapshot_of(grids), today))
    both, result = timed(args.repeat, lambda: analyse(snapshot_of(with_form(grids, form)), today))
    assert isinstance(result, tuple)
    outcome: Outcome = result[1]
    counted = sum(1 for a in outcome.context.feedback_answers if a.sheet == FORM)
    ours, theirs = read_times(form, args.repeat)
    print(f"| {args.scale} school, {args.answers:,} form answers ({counted:,} counted) | seconds |")
    print("|---|---|")
    print(f"| analyse without the response sheet | {statistics.median(plain):.2f} |")
    print(f"| analyse with it | {statistics.median(both):.2f} |")
    print(f"| read the sheet: nastavnik (calamine + scan) | {ours:.3f} |")
    print(f"| read the sheet: openpyxl read-only, every value (baseline) | {theirs:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
