"""The slice of Drive v3 gspread needs: create a spreadsheet file, get, list, delete.

Drive answers unknown/unshared files with 404 ``File not found`` and uses
its own error shape (``errors`` list, no ``status``).
"""

from __future__ import annotations

import re

from tests.fake_sheets.common import Json, Query, qget
from tests.fake_sheets.errors import drive_error, unimplemented
from tests.fake_sheets.fieldmask import MaskSyntaxError, parse_mask, project
from tests.fake_sheets.state import Spreadsheet, Store

SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
_DEFAULT_FIELDS = "kind,id,name,mimeType"
_NAME_QUERY = re.compile(r"name\s*=\s*(['\"])(.*?)\1")


def file_json(book: Spreadsheet) -> Json:
    """Everything the fake knows about a file, in Drive's field names."""
    return {
        "kind": "drive#file",
        "id": book.id,
        "name": book.title,
        "mimeType": SPREADSHEET_MIME,
        "createdTime": book.created_time,
        "modifiedTime": book.modified_time,
        "trashed": False,
    }


def _masked(value: Json, query: Query, default: str) -> Json:
    try:
        mask = parse_mask(qget(query, "fields", default) or default)
    except MaskSyntaxError:
        raise drive_error(400, "Invalid field selection", "invalidParameter", "fields") from None
    out: Json = project(value, mask)
    return out


def create_file(store: Store, body: Json, query: Query, identity: str) -> Json:
    """POST /drive/v3/files with the spreadsheet mimeType."""
    if body.get("mimeType") != SPREADSHEET_MIME:
        raise unimplemented(f"Drive files of type {body.get('mimeType')!r}")
    book = store.create({"title": str(body.get("name") or "Untitled spreadsheet")}, [], identity)
    return _masked(file_json(book), query, _DEFAULT_FIELDS)


def get_file(book: Spreadsheet, query: Query) -> Json:
    """GET /drive/v3/files/{id}."""
    return _masked(file_json(book), query, _DEFAULT_FIELDS)


def list_files(store: Store, query: Query, identity: str) -> Json:
    """GET /drive/v3/files?q=... (spreadsheets only, ``name = '...'`` filter)."""
    wanted = _NAME_QUERY.search(qget(query, "q"))
    files = [
        file_json(book)
        for book in store.spreadsheets.values()
        if identity in book.readers and (wanted is None or book.title == wanted.group(2))
    ]
    listing: Json = {"kind": "drive#fileList", "incompleteSearch": False, "files": files}
    return _masked(listing, query, "kind,incompleteSearch,files(kind,id,name,mimeType)")
