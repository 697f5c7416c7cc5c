"""Sending one write: structure parts, then the anchored cells, the journal row last.

Every part is at most `MAX_BODY` bytes (see `parts`) and atomic on its own, and the order
makes every prefix safe: new sheets, growth, layout and the service sheets first; the
row anchors, verified in the answer of the part that sets them (see `anchors`); then the
cells of staff rows through the anchors; the journal row, with the run's true request
count, in the very last body — rendered again for a retry, so the count includes it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from nastavnik.sync.a1 import quote_title
from nastavnik.sync.backends.google.anchors import (
    RESPONSE_FIELDS,
    Anchor,
    response_ranges,
    verify,
)
from nastavnik.sync.backends.google.http import Json, SheetsApi
from nastavnik.sync.backends.google.parts import split_parts, with_final
from nastavnik.sync.changeset import CellWrite
from nastavnik.sync.snapshot import Snapshot

# Requests whose repetition changes nothing: a batch of only these may be re-sent blindly.
REPEAT_SAFE = frozenset(
    {
        "updateCells",
        "repeatCell",
        "setDataValidation",
        "updateSheetProperties",
        "updateDimensionProperties",
        "updateDeveloperMetadata",
    }
)


@dataclass(frozen=True)
class Write:
    """What one apply sends."""

    structure: list[Json]  # batchUpdate requests in order, anchor creations last
    anchors: Sequence[Anchor]
    values: list[Json]  # DataFilterValueRanges of the anchored rows, the journal's aside
    final: Callable[[], list[Json]] | None = None  # the journal row, rendered per attempt


def send(
    api: SheetsApi,
    write: Write,
    snapshot: Snapshot,
    date_cols: Mapping[str, list[int]],
    max_body: int,
) -> None:
    """Send the parts in order; raise ConcurrentEdit when an anchor is not on its row."""
    # an anchor may add its own range to the body's responseRanges: count it in
    ranged = {a.meta_id: len(quote_title(a.sheet).encode()) + 20 for a in write.anchors}
    parts = split_parts(write.structure, max_body, lambda r: ranged.get(_anchor_of(r), 0))
    by_id = {a.meta_id: a for a in write.anchors}
    for part in parts:
        created = [by_id[i] for i in _created(part) if i in by_id]
        safe = all(next(iter(r)) in REPEAT_SAFE for r in part)
        answer = api.batch_update(
            part,
            repeat_safe=safe,
            read_back=response_ranges(created) if created else (),
            fields=RESPONSE_FIELDS if created else "",
        )
        if created:
            verify(answer, created, snapshot, date_cols)
    values = split_parts(write.values, max_body) if write.values else []
    last = with_final(values, write.final(), max_body) if write.final is not None else -1
    for index, chunk in enumerate(values):
        api.values_by_filter(_with_final(chunk, write.final) if index == last else chunk)


def _anchor_of(request: Json) -> int:
    """The metadata id of the row anchor a request creates (0 for other requests)."""
    meta = request.get("createDeveloperMetadata", {}).get("developerMetadata", {})
    return int(meta.get("metadataId", 0)) if meta else 0


def _created(part: Sequence[Json]) -> list[int]:
    """Metadata ids of the row anchors a part creates."""
    return [meta_id for request in part if (meta_id := _anchor_of(request))]


def _with_final(
    part: list[Json], final: Callable[[], list[Json]] | None
) -> Callable[[], list[Json]]:
    """The part with its tail (the journal row) rendered again for every attempt."""
    assert final is not None
    head = part[: len(part) - len(final())]

    def render() -> list[Json]:
        return head + final()

    return render


def counted(
    writes: Sequence[CellWrite], tally: tuple[str, int, int] | None, count: int
) -> list[CellWrite]:
    """The journal row with `count` in its request-count cell."""
    if tally is None:
        return list(writes)
    return [replace(w, value=count) if w.column == tally[2] else w for w in writes]
