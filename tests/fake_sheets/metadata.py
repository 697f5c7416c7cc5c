"""Developer metadata: create/update/delete requests, ``developerMetadata.get`` and ``:search``.

Locations are stored with Google's ``locationType`` (SPREADSHEET, SHEET,
ROW, COLUMN).  Spreadsheet- and sheet-level entries show up in
``spreadsheets.get``; row/column entries live on their sheet, move with their
row or column (`dimensions`) and show up in grid data's ``rowMetadata``.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.fake_sheets.batch_update import BatchContext, handler, sheet_of, update_mask
from tests.fake_sheets.common import Json, deep_copy
from tests.fake_sheets.errors import invalid_argument, not_found, unimplemented
from tests.fake_sheets.fieldmask import apply_update
from tests.fake_sheets.state import Spreadsheet

_VISIBILITIES = ("DOCUMENT", "PROJECT")
_LOOKUP_FIELDS = ("metadataId", "metadataKey", "metadataValue", "visibility")


def _location(ctx: BatchContext, location: Json) -> Json:
    if location.get("spreadsheet"):
        return {"locationType": "SPREADSHEET", "spreadsheet": True}
    if "sheetId" in location:
        sheet = sheet_of(ctx, location)
        return {"locationType": "SHEET", "sheetId": sheet.sheet_id}
    if "dimensionRange" in location:
        dim = deep_copy(location["dimensionRange"])
        sheet = sheet_of(ctx, dim)
        if not sheet.sheet_id:
            dim.pop("sheetId", None)
        kind = "ROW" if dim.get("dimension") == "ROWS" else "COLUMN"
        return {"locationType": kind, "dimensionRange": dim}
    raise invalid_argument("Developer metadata location must be specified.")


def _check(meta: Json) -> None:
    if not meta.get("metadataKey"):
        raise invalid_argument("Developer metadata must have a key.")
    if meta.get("visibility") not in _VISIBILITIES:
        raise invalid_argument("Developer metadata visibility must be DOCUMENT or PROJECT.")


@handler("createDeveloperMetadata")
def _create(ctx: BatchContext, request: Json) -> Json:
    meta = deep_copy(request.get("developerMetadata", {}))
    _check(meta)
    meta["location"] = _location(ctx, meta.get("location", {}))
    if ctx.metadata_ids is None:  # once per batch: a batch may create thousands
        ctx.metadata_ids = {int(m["metadataId"]) for m in all_metadata(ctx.book)}
    used = ctx.metadata_ids
    if "metadataId" in meta and int(meta["metadataId"]) in used:
        raise invalid_argument(f"Developer metadata with ID {meta['metadataId']} already exists.")
    meta_id = int(meta.get("metadataId") or ctx.store.random_id())
    while meta_id in used and "metadataId" not in meta:
        meta_id = ctx.store.random_id()
    used.add(meta_id)
    meta = {"metadataId": meta_id, **{k: v for k, v in meta.items() if k != "metadataId"}}
    _holder(ctx, meta).append(meta)
    return {"developerMetadata": deep_copy(meta)}


def _holder(ctx: BatchContext, meta: Json) -> list[Json]:
    """Where an entry is kept: on its sheet when it sits on a row or column."""
    location = meta["location"]
    if "dimensionRange" in location:
        return sheet_of(ctx, location["dimensionRange"]).dimension_metadata
    return ctx.book.developer_metadata


def all_metadata(book: Spreadsheet) -> list[Json]:
    """Every entry of the spreadsheet, row and column ones included."""
    out = list(book.developer_metadata)
    for sheet in book.sheets:
        out.extend(sheet.dimension_metadata)
    return out


@handler("updateDeveloperMetadata")
def _update(ctx: BatchContext, request: Json) -> Json:
    mask = update_mask(request, "DeveloperMetadata")
    found = matching(ctx.book, request.get("dataFilters", []))
    updated: list[Json] = []
    for meta in found:
        new = apply_update(meta, request.get("developerMetadata", {}), mask)
        new["metadataId"] = meta["metadataId"]
        _check(new)
        new["location"] = _location(ctx, new.get("location", {}))
        _forget(ctx.book, [meta])
        _holder(ctx, new).append(new)
        updated.append(deep_copy(new))
    return {"developerMetadata": updated} if updated else {}


@handler("deleteDeveloperMetadata")
def _delete(ctx: BatchContext, request: Json) -> Json:
    found = matching(ctx.book, [request.get("dataFilter", {})])
    _forget(ctx.book, found)
    return {"deletedDeveloperMetadata": deep_copy(found)} if found else {}


def _forget(book: Spreadsheet, entries: list[Json]) -> None:
    gone = {id(m) for m in entries}
    book.developer_metadata = [m for m in book.developer_metadata if id(m) not in gone]
    for sheet in book.sheets:
        sheet.dimension_metadata = [m for m in sheet.dimension_metadata if id(m) not in gone]


def matching(book: Spreadsheet, filters: list[Json]) -> list[Json]:
    """Metadata matched by any of the DataFilters (developerMetadataLookup only)."""
    return [m for m in all_metadata(book) if any(_matches(m, f) for f in filters)]


def matcher(book: Spreadsheet) -> Callable[[Json], list[Json]]:
    """`matching` for one filter at a time, fast for lookups by id or value (many at once)."""
    entries = all_metadata(book)
    by_key: dict[tuple[str, str], list[Json]] = {}
    for meta in entries:
        for field in ("metadataId", "metadataValue"):
            by_key.setdefault((field, str(meta.get(field, ""))), []).append(meta)

    def match(data_filter: Json) -> list[Json]:
        lookup = data_filter.get("developerMetadataLookup", {})
        pool = entries
        for field in ("metadataId", "metadataValue"):
            if field in lookup:
                pool = by_key.get((field, str(lookup[field])), [])
                break
        return [m for m in pool if _matches(m, data_filter)]

    return match


def _matches(meta: Json, data_filter: Json) -> bool:
    if "developerMetadataLookup" not in data_filter:
        raise unimplemented("data filters other than developerMetadataLookup")
    lookup = data_filter["developerMetadataLookup"]
    for key in _LOOKUP_FIELDS:
        if key in lookup and meta.get(key) != lookup[key]:
            return False
    location = meta.get("location", {})
    if "locationType" in lookup and location.get("locationType") != lookup["locationType"]:
        return False
    wanted = lookup.get("metadataLocation", {})
    return all(location.get(key) == value for key, value in wanted.items())


def get_metadata(book: Spreadsheet, metadata_id: int) -> Json:
    """GET .../developerMetadata/{id}."""
    for meta in all_metadata(book):
        if meta["metadataId"] == metadata_id:
            found: Json = deep_copy(meta)
            return found
    raise not_found()


def search_metadata(book: Spreadsheet, body: Json) -> Json:
    """POST .../developerMetadata:search."""
    matched: list[Json] = []
    for meta in all_metadata(book):
        hits = [f for f in body.get("dataFilters", []) if _matches(meta, f)]
        if hits:
            matched.append({"developerMetadata": deep_copy(meta), "dataFilters": deep_copy(hits)})
    return {"matchedDeveloperMetadata": matched} if matched else {}
