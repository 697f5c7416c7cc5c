"""The engine: read → parse → compute → plan → apply, shared by the CLI and the jobs.

Only `read` and `apply` touch the workbook; the clock is injected (`clock`), so the same
run is reproducible in tests. Staff edits between read and write are detected by the
backend (ConcurrentEdit) and the whole cycle is redone, a bounded number of times.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime

from nastavnik import sheets_schema
from nastavnik.sheets_schema.errors import ConcurrentEdit
from nastavnik.sheets_schema.service import (
    ATTENTION,
    ERRORS,
    JOURNAL,
    MONITORING,
    REPORTS,
    SUMMARY,
)
from nastavnik.sheets_schema.sheets import responsibles
from nastavnik.sync.backends.base import Workbook, read_layouts
from nastavnik.sync.changeset import ChangeSet, ChangeSetBuilder
from nastavnik.sync.compute import Outcome, compute
from nastavnik.sync.layout import plan_layout
from nastavnik.sync.parse import parse
from nastavnik.sync.plan import (
    plan_journal,
    plan_registry,
    plan_row_heights,
    plan_service_sheet,
)
from nastavnik.sync.registry import Registry
from nastavnik.sync.seeds import SeedOptions, plan_seeds
from nastavnik.sync.service.attention_sheet import attention_grid, role_holders
from nastavnik.sync.service.errors_sheet import errors_grid
from nastavnik.sync.service.journal import REQUESTS_COLUMN, JournalEntry, school_wall_time
from nastavnik.sync.service.monitoring import monitoring_grid
from nastavnik.sync.service.reported import changed_figures, plan_record
from nastavnik.sync.service.summary import summary_grid
from nastavnik.sync.snapshot import EVERY_SHEET, SheetLayout, Snapshot

ATTEMPTS = 3
Clock = Callable[[], datetime]
ALL_TITLES = tuple(spec.title for spec in sheets_schema.ALL_SHEETS)
# sync and validate read every sheet: a survey's response sheet may have any title
# («Настройки», read in the same go, names it), and on Google it costs no extra request.
SYNC_TITLES = (*ALL_TITLES, EVERY_SHEET)
# The journal row itself: appended below the last one, every one of its cells is written,
# so the journal's «Ячеек изменено» counts the same cells as the console.
JOURNAL_CELLS = len(JOURNAL.columns)


@dataclass(frozen=True)
class RunReport:
    """What a run found and did."""

    command: str
    registry: Registry
    outcome: Outcome
    changes: ChangeSet
    written: bool
    requests: int
    seconds: float
    snapshot: Snapshot | None = None  # what was read (validate keeps it for `report`)

    @property
    def has_errors(self) -> bool:
        """True when any error-level problem exists (exit code 1)."""
        return self.outcome.errors > 0


@contextmanager
def long_lived_objects() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that all stay alive.

    Parsing and computing create hundreds of thousands of small objects and free none, so
    generational collection only rescans them (about 30% of the core's time on 100k rows).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def analyse(snapshot: Snapshot, today: date) -> tuple[Registry, Outcome]:
    """Parse and compute (pure); a recorded report figure the data now changes is a warning."""
    with long_lived_objects():
        registry = parse(snapshot)
        outcome = compute(registry, today)
    found = changed_figures(outcome.context, snapshot.table(REPORTS.title))
    return registry, replace(outcome, problems=outcome.problems + tuple(found))


def plan_init(
    snapshot: Snapshot,
    options: SeedOptions | None = None,
    layouts: Mapping[str, SheetLayout] | None = None,
) -> ChangeSet:
    """Plan `init` (pure): every sheet, column and format, and the initial content; no data touched.

    `layouts` (what the backend found on each sheet) lets `init` repair lost layout pieces.
    """
    builder = ChangeSetBuilder()
    planned = plan_layout(snapshot, builder, full=True, layouts=layouts)
    plan_seeds(snapshot, planned, builder, options or SeedOptions())
    return builder.build()


def run_init(workbook: Workbook, options: SeedOptions | None = None) -> ChangeSet:
    """Create or upgrade the workbook's layout; idempotent. `options.today` is the shell's day."""
    snapshot = workbook.read(ALL_TITLES)
    changes = plan_init(snapshot, options, read_layouts(workbook, snapshot))
    if not changes.is_empty:
        workbook.apply(changes, snapshot)
    return changes


def plan_sync(snapshot: Snapshot, today: date) -> tuple[Registry, Outcome, ChangeSetBuilder]:
    """Plan a full sync (pure): layout, keys, calc cells and service sheets; no journal yet."""
    registry, outcome = analyse(snapshot, today)
    builder = ChangeSetBuilder(read_only=frozenset(s.title for s in registry.responses))
    planned = plan_layout(snapshot, builder, full=False)
    with long_lived_objects():
        plan_registry(registry, outcome.cells, outcome.appended, planned, builder)
    holders = role_holders(registry.sheet(responsibles.SPEC))
    grids = {
        SUMMARY.title: summary_grid(outcome),
        ATTENTION.title: attention_grid(outcome.attention, holders),
        ERRORS.title: errors_grid(outcome.problems),
        MONITORING.title: monitoring_grid(outcome),
    }
    for title, grid in grids.items():
        spec = next(s for s in sheets_schema.SERVICE_SHEETS if s.title == title)
        plan_service_sheet(spec, planned[title], grid, builder)
    plan_row_heights(planned, builder)
    builder.planned_journal = planned[JOURNAL.title]
    return registry, outcome, builder


def run_sync(
    workbook: Workbook,
    today: date,
    clock: Clock,
    *,
    command: str = "sync",
    dry_run: bool = False,
    always_journal: bool = False,
) -> RunReport:
    """Read, plan and (unless dry_run) write; redo the cycle when staff moved rows meanwhile."""
    started = clock()
    earlier = 0  # requests of attempts redone after ConcurrentEdit: the journal counts them too
    for attempt in range(1, ATTEMPTS + 1):
        snapshot = workbook.read(SYNC_TITLES)
        registry, outcome, builder = plan_sync(snapshot, today)
        if dry_run or (not builder.writes and not builder.new_sheets and not always_journal):
            changes = builder.build()
            written = False if dry_run else _apply(workbook, changes, snapshot)
            return RunReport(
                command,
                registry,
                outcome,
                changes,
                written,
                snapshot.requests,
                _seconds(started, clock),
            )
        requests = earlier + snapshot.requests + workbook.write_requests
        entry = _journal_entry(command, registry, outcome, builder, requests, started, clock)
        assert builder.planned_journal is not None
        plan_journal(builder.planned_journal, entry.row(), builder, REQUESTS_COLUMN)
        builder.earlier_requests = earlier
        changes = builder.build()
        del builder  # its lists and anchor index are copies the write does not need
        try:
            result = workbook.apply(changes, snapshot)
        except ConcurrentEdit as error:
            if attempt == ATTEMPTS:
                raise
            earlier += error.requests
            continue
        requests = earlier + snapshot.requests + result.requests
        return RunReport(
            command, registry, outcome, changes, True, requests, _seconds(started, clock)
        )
    raise AssertionError("unreachable")  # pragma: no cover


def _apply(workbook: Workbook, changes: ChangeSet, snapshot: Snapshot) -> bool:
    if changes.is_empty:
        return False
    workbook.apply(changes, snapshot)
    return True


def _journal_entry(
    command: str,
    registry: Registry,
    outcome: Outcome,
    builder: ChangeSetBuilder,
    requests: int,
    started: datetime,
    clock: Clock,
) -> JournalEntry:
    result = "ошибки в данных" if outcome.errors else "успешно"
    overdue = sum(1 for item in outcome.attention if item.overdue_days > 0)
    when = school_wall_time(started, registry.settings.timezone)
    return JournalEntry(
        when, command, result, registry.rows_read, outcome.errors, outcome.warnings, overdue,
        len(builder.writes) + JOURNAL_CELLS, requests, _seconds(started, clock),
    )  # fmt: skip


def _seconds(started: datetime, clock: Clock) -> float:
    return max((clock() - started).total_seconds(), 0.0)


def run_validate(workbook: Workbook, today: date, clock: Clock) -> RunReport:
    """Read and check; write nothing."""
    started = clock()
    snapshot = workbook.read(SYNC_TITLES)
    registry, outcome = analyse(snapshot, today)
    return RunReport(
        "validate",
        registry,
        outcome,
        ChangeSet(),
        False,
        snapshot.requests,
        _seconds(started, clock),
        snapshot,
    )


def record_report(workbook: Workbook, report: RunReport, year_start: int) -> bool:
    """Append the year's figures to «Отчёты» (adding the sheet); False when already on record.

    `report` is the validate run the report was made from. The write goes the normal way
    (ChangeSet → backend.apply): it is refused while the file is open, like any other.
    """
    assert report.snapshot is not None
    builder = ChangeSetBuilder()
    planned = plan_layout(report.snapshot, builder, full=False)
    if not plan_record(planned[REPORTS.title], report.outcome.context, year_start, builder):
        return False
    workbook.apply(builder.build(), report.snapshot)
    return True
