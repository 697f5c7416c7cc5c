"""One write as several ``spreadsheets.batchUpdate`` bodies of at most 2 MB each.

Google refuses a body over 10 MiB ("Request payload size exceeds the limit") and
recommends at most 2 MB. The requests of a write are packed in their order into as few
bodies as fit under `MAX_BODY`; an ``updateCells`` that does not fit whole is cut between
its rows, its first rows filling the current body. So the number of bodies grows only
with the bytes to write, ceil(bytes / 2 MB), never with the number of sheets or rows.

The caller orders the requests so that every prefix of them leaves a workbook the next
sync completes (new sheets before their cells, the layout stamp after the layout, the
journal row last); each body is atomic on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nastavnik.sheets_schema.errors import UnsafeWrite
from nastavnik.sync.backends.google.http import Json, encode_body

MAX_BODY = 2_000_000  # bytes: Google's recommendation ("2 MB"), read as the smaller unit
_ENVELOPE = len(encode_body({"requests": [], "includeSpreadsheetInResponse": False}))
_READ_BACK = len(',"responseRanges":[],"responseIncludeGridData":true') + 1


def split_parts(
    requests: Sequence[Json], limit: int = MAX_BODY, extra: Callable[[Json], int] | None = None
) -> list[list[Json]]:
    """`requests` in order, packed into lists whose body is at most `limit` bytes.

    `extra(request)`: bytes a request adds elsewhere in its body (a range to read back).
    """
    parts: list[list[Json]] = []
    current: list[Json] = []
    envelope = _ENVELOPE + (_READ_BACK if extra else 0)
    used = envelope
    for request in requests:
        pending: Json | None = request
        while pending is not None:
            size = len(encode_body(pending)) + 1 + (extra(pending) if extra else 0)
            if used + size <= limit:
                current.append(pending)
                used += size
                pending = None
                continue
            head, tail = _cut(pending, limit - used)
            if head is None and not current:
                raise UnsafeWrite(
                    f"Отказ: один запрос к Google длиннее {limit} байт; его нельзя разделить."
                )
            if head is not None:
                current.append(head)
            parts.append(current)
            current, used = [], envelope
            pending = tail if head is not None else pending
    if current:
        parts.append(current)
    return parts


def _cut(request: Json, room: int) -> tuple[Json | None, Json]:
    """The first rows of an updateCells that fit in `room` bytes, and the rest."""
    update = request.get("updateCells")
    rows = update.get("rows", []) if isinstance(update, dict) else []
    if not isinstance(update, dict) or len(rows) < 2 or "range" not in update:
        return None, request
    overhead = len(encode_body({"updateCells": {**update, "rows": []}})) + 1
    used, count = overhead, 0
    for row in rows[:-1]:
        used += len(encode_body(row)) + 1
        if used > room:
            break
        count += 1
    if count == 0:
        return None, request
    return _rows(update, 0, count), _rows(update, count, len(rows))


def _rows(update: Json, first: int, last: int) -> Json:
    """The updateCells of rows [first, last) of `update`."""
    grid = dict(update["range"])
    start = int(grid.get("startRowIndex", 0))
    grid["startRowIndex"], grid["endRowIndex"] = start + first, start + last
    return {"updateCells": {**update, "range": grid, "rows": update["rows"][first:last]}}


def with_final(parts: list[list[Json]], final: Sequence[Json], limit: int = MAX_BODY) -> int:
    """Add the small `final` requests at the end, in the last part when they fit.

    Returns the index of the part that holds them (all of them, never split).
    """
    size = sum(len(encode_body(r)) + 1 for r in final)
    last = parts[-1] if parts else None
    if last is not None and body_size(last) + size <= limit:
        last.extend(final)
        return len(parts) - 1
    parts.append(list(final))
    return len(parts) - 1


def body_size(requests: Sequence[Json]) -> int:
    """Bytes of the batchUpdate body holding `requests`."""
    return _ENVELOPE + sum(len(encode_body(r)) + 1 for r in requests)
