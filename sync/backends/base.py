"""The storage edge: a small Workbook protocol every backend implements."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from nastavnik.sheets_schema.errors import WorkbookError
from nastavnik.sync.a1 import cell_address
from nastavnik.sync.changeset import ChangeSet
from nastavnik.sync.snapshot import SheetLayout, Snapshot


def merged_cell_error(title: str, row: int, column: int) -> WorkbookError:
    """The Russian refusal to write into merged cells (every backend uses it)."""
    return WorkbookError(
        f"Ячейка {cell_address(row, column)} листа «{title}» входит в объединённые ячейки — "
        "записать нельзя.",
        hint="Разъедините ячейки в этом столбце и повторите.",
    )


@dataclass(frozen=True)
class ApplyResult:
    """What a backend did with a ChangeSet."""

    cells_written: int
    requests: int  # API requests the write took (0 for local files)


class Workbook(Protocol):
    """A spreadsheet nastavnik can read in one go and write a ChangeSet to."""

    @property
    def name(self) -> str:
        """How to show this workbook to a person (a path or a spreadsheet title)."""
        ...

    @property
    def write_requests(self) -> int:
        """API requests `apply` makes for a non-empty ChangeSet (0 for local files), for the journal."""
        ...

    def exists(self) -> bool:
        """True when the workbook is there (a missing local file is created by `init`)."""
        ...

    def read(self, titles: Sequence[str]) -> Snapshot:
        """Read the sheets with these titles (missing ones are simply absent)."""
        ...

    def apply(self, changes: ChangeSet, snapshot: Snapshot) -> ApplyResult:
        """Write the ChangeSet planned from `snapshot`; raise ConcurrentEdit if rows moved."""
        ...


@runtime_checkable
class LayoutReader(Protocol):
    """A backend that can tell which pieces of nastavnik's layout each sheet has (for `init`)."""

    def read_layouts(self, snapshot: Snapshot) -> Mapping[str, SheetLayout]:
        """Title (as in the workbook) → the layout pieces found on that sheet."""
        ...


def read_layouts(workbook: object, snapshot: Snapshot) -> Mapping[str, SheetLayout] | None:
    """What layout the workbook's sheets have, or None when its backend cannot tell."""
    return workbook.read_layouts(snapshot) if isinstance(workbook, LayoutReader) else None
